#!/usr/bin/env python3
"""keystroke.py - keystroke to screen in a terminal program's text field, through its own pty.

Usage:
  python3 bench/keystroke.py [--keys N] [--name NAME] -- CMD [ARGS...]

Spawns CMD in a fresh pseudo-terminal (80x24, TERM=xterm-256color), waits for its first frame
and for the output to go quiet, then types N printable keys one at a time. For each key it
records the time from the write() of the key into the pty to the moment the typed character
appears in the program's output stream (escape sequences stripped), read with select() on the
master side. The next key is sent once the output has been quiet for 20 ms, so keys never queue.
Every 40 keys it sends Ctrl-U (clear the line; not timed) so the line never scrolls.
Keys cycle through letters (qxzjkvwy) that the notes view's once-a-second redraw does not print
(it redraws digits: the countdown), so a tick arriving meanwhile cannot pass for the echo.

Prints `name: value` lines: keystroke_p50_ms, keystroke_p99_ms, keystroke_max_ms,
keystroke_n, keystroke_lost (no echo within 1 s). Kills its child's process group at the end.
"""
import argparse
import os
import re
import select
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptyrun  # noqa: E402

ESC_RE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[0-~]")
KEYS = b"qxzjkvwy"


def out(key, value):
    print(f"{key}: {value}", flush=True)


def visible(b):
    return ESC_RE.sub(b"", b)


def read_until_quiet(fd, quiet, limit):
    """Reads until no byte arrives for `quiet` seconds (or `limit` passes); returns the bytes."""
    buf = b""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return buf
        chunk = ptyrun.read_chunk(fd)
        if not chunk:
            return buf
        buf += chunk
    return buf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", type=int, default=400)
    ap.add_argument("--name", default="keystroke")
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--ready-timeout", type=float, default=10.0)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    pid, fd = ptyrun.spawn(cmd, a.rows, a.cols)
    lat, lost, ambiguous = [], 0, 0
    try:
        select.select([fd], [], [], a.ready_timeout)   # a slow start is not an empty first frame
        first = read_until_quiet(fd, 0.3, a.ready_timeout)
        if not first:
            out(f"{a.name}_error", "no first frame")
            return 1
        for i in range(a.keys):
            if i and i % 40 == 0:
                os.write(fd, b"\x15")   # Ctrl-U: clear the line
                read_until_quiet(fd, 0.05, 1.0)
            read_until_quiet(fd, 0.02, 1.0)
            key = KEYS[i % len(KEYS):i % len(KEYS) + 1]
            t0 = time.monotonic()
            os.write(fd, key)
            buf, seen = b"", None
            end = t0 + 1.0
            while time.monotonic() < end:
                r, _, _ = select.select([fd], [], [], end - time.monotonic())
                if not r:
                    break
                chunk = ptyrun.read_chunk(fd)
                t = time.monotonic()
                if not chunk:
                    break
                buf += chunk
                if key in visible(buf):
                    seen = t
                    break
            if seen is None:
                lost += 1
            else:
                lat.append((seen - t0) * 1000)
        if not lat:
            out(f"{a.name}_error", f"no key echoed ({lost} lost)")
            return 1
        lat.sort()
        p = lambda q: lat[min(len(lat) - 1, int(round(q * (len(lat) - 1))))]
        out(f"{a.name}_n", len(lat))
        out(f"{a.name}_p50_ms", f"{p(0.50):.2f}")
        out(f"{a.name}_p99_ms", f"{p(0.99):.2f}")
        out(f"{a.name}_max_ms", f"{lat[-1]:.2f}")
        out(f"{a.name}_mean_ms", f"{statistics.mean(lat):.2f}")
        out(f"{a.name}_lost", lost)
        return 0
    finally:
        ptyrun.stop(pid, fd)


if __name__ == "__main__":
    sys.exit(main())
