#!/usr/bin/env python3
"""callgrind.py - instructions a second while a terminal timer sits idle, counted by callgrind.

Usage:
  python3 bench/callgrind.py --name NAME [--runs 3] [--secs 20] -- CMD [ARGS...]

CPU time at a few hundredths of a percent of a core is noisy (the scheduler's accounting, other
load); the number of instructions executed is not. Each run starts CMD under
`valgrind --tool=callgrind --instr-atstart=no` in a private tmux server (80x24), waits until the
program has drawn its first screen and --settle seconds more (default 10: the start-up, slow
under valgrind, and the work of the first seconds are not counted), switches the instrumentation on (`callgrind_control -i on PID`),
waits --secs seconds (default 20), dumps the counts (`callgrind_control -d PID`) and stops the
program. Instructions (Ir) of the dump divided by the seconds between switching on and the dump
are the figure. Whatever CMD is (a wrapper may exec the program), valgrind must run the
program itself: CMD is run as `valgrind ... CMD`, so a shell wrapper would be counted instead;
bench/run's wrappers put $BENCH_PREFIX before the program they exec, and this script sets
BENCH_PREFIX to the valgrind command when --prefix-env is given.
Valgrind 3.19 cannot read the DWARF 5 debug information Swift writes ("unhandled dwarf2 abbrev
form", then it gives up): run a copy made by `objcopy --strip-debug` (bench/run does), which
keeps the symbol table, so functions still have names.
Prints NAME.runK.* and `NAME_instructions_per_s: median M (min A, max B, n=N)`, and the
functions with the most instructions of the last run (callgrind_annotate, Swift names
demangled), for where they go.
"""
import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402


def control(*args):
    r = subprocess.run(["callgrind_control", *args], capture_output=True, text=True, timeout=60)
    return r.returncode == 0 and "OK" in r.stdout


def program_pid(root, program):
    """The pid in root's tree whose command line runs `program` under valgrind (valgrind renames
    itself to the tool's binary, memcheck-amd64-linux and the like)."""
    for pid in bl.proc_tree(root):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
        except OSError:
            continue
        if "callgrind" in comm or any(b"--tool=callgrind" in x for x in argv):
            return pid
    return None


def one_run(cmd, a, folder):
    outfile = os.path.join(folder, "callgrind.out")
    vg = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={outfile}"]
    if a.prefix_env:
        env = {"BENCH_PREFIX": " ".join(vg), "BENCH_SESSION_DIR": tempfile.mkdtemp(dir=folder)}
        line = shlex.join(cmd)
    else:
        env = {"BENCH_SESSION_DIR": tempfile.mkdtemp(dir=folder)}
        line = shlex.join(vg + cmd)
    tm = bl.Tmux(line, 80, 24, env)
    try:
        if tm.pid is None:
            return None, "tmux did not start"
        end = time.monotonic() + a.start_timeout
        pid = None
        while time.monotonic() < end:
            pid = pid or program_pid(tm.pid, cmd[0])
            if pid and tm.capture().strip():
                break
            time.sleep(0.2)
        else:
            return None, f"no screen within {a.start_timeout} s: {tm.capture()[-200:]!r}"
        time.sleep(a.settle)
        if not control("-i", "on", str(pid)):
            return None, "callgrind_control -i on failed"
        t0 = time.monotonic()
        time.sleep(a.secs)
        t1 = time.monotonic()
        if not control("-d", str(pid)):
            return None, "callgrind_control -d failed"
        t2 = time.monotonic()
        dumps = sorted(glob.glob(outfile + ".*"))
        if not dumps:
            return None, "no dump written"
        with open(dumps[-1]) as f:
            text = f.read()
        m = re.search(r"^summary:\s*(\d+)", text, re.M) or re.search(r"^totals:\s*(\d+)", text, re.M)
        if not m:
            return None, "no summary in the dump"
        # The switch on and the dump each take effect within their command's run time; count
        # from the end of the first to the middle of the second.
        secs = (t1 - t0) + (t2 - t1) / 2
        return (int(m.group(1)) / secs, dumps[-1]), None
    finally:
        tm.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--secs", type=float, default=20.0)
    ap.add_argument("--settle", type=float, default=10.0)
    ap.add_argument("--start-timeout", type=float, default=90.0)
    ap.add_argument("--prefix-env", action="store_true", help="CMD execs $BENCH_PREFIX PROGRAM (bench/run's wrappers)")
    ap.add_argument("--top", type=int, default=12, help="functions to list from the last run")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        bl.out(f"{a.name}_instructions_per_s", "n/a (valgrind is not installed: apt-get install valgrind)")
        return 0
    folder = tempfile.mkdtemp(prefix="gavel-callgrind.")
    rates, last = [], None
    try:
        for k in range(1, a.runs + 1):
            res, err = one_run(cmd, a, tempfile.mkdtemp(dir=folder))
            if err:
                bl.out(f"{a.name}.run{k}.error", err)
                continue
            rate, last_dump = res
            rates.append(rate)
            last = last_dump
            bl.out(f"{a.name}.run{k}.instructions_per_s", f"{rate:.0f}")
        bl.out(f"{a.name}_instructions_per_s", bl.spread(rates, 0))
        if last and shutil.which("callgrind_annotate"):
            r = subprocess.run(["callgrind_annotate", "--inclusive=no", last], capture_output=True, text=True)
            text = r.stdout
            demangle = shutil.which("swift-demangle")
            if demangle:
                text = subprocess.run([demangle, "--simplified"], input=text, capture_output=True, text=True).stdout or text
            rows = [l for l in text.splitlines() if re.match(r"^\s*[\d,]+ \(", l)]
            for l in rows[1:a.top + 1]:
                bl.out(f"{a.name}.top", re.sub(r"\s+", " ", l.strip())[:200])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
