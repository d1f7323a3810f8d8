#!/usr/bin/env python3
"""table.py - the side-by-side table of a bench/run, from its results folder.

Usage: python3 bench/table.py RESULTS_DIR

Reads the `name: value` files bench/run wrote (speaker.txt, chair.txt, termdown.txt,
tty-clock.txt from measure.py; startup.txt, keystroke.txt, commit.txt, summary.txt,
summary-cli.txt; long-*.txt when BENCH_LONG=1), prints the headline figures as `bench.*: value`
lines, then a markdown table: figure | gavel speaker | gavel chair | termdown | tty-clock |
target | met?. Targets are the issue's, as ratios to the peers measured in the same run.
"""
import os
import re
import sys

NUM = re.compile(r"[-+]?\d+(?:\.\d+)?")


def load(path):
    d = {}
    try:
        with open(path) as f:
            for line in f:
                k, sep, v = line.partition(": ")
                if sep:
                    d.setdefault(k.strip(), v.strip())
    except OSError:
        pass
    return d


def first_num(s):
    if s is None:
        return None
    m = NUM.search(s)
    return float(m.group(0)) if m else None


def median_of(s):
    """'min 1 median 2 max 3' -> 2; 'median +12 (...)' -> 12."""
    if s is None:
        return None
    m = re.search(r"median ([-+]?\d+(?:\.\d+)?)", s)
    return float(m.group(1)) if m else first_num(s)


def range_of(s):
    """'median +12 (min +3, max +20, ...)' -> (3, 20)."""
    if s is None:
        return None
    lo = re.search(r"min ([-+]?\d+(?:\.\d+)?)", s)
    hi = re.search(r"max ([-+]?\d+(?:\.\d+)?)", s)
    return (float(lo.group(1)), float(hi.group(1))) if lo and hi else None


def fmt(v, digits=1, unit=""):
    if v is None:
        return "n/a"
    return f"{v:.{digits}f}{unit}"


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    r = sys.argv[1]
    progs = ["speaker", "chair", "termdown", "tty-clock"]
    m = {p: load(os.path.join(r, f"{p}.txt")) for p in progs}
    long = {p: load(os.path.join(r, f"long-{p}.txt")) for p in progs}
    st = load(os.path.join(r, "startup.txt"))
    tk = load(os.path.join(r, "tick.txt"))
    ks = load(os.path.join(r, "keystroke.txt"))
    cm = load(os.path.join(r, "commit.txt"))
    sm = load(os.path.join(r, "summary.txt"))
    sc = load(os.path.join(r, "summary-cli.txt"))
    mach = load(os.path.join(r, "machine"))

    def fig(p, key, conv=first_num):
        return conv(m[p].get(key))

    cpu = {p: fig(p, "cpu_pct_of_core_schedstat") for p in progs}
    wake = {p: fig(p, "voluntary_ctxt_switches_per_s") for p in progs}
    nwake = {p: fig(p, "nonvoluntary_ctxt_switches_per_s") for p in progs}
    bps = {p: fig(p, "bytes_per_s") for p in progs}
    rss = {p: max([x for x in (fig(p, "peak_rss_kb_main_VmHWM"), fig(p, "peak_rss_kb_main_VmHWM_after_resize"))
                   if x is not None], default=None) for p in progs}
    rss = {p: (v / 1024 if v is not None else None) for p, v in rss.items()}
    startup_keys = {"speaker": "startup_speaker_frame_ms", "chair": "startup_chair_frame_ms",
                    "termdown": "startup_termdown_frame_ms", "tty-clock": "startup_ttyclock_frame_ms"}
    startup = {p: median_of(st.get(k)) for p, k in startup_keys.items()}
    lag_early = {p: m[p].get("accuracy_early_tick_lag_ms") for p in progs}
    lag_late = {p: m[p].get("accuracy_late_tick_lag_ms") for p in progs}
    use_long = any(long[p] for p in progs)
    acc_src = long if use_long else m
    diff = {p: first_num(acc_src[p].get("accuracy_late_diff_s")) for p in progs}
    at = {p: first_num(acc_src[p].get("accuracy_late_at_wall_s")) for p in progs}
    late_lag = {p: acc_src[p].get("accuracy_late_tick_lag_ms") for p in progs}
    drift = {p: first_num(acc_src[p].get("accuracy_drift_ms_per_min")) for p in progs}

    def lag_cell(p):
        ranges = [range_of(x) for x in (lag_early[p], lag_late[p]) if range_of(x)]
        if not ranges:
            return "n/a", None
        lo, hi = min(x[0] for x in ranges), max(x[1] for x in ranges)
        return f"{lo:+.0f} … {hi:+.0f}", max(abs(lo), abs(hi))

    out = []

    def line(k, v):
        out.append(f"{k}: {v}")

    for p in progs:
        n = p.replace("-", "")
        line(f"bench.{n}.cpu_pct_of_core", fmt(cpu[p], 3))
        line(f"bench.{n}.wakeups_per_s", fmt(wake[p], 2))
        line(f"bench.{n}.bytes_per_s", fmt(bps[p], 1))
        line(f"bench.{n}.startup_frame_ms_median", fmt(startup[p], 1))
        line(f"bench.{n}.peak_rss_mb", fmt(rss[p], 1))
        line(f"bench.{n}.tmux_tick_lag_from_spawn_ms", lag_cell(p)[0])
        line(f"bench.{n}.accuracy_diff_s_at_{fmt(at[p], 0)}s", fmt(diff[p], 0))
        line(f"bench.{n}.drift_ms_per_min", fmt(drift[p], 1))
    for k in ("tick_speaker_tick_lag_ms", "tick_chair_tick_lag_ms", "tick_ttyclock_tick_lag_ms"):
        line(f"bench.{k}", tk.get(k, "n/a"))
    for k in ("keystroke_fresh_p50_ms", "keystroke_fresh_p99_ms", "keystroke_10k_notes_p50_ms",
              "keystroke_10k_notes_p99_ms"):
        line(f"bench.{k}", ks.get(k, "n/a"))
    line("bench.note_commit_p50_ms", cm.get("store.note_commit.p50_ms", "n/a"))
    line("bench.note_commit_p99_ms", cm.get("store.note_commit.p99_ms", "n/a"))
    formats = ["markdown", "mediawiki", "json", "text"]
    for f in formats:
        line(f"bench.summary_{f}_10000_notes_ms", sm.get(f"summary_{f}_10000_notes_ms", "n/a"))
        line(f"bench.summary_cli_{f}_10000_notes_ms", sc.get(f"summary_cli_{f}_10000_notes_ms", "n/a"))
    print("\n".join(out))

    def ok(b):
        return "n/a" if b is None else ("yes" if b else "**no**")

    def le(a, b, factor=1.0):
        return None if a is None or b is None else a <= b * factor + 1e-9

    rows = []
    tc, td = cpu["tty-clock"], cpu["termdown"]
    cpu_met = [le(cpu[p], tc) and (td is not None and cpu[p] is not None and cpu[p] < td / 10)
               for p in ("speaker", "chair")]
    rows.append(["idle CPU, % of a core (schedstat)"] + [fmt(cpu[p], 3) for p in progs]
                + ["≤ tty-clock and < termdown/10",
                   ok(None if None in (cpu['speaker'], cpu['chair'], tc, td) else all(cpu_met))])
    rows.append(["wake-ups/s (voluntary + involuntary)"]
                + [f"{fmt(wake[p], 2)} + {fmt(nwake[p], 2)}" for p in progs]
                + ["≤ 1.5", ok(None if None in (wake['speaker'], wake['chair']) else
                               max(wake['speaker'], wake['chair']) <= 1.5)])
    rows.append(["bytes/s to the terminal"] + [fmt(bps[p], 1) for p in progs]
                + ["speaker ≤ tty-clock, chair ≤ termdown",
                   ok(None if None in (bps['speaker'], bps['chair'], bps['tty-clock'], bps['termdown']) else
                      le(bps['speaker'], bps['tty-clock']) and le(bps['chair'], bps['termdown']))])
    rows.append(["startup to first complete frame, median ms"] + [fmt(startup[p], 1) for p in progs]
                + ["≤ 50", ok(None if None in (startup['speaker'], startup['chair']) else
                              max(startup['speaker'], startup['chair']) <= 50)])
    rows.append(["peak RSS, MB"] + [fmt(rss[p], 1) for p in progs]
                + ["≤ 15", ok(None if None in (rss['speaker'], rss['chair']) else
                              max(rss['speaker'], rss['chair']) <= 15)])
    cells = {p: lag_cell(p) for p in progs}
    tick_keys = {"speaker": "tick_speaker_tick_lag_ms", "chair": "tick_chair_tick_lag_ms",
                 "tty-clock": "tick_ttyclock_tick_lag_ms"}
    ticks = {p: range_of(tk.get(tick_keys[p])) if p in tick_keys else None for p in progs}
    tick_cell = lambda p: ("n/a (start not known)" if p == "termdown" else
                           "n/a" if ticks[p] is None else
                           f"{median_of(tk.get(tick_keys[p])):+.1f} ({ticks[p][0]:+.1f} … {ticks[p][1]:+.1f})")
    rows.append(["each second's change after the true second, ms: median (min … max), pty, program alone"]
                + [tick_cell(p) for p in progs]
                + ["within 20", ok(None if None in (ticks['speaker'], ticks['chair']) else
                                   max(abs(x) for x in ticks['speaker'] + ticks['chair']) <= 20)])
    rows.append(["the same seen in tmux from the spawn (startup included), ms (min … max)"]
                + [cells[p][0] for p in progs] + ["(peers: 67–581)", ""])
    window = "10 min" if use_long else f"~{fmt(at['speaker'], 0)} s (BENCH_LONG=1 for 10 min)"
    rows.append([f"displayed − expected after {window}, s"] + [fmt(diff[p], 0) for p in progs]
                + ["0", ok(None if None in (diff['speaker'], diff['chair']) else
                           diff['speaker'] == 0 and diff['chair'] == 0)])
    rows.append(["drift of the change time, ms/min"] + [fmt(drift[p], 1) for p in progs]
                + ["0 (± sampling)", ok(None if None in (drift['speaker'], drift['chair']) else
                                        max(abs(drift['speaker']), abs(drift['chair'])) <= 5)])
    k = lambda key: first_num(ks.get(key))
    rows.append(["keystroke to screen, notes view, fresh: p50 / p99 ms",
                 "—", f"{fmt(k('keystroke_fresh_p50_ms'), 2)} / {fmt(k('keystroke_fresh_p99_ms'), 2)} (gavel notes)",
                 "—", "—", "p99 ≤ 5", ok(le(k('keystroke_fresh_p99_ms'), 5))])
    rows.append(["keystroke to screen, notes view, 10,000 notes: p50 / p99 ms",
                 "—", f"{fmt(k('keystroke_10k_notes_p50_ms'), 2)} / {fmt(k('keystroke_10k_notes_p99_ms'), 2)} (gavel notes)",
                 "—", "—", "p99 ≤ 5", ok(le(k('keystroke_10k_notes_p99_ms'), 5))])
    c50, c99 = first_num(cm.get("store.note_commit.p50_ms")), first_num(cm.get("store.note_commit.p99_ms"))
    rows.append(["durable note commit p50 / p99, ms", "—", f"{fmt(c50, 2)} / {fmt(c99, 2)}", "—", "—",
                 "p99 ≤ 10", ok(le(c99, 10))])
    sums = [first_num(sm.get(f"summary_{f}_10000_notes_ms")) for f in formats]
    clis = [first_num(sc.get(f"summary_cli_{f}_10000_notes_ms")) for f in formats]
    rows.append(["summary of a 10,000-note slot, render ms (" + " / ".join(formats) + ")", "—",
                 " / ".join(fmt(x, 0) for x in sums), "—", "—", "≤ 200 each",
                 ok(None if None in sums else max(sums) <= 200)])
    rows.append(["`gavel summary` end to end, 10,000 notes, ms (" + " / ".join(formats) + ")", "—",
                 " / ".join(fmt(x, 0) for x in clis), "—", "—", "≤ 200 each",
                 ok(None if None in clis else max(clis) <= 200)])

    print()
    print(f"Measured {mach.get('date', '?')} on {mach.get('machine', '?')}; gavel {mach.get('gavel', '?')}, "
          f"termdown {mach.get('termdown', '?')}, tty-clock {mach.get('tty-clock', '?')}, {mach.get('tmux', '?')}; "
          "80x24.")
    print()
    print("| figure | gavel speaker | gavel chair | termdown 20m | tty-clock -s -c | target | met? |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
