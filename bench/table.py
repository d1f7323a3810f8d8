#!/usr/bin/env python3
"""table.py - the README's benchmark tables, from a bench/run results folder.

Usage: python3 bench/table.py RESULTS_DIR

Reads the `name: value` files bench/run wrote (speaker.txt, chair.txt, termdown.txt,
tty-clock.txt from measure.py; callgrind.txt, startup.txt, memory.txt, keystroke.txt,
commit.txt, summary-cli.txt, conference.txt, machine), prints the headline figures as
`bench.*: value` lines, then two markdown tables:
  1. side by side: figure | gavel speaker | gavel chair | termdown 20m | tty-clock -s -c |
     target | met? | vs the best peer. Cells are `median (min–max)` over the starts of each
     program; the target is the issue's; "vs the best peer" compares gavel's worse view with
     the best peer's median in the same run.
  2. a whole conference: figure | agenda alone | 10,000 notes | 100,000 notes | target | met?
"""
import os
import re
import sys

NUM = r"[-+]?\d+(?:\.\d+)?"


def load(path):
    d = {}
    try:
        with open(path) as f:
            for line in f:
                k, sep, v = line.partition(": ")
                if sep:
                    d[k.strip()] = v.strip()
    except OSError:
        pass
    return d


def med(s):
    """The median of 'median M (min A, max B, n=N)', or a plain number's value."""
    if s is None:
        return None
    m = re.search(rf"median ({NUM})", s) or re.search(rf"p50 ({NUM})", s) or re.match(rf"\s*({NUM})", s)
    return float(m.group(1)) if m else None


def rng(s):
    if s is None:
        return None
    lo, hi = re.search(rf"min ({NUM})", s), re.search(rf"max ({NUM})", s)
    return (float(lo.group(1)), float(hi.group(1))) if lo and hi else None


def p99(s):
    m = re.search(rf"p99 ({NUM})", s or "")
    return float(m.group(1)) if m else None


def num(x, digits):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def cell(s, digits=1, signed=False):
    """'M (A–B)' from a spread line."""
    m = med(s)
    if m is None:
        return "n/a"
    f = (lambda x: f"{x:+.{digits}f}") if signed else (lambda x: num(x, digits))
    r = rng(s)
    return f(m) if r is None or r[0] == r[1] else f"{f(m)} ({f(r[0])}–{f(r[1])})"


def ok(b):
    return "n/a" if b is None else ("yes" if b else "**no**")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    r = sys.argv[1]
    f = lambda name: load(os.path.join(r, name))
    sp, ch, td, tc = f("speaker.txt"), f("chair.txt"), f("termdown.txt"), f("tty-clock.txt")
    cg, st, mem, ks = f("callgrind.txt"), f("startup.txt"), f("memory.txt"), f("keystroke.txt")
    cm, sc, conf, mach = f("commit.txt"), f("summary-cli.txt"), f("conference.txt"), f("machine")
    progs = {"speaker": sp, "chair": ch, "termdown": td, "ttyclock": tc}
    names = {"speaker": "gavel speaker", "chair": "gavel chair", "termdown": "termdown", "ttyclock": "tty-clock"}

    def fig(p, key):
        v = progs[p].get(f"{p}_{key}")
        if v is None and key == "anon_mb":
            # measure.py before it printed anon_mb: from its runs' memory lines
            runs = [int(m.group(1)) / 1024 for k, line in progs[p].items() if k.endswith(".memory_kb")
                    for m in [re.search(r"anon (\d+)", line)] if m]
            if runs:
                runs.sort()
                v = f"median {runs[len(runs) // 2]:.1f} (min {runs[0]:.1f}, max {runs[-1]:.1f}, n={len(runs)})"
        return v

    lines = []
    for p in progs:
        for key in ("cpu_pct_of_core", "wakeups_per_s", "involuntary_per_s", "bytes_per_s", "rss_mb", "uss_mb",
                    "peak_rss_mb", "tick_lag_ms", "tick_lag_from_spawn_ms"):
            if fig(p, key) is not None:
                lines.append(f"bench.{p}.{key}: {fig(p, key)}")
        if cg.get(f"{p}_instructions_per_s"):
            lines.append(f"bench.{p}.instructions_per_s: {cg[f'{p}_instructions_per_s']}")
        if st.get(f"startup_{p}_frame_ms"):
            lines.append(f"bench.{p}.startup_frame_ms: {st[f'startup_{p}_frame_ms']}")
    for d in (mem, ks, cm, sc):
        for k, v in d.items():
            if re.search(r"(_mb|_ms|_n|_lost|_in_file)$", k) and ".run" not in k:
                lines.append(f"bench.{k}: {v}")
    for k, v in conf.items():
        if ".run" not in k and not k.endswith(("command", "loadavg_start", "loadavg_end", ".top")):
            lines.append(f"bench.{k}: {v}")
    print("\n".join(lines))

    rows = []
    gv = ("speaker", "chair")
    peers = ("termdown", "ttyclock")

    def versus(values, lower=True, tolerance=1e-9):
        """Gavel's worse view against the best peer (medians), as a cell."""
        g = [values[p] for p in gv if values.get(p) is not None]
        q = {p: values[p] for p in peers if values.get(p) is not None}
        if not g or not q:
            return "n/a"
        best = min(q, key=q.get) if lower else max(q, key=q.get)
        worst = max(g) if lower else min(g)
        if abs(worst - q[best]) <= tolerance and tolerance > 1e-9:
            return f"equal to {names[best]}"
        if (worst <= q[best] + 1e-9) if lower else (worst >= q[best] - 1e-9):
            return f"ahead of {names[best]}" if worst != q[best] else f"equal to {names[best]}"
        ratio = worst / q[best] if q[best] else float("inf")
        return f"**behind** {names[best]} ({ratio:.2f}×)" if ratio < 2 else f"**behind** {names[best]} ({ratio:.1f}×)"

    def row(label, key, digits, target, met, lower=True, signed=False, src=None, tolerance=1e-9):
        src = src or (lambda p: fig(p, key))
        vals = {p: med(src(p)) for p in progs}
        rows.append([label] + [cell(src(p), digits, signed) for p in progs] + [target, met(vals), versus(vals, lower, tolerance)])

    tcm = lambda v: v.get("ttyclock")
    row("idle CPU while a topic counts down, % of a core (schedstat)", "cpu_pct_of_core", 4, "≤ tty-clock",
        lambda v: None if None in (v["speaker"], v["chair"], tcm(v)) else ok(max(v["speaker"], v["chair"]) <= tcm(v)))
    row("idle instructions a second (callgrind)", None, 0, "≤ tty-clock",
        lambda v: None if None in (v["speaker"], v["chair"], tcm(v)) else ok(max(v["speaker"], v["chair"]) <= tcm(v)),
        src=lambda p: cg.get(f"{p}_instructions_per_s"))
    row("wake-ups/s (voluntary, all threads)", "wakeups_per_s", 2, "one a second (≤ 1.05)",
        lambda v: None if None in (v["speaker"], v["chair"]) else ok(max(v["speaker"], v["chair"]) <= 1.05),
        tolerance=0.07)
    row("bytes/s to the terminal", "bytes_per_s", 1, "speaker ≤ tty-clock, chair ≤ termdown",
        lambda v: None if None in (v["speaker"], v["chair"], tcm(v), v["termdown"]) else
        ok(v["speaker"] <= tcm(v) and v["chair"] <= v["termdown"]))
    row("startup to first complete frame, ms (10 starts)", None, 1, "≤ 50",
        lambda v: None if None in (v["speaker"], v["chair"]) else ok(max(v["speaker"], v["chair"]) <= 50),
        src=lambda p: st.get(f"startup_{p}_frame_ms"))
    row("peak RSS, MB", "peak_rss_mb", 1, "≤ 15, below termdown",
        lambda v: None if None in (v["speaker"], v["chair"]) else ok(max(v["speaker"], v["chair"]) <= 15))
    row("USS (pages no other process maps), MB", "uss_mb", 1, "",
        lambda v: "")
    row("of which anonymous (heap, stacks), MB", "anon_mb", 1, "",
        lambda v: "")
    rows.append(["each second's change after the true second, ms: median (min–max) of every change; "
                 "gavel: its recorded start, termdown: its launch, tty-clock: the wall clock's second"]
                + [cell(fig(p, "tick_lag_ms"), 1, True) for p in progs]
                + ["within ±20", ok(None if None in (rng(fig("speaker", "tick_lag_ms")), rng(fig("chair", "tick_lag_ms"))) else
                                    max(abs(x) for p in gv for x in rng(fig(p, "tick_lag_ms"))) <= 20),
                   "ahead" if all(med(fig(p, "tick_lag_ms")) is not None for p in progs) and
                   max(abs(med(fig(p, "tick_lag_ms"))) for p in gv) <= min(abs(med(fig(p, "tick_lag_ms"))) for p in peers)
                   else "n/a"])
    spawn = {p: (fig(p, "tick_lag_from_spawn_ms") if p in gv else fig(p, "tick_lag_ms")) for p in ("speaker", "chair", "termdown")}
    rows.append(["the same from the launch (countdowns: start-up included)"]
                + [cell(spawn.get(p), 1, True) if p in spawn else "—" for p in progs]
                + ["", "", "ahead of termdown" if None not in [med(v) for v in spawn.values()] and
                   max(med(spawn["speaker"]), med(spawn["chair"])) <= med(spawn["termdown"]) else "**behind** termdown"
                   if None not in [med(v) for v in spawn.values()] else "n/a"])
    k = lambda key: ks.get(key)
    rows.append(["keystroke to screen, notes view, fresh session: p50 / p99 ms", "—",
                 f"{num(med(k('keystroke_fresh_p50_ms')), 2)} / {num(med(k('keystroke_fresh_p99_ms')), 2)}",
                 "—", "—", "p99 ≤ 5", ok(None if med(k("keystroke_fresh_p99_ms")) is None else med(k("keystroke_fresh_p99_ms")) <= 5), "no peer has one"])
    rows.append(["the same, 10,000 notes on the topic shown", "—",
                 f"{num(med(k('keystroke_10k_notes_p50_ms')), 2)} / {num(med(k('keystroke_10k_notes_p99_ms')), 2)}",
                 "—", "—", "p99 ≤ 5", ok(None if med(k("keystroke_10k_notes_p99_ms")) is None else med(k("keystroke_10k_notes_p99_ms")) <= 5), ""])
    c99 = med(cm.get("commit_p99_ms"))
    rows.append(["durable note, Enter to the note on screen, p50 / p99 ms (sqlite3's own insert on this disk)", "—",
                 f"{num(med(cm.get('commit_p50_ms')), 2)} / {num(c99, 2)} ({num(med(cm.get('commit_sqlite_floor_p50_ms')), 2)} / "
                 f"{num(med(cm.get('commit_sqlite_floor_p99_ms')), 2)})", "—", "—", "p99 ≤ 10", ok(None if c99 is None else c99 <= 10), ""])
    fm = ["markdown", "mediawiki", "json", "text"]
    sums = [sc.get(f"summary_cli_{x}_10000_notes_ms") for x in fm]
    rows.append(["`gavel summary` of a 10,000-note slot, end to end, ms (" + " / ".join(fm) + ")", "—",
                 " / ".join(num(med(x), 0) for x in sums), "—", "—", "≤ 100 each",
                 ok(None if None in [med(x) for x in sums] else max(med(x) for x in sums) <= 100), ""])
    m10 = mem.get("chair_10k_notes_peak_rss_mb")
    msv = mem.get("chair_serve_peak_rss_mb")
    rows.append(["peak RSS / USS, MB: the chair with 10,000 notes on its topic; with `--serve`", "—",
                 f"{cell(m10)} / {cell(mem.get('chair_10k_notes_uss_mb'))}; {cell(msv)} / {cell(mem.get('chair_serve_uss_mb'))}",
                 "—", "—", "10,000 notes: below termdown",
                 ok(None if None in (med(m10), med(fig("termdown", "peak_rss_mb"))) else med(m10) < med(fig("termdown", "peak_rss_mb"))), ""])

    print()
    print(f"Measured {mach.get('date', '?')} on {mach.get('machine', '?')}; gavel {mach.get('gavel', '?')}, "
          f"termdown {mach.get('termdown', '?')}, tty-clock {mach.get('tty-clock', '?')}, {mach.get('valgrind', '?')}, "
          f"{mach.get('tmux', '?')}; 80x24; {mach.get('runs', '?')}. Other load on the machine meanwhile: "
          f"{mach.get('host_busy_pct', '?')} % of both cores busy on average (load average {mach.get('loadavg_start', '?')} "
          f"at the start, {mach.get('loadavg_end', '?')} at the end).")
    print()
    print("| figure | gavel speaker | gavel chair | termdown 20m | tty-clock -s -c | target | met? | vs the best peer |")
    print("|---|---|---|---|---|---|---|---|")
    for rw in rows:
        print("| " + " | ".join("" if x is None else str(x) for x in rw) + " |")

    # ---- a whole conference
    c = lambda key: conf.get(f"conf.{key}")
    crow = []

    def add(label, alone, ten, hundred, target, met):
        crow.append([label, alone, ten, hundred, target, met])

    add("import: 60 `gavel import`s of one room and day each, s in all", num(med(c("import_60_room_days_s")), 2), "", "", "", "")
    chk = med(c("check_ms"))
    add("`gavel check`, ms", cell(c("check_ms")), "", "", "≤ 100", ok(None if chk is None else chk <= 100))
    fr, m10, m100 = med(c("startup_run_fresh_frame_ms")), med(c("10k.startup_run_frame_ms")), med(c("100k.startup_run_frame_ms"))
    add("`gavel run` start-up to first complete frame, ms", cell(c("startup_run_fresh_frame_ms")),
        cell(c("10k.startup_run_frame_ms")), cell(c("100k.startup_run_frame_ms")), "≤ 50 / ≤ 50 / ≤ 100",
        ok(None if None in (fr, m10, m100) else fr <= 50 and m10 <= 50 and m100 <= 100))
    n10, n100 = med(c("10k.startup_notes_frame_ms")), med(c("100k.startup_notes_frame_ms"))
    add("`gavel notes` start-up to first complete frame, ms", "", cell(c("10k.startup_notes_frame_ms")),
        cell(c("100k.startup_notes_frame_ms")), "≤ 50 / ≤ 100", ok(None if None in (n10, n100) else n10 <= 50 and n100 <= 100))
    pk = c("picker_frame_ms")
    add("slot picker (`s`, 120 slots): key to complete frame, p50 / p99 ms",
        f"{num(med(pk), 2)} / {num(p99(pk), 2)}" if pk else "n/a", "", "", "p99 ≤ 5", ok(None if p99(pk) is None else p99(pk) <= 5))
    kp = lambda t: f"{num(med(c(f'{t}.keystroke_p50_ms')), 2)} / {num(med(c(f'{t}.keystroke_p99_ms')), 2)}"
    kk = [med(c(f"{t}.keystroke_p99_ms")) for t in ("10k", "100k")]
    add("keystroke to screen, notes view, p50 / p99 ms", "", kp("10k"), kp("100k"), "p99 ≤ 5",
        ok(None if None in kk else max(kk) <= 5))
    cp = lambda t: f"{num(med(c(f'{t}.commit_p50_ms')), 2)} / {num(med(c(f'{t}.commit_p99_ms')), 2)}"
    cc = [med(c(f"{t}.commit_p99_ms")) for t in ("10k", "100k")]
    add("durable note, Enter to the note on screen, p50 / p99 ms", "", cp("10k"), cp("100k"), "p99 ≤ 10",
        ok(None if None in cc else max(cc) <= 10))
    for fmt in ("markdown", "json"):
        s10, s100 = med(c(f"10k.summary_index_{fmt}_ms")), med(c(f"100k.summary_index_{fmt}_ms"))
        add(f"`gavel summary` (the index of all 120 slots, {fmt}), end to end, ms", "",
            cell(c(f"10k.summary_index_{fmt}_ms"), 0), cell(c(f"100k.summary_index_{fmt}_ms"), 0),
            "≤ 100 / ≤ 1,000", ok(None if None in (s10, s100) else s10 <= 100 and s100 <= 1000))
    td_peak = med(fig("termdown", "peak_rss_mb"))
    add("the chair's peak RSS / USS, MB", "", f"{cell(c('10k.chair_peak_rss_mb'))} / {cell(c('10k.chair_uss_mb'))}",
        f"{cell(c('100k.chair_peak_rss_mb'))} / {cell(c('100k.chair_uss_mb'))}",
        f"10,000 notes: below termdown ({num(td_peak, 1)})",
        ok(None if None in (med(c("10k.chair_peak_rss_mb")), td_peak) else med(c("10k.chair_peak_rss_mb")) < td_peak))
    print()
    print(f"A whole conference: {c('agenda') or 'n/a'}. The sessions: room 1's track held as planned up to now, its "
          "current topic running, the notes spread over every topic begun so far in all rooms "
          f"({(c('10k.session') or 'n/a').split(',')[0]}; {(c('100k.session') or 'n/a').split(',')[0]}).")
    print()
    print("| figure | agenda alone (empty session) | 10,000 notes | 100,000 notes | target | met? |")
    print("|---|---|---|---|---|---|")
    for rw in crow:
        print("| " + " | ".join(rw) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
