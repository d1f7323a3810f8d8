#!/usr/bin/env python3
"""tick.py - when each second's change reaches the terminal, against the true second.

Usage:
  python3 bench/tick.py --name NAME --origin session:PATH [--secs 12] -- CMD [ARGS...]
  python3 bench/tick.py --name NAME --origin wall [--secs 12] -- CMD [ARGS...]

Runs CMD in its own pty (80x24, TERM=xterm-256color) and timestamps (wall clock, time.time())
the first byte of every output burst (writes less than 100 ms apart) after a 1.5 s warm-up.
The true seconds are:
  session:PATH  the `at` of the latest 'start' event in the Gavel session file PATH plus whole
                seconds (a countdown changes its display exactly then), read after the warm-up;
  wall          the wall clock's whole seconds (a clock such as tty-clock changes then).
Each burst's lag is its time minus the latest true second before it, in ms (a burst just before
a true second counts as early: negative). Prints `name: value` lines: NAME_tick_lag_ms (median,
min, max, n) and NAME_tick_lag_drift_ms_per_min (slope of the lag over the window).
This measures the program alone: unlike measure.py's accuracy windows, its own startup is not in
the lag, and pty reads are timed to the microsecond rather than sampled through tmux.
"""
import argparse
import os
import select
import sqlite3
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptyrun  # noqa: E402


def out(key, value):
    print(f"{key}: {value}", flush=True)


def session_origin(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        row = db.execute("SELECT at FROM event WHERE kind = 'start' ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        db.close()
    return row[0] if row else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", default="tick")
    ap.add_argument("--origin", required=True, help="session:PATH or wall")
    ap.add_argument("--secs", type=float, default=12.0)
    ap.add_argument("--warmup", type=float, default=1.5)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    pid, fd = ptyrun.spawn(cmd, 24, 80)
    bursts, last = [], None
    start = time.time()
    try:
        while time.time() - start < a.warmup + a.secs:
            r, _, _ = select.select([fd], [], [], 0.2)
            if not r:
                continue
            chunk = ptyrun.read_chunk(fd)
            t = time.time()
            if not chunk:
                break
            if t - start >= a.warmup and (last is None or t - last >= 0.1):
                bursts.append(t)
            last = t
    finally:
        ptyrun.stop(pid, fd)
    if a.origin == "wall":
        origin = 0.0
    elif a.origin.startswith("session:"):
        origin = session_origin(a.origin[len("session:"):])
        if origin is None:
            out(f"{a.name}_tick_lag_ms", "n/a (no start event in the session)")
            return 1
    else:
        ap.error("--origin is session:PATH or wall")
    lags = []
    for t in bursts:
        x = (t - origin) % 1.0
        lags.append((x - 1.0 if x > 0.5 else x) * 1000)
    if not lags:
        out(f"{a.name}_tick_lag_ms", "n/a (no output after the warm-up)")
        return 1
    out(f"{a.name}_tick_lag_ms", f"median {statistics.median(lags):+.1f} (min {min(lags):+.1f}, "
        f"max {max(lags):+.1f}, n={len(lags)})")
    if len(lags) > 2:
        xs = [t - bursts[0] for t in bursts]
        mx, my = statistics.mean(xs), statistics.mean(lags)
        den = sum((x - mx) ** 2 for x in xs)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, lags)) / den if den else 0.0
        out(f"{a.name}_tick_lag_drift_ms_per_min", f"{slope * 60:+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
