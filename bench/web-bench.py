#!/usr/bin/env python3
"""web-bench.py - what the web companion costs and how fast it is, on loopback.

Usage:
  python3 bench/web-bench.py --gavel PATH/TO/gavel [--base PATH/TO/gavel-of-main] [--quick]

Prints `name: value` lines:
  web_change_to_page_p50_ms / _p99_ms / _max_ms   a chair's key (n or p, in its pty) to the new state
      arriving at each of 50 connected pages (server-sent-event clients in this script, one select
      loop timestamping every read); 40 changes x 50 pages.
  web_keystroke_p50_ms / _p99_ms (no_serve, viewers_0, viewers_500)   keystroke to screen in the
      chair's note line (bench/keystroke.py's method): without --serve, with it and no page, and with
      500 pages connected.
  web_idle_cpu_50_viewers_percent   CPU of a `gavel serve` process with 50 pages connected and a topic
      running, over 30 s (termdown's figure with no viewer is in the README's table: 1.48 %).
  web_second_late_ms (min/median/max)   one real headless Chromium on the speaker page: when each
      second's change reached the page, after the true second (the machine's clock is the server's).
  web_startup_frame_ms (run, run_serve[, base_run])   startup to the chair's first complete frame
      (bench/startup.py's method), and web_rss_kb (the same three) 2 s after it: what --serve adds,
      and what this binary adds without it compared with --base (the main branch's build).
"""
import argparse
import json
import os
import re
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptyrun  # noqa: E402
import startup  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ESC_RE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[@-_]")


def out(key, value):
    print(f"{key}: {value}", flush=True)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workdir():
    work = tempfile.mkdtemp(prefix="gavel-web-bench.")
    shutil.copy(os.path.join(ROOT, "examples", "lpc2012-virt.toml"), os.path.join(work, "track.toml"))
    return work


def links(gavel, work):
    text = subprocess.run([gavel, "links", os.path.join(work, "track.toml"), "--no-qr"], capture_output=True, text=True).stdout
    found = {}
    for line in text.splitlines():
        m = re.match(r"^(speaker|notes|remote|feed) +(http://127\.0\.0\.1:\d+/\S+)", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def token(url):
    return url.rstrip("/").split("/")[-1] if "/api/" not in url else url.split("/api/")[1].split("/")[0]


class SSEClient:
    """A page, as far as the server can tell: one keep-alive connection reading the event stream."""

    def __init__(self, port, tok):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(f"GET /api/{tok}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
        self.sock.setblocking(False)
        self.buf = b""
        self.states = []  # (monotonic time, json text)

    def read(self, now):
        try:
            chunk = self.sock.recv(1 << 16)
        except BlockingIOError:
            return
        if not chunk:
            raise ConnectionError("closed")
        self.buf += chunk
        while b"\n\n" in self.buf:
            event, self.buf = self.buf.split(b"\n\n", 1)
            for line in event.split(b"\n"):
                if line.startswith(b"data: "):
                    self.states.append((now, line[6:].decode()))

    def close(self):
        self.sock.close()


def pump(clients, seconds, pty_fd=None):
    """Reads every client (and drains the pty) for `seconds`."""
    end = time.monotonic() + seconds
    socks = {c.sock: c for c in clients}
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        fds = list(socks) + ([pty_fd] if pty_fd is not None else [])
        r, _, _ = select.select(fds, [], [], left)
        now = time.monotonic()
        for s in r:
            if s is pty_fd:
                ptyrun.read_chunk(pty_fd)
            else:
                socks[s].read(now)


def current_topic(state_text):
    s = json.loads(state_text)
    slot = s.get("slot") or {}
    topics = slot.get("topics") or []
    return topics[slot["current"]]["id"] if topics else None


def wait_for_frame(fd, marker=b"q quit", limit=15):
    buf = b""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            buf += ptyrun.read_chunk(fd)
            if marker in ESC_RE.sub(b"", buf):
                return True
    return False


def chair(gavel, work, port, extra=()):
    cmd = [gavel, "run", os.path.join(work, "track.toml"), "--by", "bench", "--start"]
    if port:
        cmd += ["--serve", f"127.0.0.1:{port}"]
    pid, fd = ptyrun.spawn(cmd + list(extra), 24, 80)
    if not wait_for_frame(fd):
        ptyrun.stop(pid, fd)
        raise SystemExit("web-bench: the chair console did not start")
    return pid, fd


def change_latency(gavel, pages, changes):
    work = workdir()
    port = free_port()
    pid, fd = chair(gavel, work, port)
    try:
        tok = token(links(gavel, work)["speaker"])
        clients = [SSEClient(port, tok) for _ in range(pages)]
        pump(clients, 1.0, fd)
        if any(not c.states for c in clients):
            raise SystemExit("web-bench: a page got no first state")
        latencies = []
        for i in range(changes):
            for c in clients:
                c.states.clear()
            before = None
            key = b"n" if i % 2 == 0 else b"p"
            sent = time.monotonic()
            os.write(fd, key)
            deadline = sent + 2
            while time.monotonic() < deadline and any(not c.states for c in clients):
                pump(clients, 0.02, fd)
            for c in clients:
                if c.states:
                    latencies.append((c.states[0][0] - sent) * 1000)
            pump(clients, 0.15, fd)
        for c in clients:
            c.close()
        lost = pages * changes - len(latencies)
        out("web_change_to_page_p50_ms", f"{pct(latencies, 50):.1f}")
        out("web_change_to_page_p99_ms", f"{pct(latencies, 99):.1f}")
        out("web_change_to_page_max_ms", f"{max(latencies):.1f}")
        out("web_change_to_page_n", len(latencies))
        out("web_change_to_page_lost", lost)
    finally:
        ptyrun.stop(pid, fd)
        shutil.rmtree(work, ignore_errors=True)


def keystrokes(gavel, viewers, keys, serve=True):
    work = workdir()
    port = free_port() if serve else None
    pid, fd = chair(gavel, work, port)
    clients = []
    name = f"viewers_{viewers}" if serve else "no_serve"
    try:
        if viewers:
            tok = token(links(gavel, work)["speaker"])
            for _ in range(viewers):
                clients.append(SSEClient(port, tok))
        pump(clients, 2.0, fd)
        connected = sum(1 for c in clients if c.states)
        os.write(fd, b"\t")
        pump(clients, 0.5, fd)
        times = []
        letters = b"qxzjkvwy"
        for i in range(keys):
            if i and i % 40 == 0:
                os.write(fd, b"\x15")
                pump(clients, 0.1, fd)
            key = letters[i % len(letters):i % len(letters) + 1]
            sent = time.monotonic()
            os.write(fd, key)
            got = None
            buf = b""
            while time.monotonic() - sent < 1:
                r, _, _ = select.select([fd], [], [], 0.5)
                if r:
                    buf += ptyrun.read_chunk(fd)
                    if key in ESC_RE.sub(b"", buf):
                        got = time.monotonic()
                        break
            if got:
                times.append((got - sent) * 1000)
            # Quiet for 20 ms before the next key; pages read meanwhile, as browsers would.
            pump(clients, 0.02, fd)
        if serve:
            out(f"web_keystroke_{name}_connected", connected)
        out(f"web_keystroke_{name}_p50_ms", f"{pct(times, 50):.2f}")
        out(f"web_keystroke_{name}_p99_ms", f"{pct(times, 99):.2f}")
        out(f"web_keystroke_{name}_lost", keys - len(times))
    finally:
        for c in clients:
            c.close()
        ptyrun.stop(pid, fd)
        shutil.rmtree(work, ignore_errors=True)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(gavel, viewers, seconds):
    work = workdir()
    port = free_port()
    server = subprocess.Popen([gavel, "serve", os.path.join(work, "track.toml"), "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        found = {}
        while len(found) < 4:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("web-bench: gavel serve did not start")
            m = re.match(r"^(speaker|notes|remote|feed) +(http://\S+)", line)
            if m:
                found[m.group(1)] = m.group(2)
        remote = token(found["remote"])
        body = b'{"command":"toggle"}'
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"POST /api/" + remote.encode() + b"/command HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
            s.recv(4096)
        clients = [SSEClient(port, token(found["speaker"])) for _ in range(viewers)]
        pump(clients, 2.0)
        before, t0 = cpu_seconds(server.pid), time.monotonic()
        pump(clients, seconds)
        used, took = cpu_seconds(server.pid) - before, time.monotonic() - t0
        out(f"web_idle_cpu_{viewers}_viewers_percent", f"{used / took * 100:.3f}")
        for c in clients:
            c.close()
    finally:
        server.terminate()
        server.wait(5)
        shutil.rmtree(work, ignore_errors=True)


def second_lateness(gavel, seconds):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    work = workdir()
    port = free_port()
    pid, fd = chair(gavel, work, port)
    driver = None
    try:
        url = links(gavel, work)["speaker"]
        options = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=800,600"):
            options.add_argument(arg)
        if shutil.which("chromium"):
            options.binary_location = shutil.which("chromium")
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        driver.get(url)
        time.sleep(2)
        # Record when each new second reaches the screen: the mutation, then the next frame.
        driver.execute_script("""
            window.__changes = [];
            new MutationObserver(function () {
              requestAnimationFrame(function () { window.__changes.push([Date.now(), document.getElementById('clock').textContent]); });
            }).observe(document.getElementById('clock'), { childList: true, characterData: true, subtree: true });""")
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pump([], 0.5, fd)
        changes = driver.execute_script("return window.__changes;")
        state = driver.execute_script("return fetch('/api/' + Gavel.token + '/state').then(function (r) { return r.json(); });")
        topic = state["slot"]["topics"][state["slot"]["current"]]
        since, acc = topic["runningSinceMs"], topic["accumulatedSeconds"]
        late = []
        for at, text in changes:
            m = re.fullmatch(r"(\d+):(\d\d)", text)
            if not m:
                continue
            shown = int(m.group(1)) * 60 + int(m.group(2))
            # `shown` appears when the time left drops to it: at since + (planned - acc - shown) s.
            due = since + (topic["plannedSeconds"] - acc - shown) * 1000
            late.append(at - due)
        if late:
            out("web_second_late_ms", f"min {min(late):.1f} median {statistics.median(late):.1f} max {max(late):.1f}")
            out("web_second_late_n", len(late))
    finally:
        if driver:
            driver.quit()
        ptyrun.stop(pid, fd)
        shutil.rmtree(work, ignore_errors=True)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def startup_and_rss(name, gavel, serve, runs):
    frames, rss = [], []
    for _ in range(runs):
        work = workdir()
        port = free_port() if serve else None
        cmd = [gavel, "run", os.path.join(work, "track.toml"), "--by", "bench"]
        if serve:
            cmd += ["--serve", f"127.0.0.1:{port}"]
        frames.append(startup.one_run(cmd, 24, 80, 0.1, 5)[2])
        pid, fd = ptyrun.spawn(cmd, 24, 80)
        wait_for_frame(fd)
        pump([], 2.0, fd)
        rss.append(rss_kb(pid))
        ptyrun.stop(pid, fd)
        shutil.rmtree(work, ignore_errors=True)
    frames = [f for f in frames if f is not None]
    out(f"web_startup_frame_ms_{name}", f"min {min(frames):.1f} median {statistics.median(frames):.1f} max {max(frames):.1f}")
    out(f"web_rss_kb_{name}", f"median {statistics.median(rss):.0f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gavel", required=True)
    ap.add_argument("--base", help="gavel built from the main branch, for what this one adds without --serve")
    ap.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    a = ap.parse_args()
    gavel = os.path.abspath(a.gavel)
    q = a.quick
    change_latency(gavel, pages=50, changes=10 if q else 40)
    keystrokes(gavel, viewers=0, keys=60 if q else 300, serve=False)
    keystrokes(gavel, viewers=0, keys=60 if q else 300)
    keystrokes(gavel, viewers=500, keys=60 if q else 300)
    idle_cpu(gavel, viewers=50, seconds=5 if q else 30)
    second_lateness(gavel, seconds=5 if q else 20)
    startup_and_rss("run", gavel, serve=False, runs=3 if q else 10)
    startup_and_rss("run_serve", gavel, serve=True, runs=3 if q else 10)
    if a.base:
        startup_and_rss("base_run", os.path.abspath(a.base), serve=False, runs=3 if q else 10)


if __name__ == "__main__":
    main()
