"""benchlib.py - what the bench drivers share (Python 3 standard library only): `name: value`
output, medians over runs, /proc readings (CPU, wake-ups, memory), a private tmux server, and
reading a pseudo-terminal until its output goes quiet.

Every figure a driver prints for several runs reads `median M (min A, max B, n=N)`: each program
is started several times and no single best run is ever reported.
"""
import os
import re
import select
import signal
import statistics
import subprocess
import tempfile
import time

import ptyrun

CLK_TCK = os.sysconf("SC_CLK_TCK")
ESC_RE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[0-~]")


def out(key, value):
    print(f"{key}: {value}", flush=True)


def visible(data):
    """The bytes a terminal would show as characters: escape sequences removed."""
    return ESC_RE.sub(b"", data)


# ---------------------------------------------------------------- statistics
def percentile(values, q):
    """The q-quantile (0..1) by the nearest rank on the sorted values."""
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(round(q * (len(v) - 1)))))]


def spread(values, digits=1, unit=""):
    """'median M (min A, max B, n=N)' of the values; 'n/a' when there are none."""
    v = [x for x in values if x is not None]
    if not v:
        return "n/a"
    f = lambda x: f"{x:.{digits}f}{unit}"
    return f"median {f(statistics.median(v))} (min {f(min(v))}, max {f(max(v))}, n={len(v)})"


def signed_spread(values, digits=1):
    v = [x for x in values if x is not None]
    if not v:
        return "n/a"
    f = lambda x: f"{x:+.{digits}f}"
    return f"median {f(statistics.median(v))} (min {f(min(v))}, max {f(max(v))}, n={len(v)})"


# ---------------------------------------------------------------- /proc
def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                s = f.read().decode("latin-1")
            ppid = int(s[s.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


def proc_tree(root):
    kids, res, stack = children_map(), [], [root]
    while stack:
        p = stack.pop()
        if os.path.exists(f"/proc/{p}"):
            res.append(p)
        stack.extend(kids.get(p, []))
    return res


def status(pid):
    d = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                d[k] = v.strip()
    except OSError:
        pass
    return d


def kb(status_dict, key):
    v = status_dict.get(key)
    return int(v.split()[0]) if v else None


def cpu_snapshot(root):
    """CPU and context switches of root's process tree: per process utime+stime (+ reaped
    children's), per thread the schedstat run time (ns) and voluntary / involuntary switches."""
    snap = {"ticks": {}, "tasks": {}, "threads": 0}
    for pid in proc_tree(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                s = f.read().decode("latin-1")
            fields = s[s.rindex(")") + 2:].split()
            snap["ticks"][pid] = sum(int(x) for x in fields[11:15])
        except (OSError, ValueError):
            continue
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            tids = []
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    ns = int(f.read().split()[0])
            except (OSError, ValueError):
                continue
            st = status(f"{pid}/task/{tid}")
            snap["tasks"][(pid, tid)] = (ns, int(st.get("voluntary_ctxt_switches", 0)),
                                         int(st.get("nonvoluntary_ctxt_switches", 0)))
            snap["threads"] += 1
    snap["t"] = time.monotonic()
    return snap


def cpu_delta(a, b):
    """% of a core (schedstat and ticks) and switches per second between two snapshots."""
    wall = b["t"] - a["t"]
    ticks = sum(v - a["ticks"].get(k, 0) for k, v in b["ticks"].items())
    ns = vol = invol = 0
    for k, (n2, v2, i2) in b["tasks"].items():
        n1, v1, i1 = a["tasks"].get(k, (0, 0, 0))
        ns += n2 - n1
        vol += v2 - v1
        invol += i2 - i1
    return {"cpu_pct_schedstat": ns / 1e9 / wall * 100, "cpu_pct_ticks": ticks / CLK_TCK / wall * 100,
            "wakeups_per_s": vol / wall, "involuntary_per_s": invol / wall, "wall_s": wall}


def memory(pid):
    """Resident memory of one process, kB: Rss, Pss and USS (Private_Clean + Private_Dirty) from
    smaps_rollup, and the peak (VmHWM) from status."""
    m = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                k, _, v = line.partition(":")
                if v.strip().endswith("kB"):
                    m[k.strip()] = int(v.split()[0])
    except OSError:
        return None
    st = status(pid)
    return {"rss_kb": m.get("Rss"), "pss_kb": m.get("Pss"),
            "uss_kb": m.get("Private_Clean", 0) + m.get("Private_Dirty", 0),
            "anon_kb": m.get("Anonymous"), "hwm_kb": kb(st, "VmHWM")}


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def host_busy():
    """(total, idle) jiffies of all cores, for the share of the machine others used meanwhile."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v), v[3] + (v[4] if len(v) > 4 else 0)


def busy_pct(a, b):
    tot, idle = b[0] - a[0], b[1] - a[1]
    return (tot - idle) / max(tot, 1) * 100


# ---------------------------------------------------------------- tmux
class Tmux:
    """A private tmux server (its own socket, no user config, no status line) with one window of
    cols x rows running one command."""

    def __init__(self, cmd, cols=80, rows=24, env=None):
        self.socket = f"gavel-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.conf = tempfile.NamedTemporaryFile("w", suffix=".tmux.conf", delete=False)
        self.conf.write("set -g status off\nset -g default-terminal screen-256color\n")
        self.conf.close()
        self.base = ["tmux", "-L", self.socket, "-f", self.conf.name]
        shell_env = "".join(f"{k}='{v}' " for k, v in (env or {}).items())
        self.run("new-session", "-d", "-s", "b", "-x", str(cols), "-y", str(rows),
                 f"exec env {shell_env}{cmd}")
        self.pid = None
        v = self.run("display-message", "-p", "-t", "b", "#{pane_pid}").strip()
        self.pid = int(v) if v.isdigit() else None

    def run(self, *args, timeout=5.0):
        try:
            r = subprocess.run(self.base + list(args), capture_output=True, text=True,
                               timeout=timeout, errors="replace")
            return r.stdout
        except subprocess.TimeoutExpired:
            return ""

    def capture(self):
        return self.run("capture-pane", "-p", "-t", "b")

    def wait_for_text(self, pattern, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if re.search(pattern, self.capture()):
                return True
            time.sleep(0.1)
        return False

    def close(self):
        if self.pid:
            kill_group(self.pid)
        self.run("kill-server", timeout=3)
        try:
            os.unlink(self.conf.name)
        except OSError:
            pass


def kill_group(pid, grace=0.5):
    """SIGTERM then SIGKILL to pid's process group (and pid), by number."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for target in (lambda: os.killpg(pid, sig), lambda: os.kill(pid, sig)):
            try:
                target()
            except (ProcessLookupError, PermissionError):
                pass
        end = time.monotonic() + grace
        while time.monotonic() < end:
            if not os.path.exists(f"/proc/{pid}"):
                return
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if f.read().split(") ")[-1].startswith("Z"):
                        return
            except OSError:
                return
            time.sleep(0.02)


# ---------------------------------------------------------------- pty
def read_until_quiet(fd, quiet, limit):
    """Reads until nothing arrives for `quiet` seconds (or `limit` passes).
    Returns (bytes, time of the last byte or None)."""
    buf, last = b"", None
    end = time.monotonic() + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], min(quiet, max(0.0, end - time.monotonic())))
        if not r:
            return buf, last
        chunk = ptyrun.read_chunk(fd)
        if not chunk:
            return buf, last
        buf += chunk
        last = time.monotonic()
    return buf, last


def first_frame(fd, timeout=10.0, quiet=0.3):
    """Waits up to timeout for the program's first output, then reads until it has been quiet
    for `quiet` seconds. Returns the bytes (b"" when nothing came)."""
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return b""
    buf, _ = read_until_quiet(fd, quiet, timeout)
    return buf


def key_to_frame(fd, key, wanted, quiet=0.02, limit=3.0):
    """Writes key into the pty and reads the answer. Returns (ms until `wanted` (bytes) is
    visible, ms until the output burst that showed it ends), or (None, None) when it never shows."""
    t0 = time.monotonic()
    os.write(fd, key)
    buf, seen = b"", None
    end = t0 + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not r:
            break
        chunk = ptyrun.read_chunk(fd)
        if not chunk:
            break
        buf += chunk
        if wanted in visible(buf):
            seen = time.monotonic()
            break
    if seen is None:
        return None, None
    _, last = read_until_quiet(fd, quiet, limit)
    done = last if last is not None else seen
    return (seen - t0) * 1000, (done - t0) * 1000
