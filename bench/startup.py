#!/usr/bin/env python3
"""startup.py - startup to the first complete frame, through a fresh pseudo-terminal per run.

Usage:
  python3 bench/startup.py [--runs N] [--name NAME] -- CMD [ARGS...]

Each run forks CMD in a new pty (80x24, TERM=xterm-256color) and timestamps every read of its
output. The first frame is the burst of output that shows the first visible glyph: from there, bytes that
follow each other by less than --gap ms (default 100; a timer's next redraw comes a second later);
pauses before the first glyph (terminal set-up written before a session is read) do not end it.
Its end (the last byte of that burst) is the startup to the first complete frame; the first byte and the first visible glyph are
printed beside it. The child is killed (its process group, by pid) before the next run.
Prints `name: value` lines: startup_first_byte_ms, startup_first_glyph_ms, startup_frame_ms
(median (min, max, n) over the runs) and frame_bytes (median size of that first burst).
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


def out(key, value):
    print(f"{key}: {value}", flush=True)


def one_run(cmd, rows, cols, gap, timeout):
    t0 = time.monotonic()
    pid, fd = ptyrun.spawn(cmd, rows, cols)
    first_byte = first_glyph = last = None
    buf = b""
    try:
        end = t0 + timeout
        while time.monotonic() < end:
            # Before the first glyph any pause is the program still starting (a terminal set up,
            # then a session read): only silence after it ends the frame.
            wait = end - time.monotonic() if first_glyph is None else min(end - time.monotonic(), gap - (time.monotonic() - last))
            if wait <= 0:
                break
            r, _, _ = select.select([fd], [], [], wait)
            if not r:
                if first_glyph is not None:
                    break
                continue
            chunk = ptyrun.read_chunk(fd)
            t = time.monotonic()
            if not chunk:
                break
            buf += chunk
            if first_byte is None:
                first_byte = t
            if first_glyph is None and ESC_RE.sub(b"", buf).strip():
                first_glyph = t
            last = t
    finally:
        ptyrun.stop(pid, fd)
    ms = lambda t: None if t is None else (t - t0) * 1000
    return ms(first_byte), ms(first_glyph), ms(last), len(buf)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--name", default="startup")
    ap.add_argument("--gap", type=float, default=100.0, help="ms of silence that ends the first frame")
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    runs = [one_run(cmd, 24, 80, a.gap / 1000, a.timeout) for _ in range(a.runs)]
    for i, label in enumerate(["first_byte", "first_glyph", "frame"]):
        v = [r[i] for r in runs if r[i] is not None]
        if v:
            out(f"{a.name}_{label}_ms", f"median {statistics.median(v):.1f} (min {min(v):.1f}, max {max(v):.1f}, n={len(v)})")
        else:
            out(f"{a.name}_{label}_ms", "none")
    out(f"{a.name}_frame_bytes", f"{statistics.median(r[3] for r in runs):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
