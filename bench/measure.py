#!/usr/bin/env python3
"""measure.py - one terminal timer's figures while it counts, the same way for every program.

Usage:
  python3 bench/measure.py --name NAME [--runs 3] [--origin spawn|wall|session] -- CMD [ARGS...]

Starts CMD --runs times (default 3). Each run has two phases, each a fresh start of CMD:
  tmux  a private tmux server (its own socket, no config, no status line) with one 80x24 window:
        after --warmup seconds (default 3), CPU over --cpu-secs (default 30) of the whole process
        tree: run time from every thread's /proc/PID/task/TID/schedstat (ns) and utime+stime
        (+ reaped children) from /proc/PID/stat; voluntary (wake-ups) and involuntary context
        switches per second from every thread's status; then memory of the program's process:
        Rss, USS (Private_Clean + Private_Dirty) and Anonymous from /proc/PID/smaps_rollup, peak
        VmHWM. USS counts a shared library's pages as the program's own while no other process
        maps that library: a Swift program's USS is ~10 MB lower while a Swift compiler runs.
  pty   its own pseudo-terminal (80x24, TERM=xterm-256color), read by this script: bytes written
        per second over --bytes-secs (default 20) after a 2 s warm-up, and when each second's
        change reaches the terminal: the start of every output burst (writes < 100 ms apart),
        against the true second. --origin says which seconds are true:
          spawn    the instant CMD was started plus whole seconds (a countdown started at launch:
                   what a person who pressed Enter expects; the program's startup is in the lag)
          wall     the wall clock's whole seconds (a clock)
          session  the latest `start` event in $BENCH_SESSION_DIR/track.gavel plus whole seconds
                   (Gavel's own recorded start: the program alone; the lag from the spawn is
                   printed too, for the like-for-like comparison with a countdown started at
                   launch). This script makes a fresh empty folder for each start of CMD and
                   passes it as BENCH_SESSION_DIR; CMD must create the session there (bench/run's
                   wrappers do).
        For a countdown, bursts within 100 ms after a wall-clock minute are left out (gavel's
        title line shows the time of day, which changes then; they are counted separately).
        For a countdown a burst just before a true second counts as early (negative); a clock's
        lag is 0 to 1000 ms.
Prints each run's figures (NAME.runK.*) and then, over the runs, `NAME_FIGURE: median M
(min A, max B, n=N)` lines. The CPU figures of all runs, the memory of each, and the tick lag
of every burst of every run are pooled as said in each line. Kills everything it started, by pid.
"""
import argparse
import os
import select
import shlex
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402
import ptyrun  # noqa: E402


def session_origin(folder):
    path = os.path.join(folder, "track.gavel")
    if not os.path.exists(path):
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        row = db.execute("SELECT at FROM event WHERE kind = 'start' ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        db.close()
    return row[0] if row else None


def tmux_phase(cmd, a, env):
    tm = bl.Tmux(shlex.join(cmd), 80, 24, env)
    try:
        if tm.pid is None:
            return {"error": "tmux did not start"}
        time.sleep(a.warmup)
        if not os.path.exists(f"/proc/{tm.pid}"):
            return {"error": f"exited during the warm-up: {tm.capture()[-300:]!r}"}
        host0 = bl.host_busy()
        s0 = bl.cpu_snapshot(tm.pid)
        time.sleep(a.cpu_secs)
        s1 = bl.cpu_snapshot(tm.pid)
        host1 = bl.host_busy()
        r = bl.cpu_delta(s0, s1)
        r["threads"] = s1["threads"]
        r["host_busy_pct"] = bl.busy_pct(host0, host1)
        r.update(bl.memory(tm.pid) or {})
        r["screen"] = tm.capture()
        return r
    finally:
        tm.close()


def pty_phase(cmd, a, env):
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        t_spawn = time.time()
        pid, fd = ptyrun.spawn(cmd, 24, 80)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    chunks = []
    try:
        end = t_spawn + a.pty_warmup + a.bytes_secs
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if not r:
                continue
            chunk = ptyrun.read_chunk(fd)
            if not chunk:
                break
            chunks.append((time.time(), chunk))
    finally:
        ptyrun.stop(pid, fd)
    window = [(t, c) for t, c in chunks if t >= t_spawn + a.pty_warmup]
    res = {"bytes_per_s": sum(len(c) for _, c in window) / a.bytes_secs}
    bursts, last = [], None
    for t, _ in window:
        if last is None or t - last >= 0.1:
            bursts.append(t)
        last = t
    res["bursts_per_s"] = len(bursts) / a.bytes_secs
    def lags_from(origin, clock):
        lags = []
        for t in bursts:
            x = (t - origin) % 1.0
            # A clock cannot show a second before it comes: its lag is 0..1000 ms. A countdown
            # may change early (a burst just before its second): -500..+500 ms.
            lags.append((x if clock or x <= 0.5 else x - 1.0) * 1000)
        return lags
    if a.origin == "wall":
        res["lags"] = lags_from(0.0, True)
    else:
        # A countdown that also shows the time of day (gavel's title line) changes it at each
        # wall-clock minute: those bursts are not the countdown's seconds.
        minute = [t for t in bursts if t % 60 < 0.1 or t % 60 > 59.98]
        res["minute_bursts"] = len(minute)
        bursts = [t for t in bursts if t not in minute]
        res["spawn_lags"] = lags_from(t_spawn, False)
        if a.origin == "spawn":
            res["lags"] = res["spawn_lags"]
        else:
            origin = session_origin(env["BENCH_SESSION_DIR"])
            if origin is not None:
                res["lags"] = lags_from(origin, False)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--origin", choices=["spawn", "wall", "session"], default="spawn")
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--cpu-secs", type=float, default=30.0)
    ap.add_argument("--pty-warmup", type=float, default=2.0)
    ap.add_argument("--bytes-secs", type=float, default=20.0)
    ap.add_argument("--phases", default="tmux,pty")
    ap.add_argument("--outdir", default=None, help="where the last screen of each run is saved")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    phases = a.phases.split(",")
    n = a.name
    bl.out(f"{n}.command", shlex.join(cmd))
    bl.out(f"{n}.loadavg_start", bl.loadavg())
    tm_runs, pty_runs = [], []
    work = tempfile.mkdtemp(prefix="gavel-measure.")
    try:
        for k in range(1, a.runs + 1):
            if "tmux" in phases:
                folder = tempfile.mkdtemp(dir=work)
                r = tmux_phase(cmd, a, {"BENCH_SESSION_DIR": folder})
                if "error" in r:
                    bl.out(f"{n}.run{k}.tmux_error", r["error"])
                else:
                    tm_runs.append(r)
                    bl.out(f"{n}.run{k}.cpu_pct", f"{r['cpu_pct_schedstat']:.4f} schedstat, {r['cpu_pct_ticks']:.3f} "
                           f"utime+stime; wake-ups/s {r['wakeups_per_s']:.2f} + involuntary {r['involuntary_per_s']:.2f}; "
                           f"{r['threads']} threads; host busy {r['host_busy_pct']:.0f}%")
                    bl.out(f"{n}.run{k}.memory_kb", f"rss {r.get('rss_kb')} uss {r.get('uss_kb')} pss {r.get('pss_kb')} "
                           f"anon {r.get('anon_kb')} peak {r.get('hwm_kb')}")
                    if a.outdir:
                        os.makedirs(a.outdir, exist_ok=True)
                        with open(os.path.join(a.outdir, f"{n}-run{k}-screen.txt"), "w") as f:
                            f.write(r["screen"])
            if "pty" in phases:
                folder = tempfile.mkdtemp(dir=work)
                r = pty_phase(cmd, a, {"BENCH_SESSION_DIR": folder})
                pty_runs.append(r)
                lags = r.get("lags") or []
                bl.out(f"{n}.run{k}.pty", f"bytes/s {r['bytes_per_s']:.1f}, bursts/s {r['bursts_per_s']:.2f}, "
                       f"tick lag ms " + (f"median {statistics.median(lags):+.1f} min {min(lags):+.1f} max {max(lags):+.1f}"
                                          if lags else "n/a"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if tm_runs:
        col = lambda key: [r.get(key) for r in tm_runs]
        bl.out(f"{n}_cpu_pct_of_core", bl.spread(col("cpu_pct_schedstat"), 4))
        bl.out(f"{n}_cpu_pct_of_core_ticks", bl.spread(col("cpu_pct_ticks"), 3))
        bl.out(f"{n}_wakeups_per_s", bl.spread(col("wakeups_per_s"), 2))
        bl.out(f"{n}_involuntary_per_s", bl.spread(col("involuntary_per_s"), 2))
        mb = lambda key: [x / 1024 if x is not None else None for x in col(key)]
        bl.out(f"{n}_rss_mb", bl.spread(mb("rss_kb"), 1))
        bl.out(f"{n}_uss_mb", bl.spread(mb("uss_kb"), 1))
        bl.out(f"{n}_peak_rss_mb", bl.spread(mb("hwm_kb"), 1))
        bl.out(f"{n}_anon_mb", bl.spread(mb("anon_kb"), 1))
        bl.out(f"{n}_host_busy_pct", bl.spread(col("host_busy_pct"), 0))
    if pty_runs:
        bl.out(f"{n}_bytes_per_s", bl.spread([r["bytes_per_s"] for r in pty_runs], 1))
        lag_runs = [r["lags"] for r in pty_runs if r.get("lags")]
        if lag_runs:
            pooled = [x for lags in lag_runs for x in lags]
            left_out = sum(r.get("minute_bursts", 0) for r in pty_runs)
            bl.out(f"{n}_tick_lag_ms", bl.signed_spread(pooled, 1) + f" over every burst of {len(lag_runs)} runs, origin {a.origin}"
                   + (f"; {left_out} at a wall-clock minute left out" if left_out else ""))
        else:
            bl.out(f"{n}_tick_lag_ms", f"n/a (origin {a.origin})")
        spawn_runs = [r["spawn_lags"] for r in pty_runs if r.get("spawn_lags")]
        if spawn_runs and a.origin == "session":
            pooled = [x for lags in spawn_runs for x in lags]
            bl.out(f"{n}_tick_lag_from_spawn_ms", bl.signed_spread(pooled, 1) + f" over every burst of {len(spawn_runs)} runs")
    bl.out(f"{n}.loadavg_end", bl.loadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
