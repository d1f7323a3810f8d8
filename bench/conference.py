#!/usr/bin/env python3
"""conference.py - Gavel at a whole conference's scale.

Usage:
  python3 bench/conference.py --gavel PATH/TO/gavel [--work DIR] [--runs 5] [--quick]

1. The agenda. Writes the frab XML of a three-day, twenty-room conference (17 talks of 25 min a
   room a day, every tenth a lightning talk: 1,020 topics), imports each room and day with
   `gavel import FILE --room R --day D` (60 imports, as an organiser would) and joins them into
   one agenda of 120 slots (slot ids and titles prefixed with day and room). The days are the two
   before today and today, in a fixed-offset zone (Etc/GMT-N) chosen so that it is now mid-
   afternoon there, and the day starts so that now falls ten minutes into a talk: the sessions
   below end with a topic running, as at the end of a long day.
2. The agenda alone, on an empty session: `gavel check` wall and CPU time; start-up of
   `gavel run` to its first complete frame (bench/startup.py); the slot picker: `s` pressed in
   the chair console (own pty, 80x24) until the picker's title shows and until its frame is
   complete (output quiet for 20 ms), --picks times, `q` closes it between picks.
3. Sessions of 10,000 and 100,000 notes (bench/session.py conference: room 1's track held as
   planned up to now, its current topic running, the notes spread over every topic begun by now
   in all rooms): start-up of `gavel run` and of `gavel notes`; keystroke to screen in the notes
   view (bench/keystroke.py); a durable note, Enter to the note on screen (bench/commit.py);
   `gavel summary AGENDA` end to end (the index of all slots, Markdown and JSON); the chair's
   memory (bench/measure.py, tmux phase: RSS, USS, peak).
Every timing is repeated (--runs, default 5, or the drivers' own counts) and printed as
`median M (min A, max B, n=N)` or as percentiles; nothing is a best run. Prints `name: value`
lines prefixed `conf.`.
"""
import argparse
import datetime
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import benchlib as bl  # noqa: E402
import ptyrun  # noqa: E402
import session as sessions  # noqa: E402

ROOMS, DAYS = 20, 3
TALK, STEP = 25, 30   # minutes: a talk and its changeover
MORNING, AFTERNOON = (9 * 60, 7), (13 * 60 + 30, 10)   # first start (minutes), talks


def plan_times():
    """The zone (Etc/GMT-N, UTC+N) and the minutes the day is shifted by, so that it is now
    between 14:00 and 15:00 there and ten minutes into an afternoon talk."""
    now = datetime.datetime.now(datetime.timezone.utc)
    offset = 14 - now.hour   # UTC+offset: the local hour is 14
    local = now + datetime.timedelta(hours=offset)
    minutes = local.hour * 60 + local.minute
    shift = (minutes - AFTERNOON[0] - 10) % STEP
    zone = f"Etc/GMT{'-' if offset >= 0 else '+'}{abs(offset)}"
    return zone, offset, shift, local.date()


def write_frab(path):
    zone, offset, shift, today = plan_times()
    sign = "+" if offset >= 0 else "-"
    tz = f"{sign}{abs(offset):02d}:00"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<schedule><version>bench</version><conference>"
             f"<acronym>bench</acronym><title>Bench Conference</title><time_zone_name>{zone}</time_zone_name>"
             "</conference>"]
    n = 0
    for d in range(DAYS):
        date = today - datetime.timedelta(days=DAYS - 1 - d)
        lines.append(f'<day index="{d + 1}" date="{date}">')
        for r in range(ROOMS):
            room = f"Room {r + 1:02d}"
            lines.append(f'<room name="{room}">')
            for first, talks in (MORNING, AFTERNOON):
                for k in range(talks):
                    h, m = divmod(first + shift + k * STEP, 60)
                    kind = "lightning_talk" if n % 10 == 9 else "talk"
                    lines.append(
                        f'<event guid="00000000-0000-4000-8000-{n:012d}" id="{n}"><date>{date}T{h:02d}:{m:02d}:00{tz}</date>'
                        f'<start>{h:02d}:{m:02d}</start><duration>00:{TALK:02d}</duration><room>{room}</room>'
                        f'<slug>talk-{n}</slug><url>https://example.org/talk/{n}</url>'
                        f'<title>Talk {n}: queues, schedulers &amp; Grüße</title><subtitle/><track>Track {r % 8}</track>'
                        f'<type>{kind}</type><language>en</language><abstract>An abstract.</abstract><description/>'
                        f'<persons><person id="{n}">Speaker {n}</person></persons><links/><attachments/></event>')
                    n += 1
            lines.append("</room>")
        lines.append("</day>")
    lines.append("</schedule>")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return n, zone


def import_conference(gavel, xml, agenda, work):
    """60 `gavel import`s joined into one agenda; returns the wall time of all imports (s)."""
    parts = []
    t0 = time.monotonic()
    for d in range(1, DAYS + 1):
        for r in range(1, ROOMS + 1):
            part = os.path.join(work, f"part-{d}-{r:02d}.toml")
            p = subprocess.run([gavel, "import", xml, "--room", f"Room {r:02d}", "--day", str(d), "-o", part],
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise SystemExit(f"conference.py: gavel import day {d} room {r} failed: {p.stderr[-500:]}")
            parts.append((d, r, part))
    elapsed = time.monotonic() - t0
    head, body = None, []
    for d, r, part in parts:
        with open(part) as f:
            text = f.read()
        i = text.index("[[slot]]")
        if head is None:
            head = re.sub(r"(?m)^(title|room|event) = .*\n", "", text[:i])
        slots = text[i:]
        slots = re.sub(r'(?m)^id = "([^"]+)"', lambda m: f'id = "d{d}-r{r:02d}-{m.group(1)}"', slots)
        slots = re.sub(r'(?m)^title = "([^"]+)"', lambda m: f'title = "Room {r:02d}, day {d}: {m.group(1)}"', slots)
        body.append(slots)
    with open(agenda, "w") as f:
        f.write('title = "Bench Conference"\n' + head + "\n".join(body))
    return elapsed


def timed(cmd, runs, want=0):
    """Wall and CPU (user + system of the child) ms of cmd, each run; checks the exit status."""
    walls, cpus = [], []
    for _ in range(runs):
        r0 = os.times()
        t0 = time.monotonic()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        walls.append((time.monotonic() - t0) * 1000)
        r1 = os.times()
        cpus.append(((r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)) * 1000)
        if p.returncode != want:
            raise SystemExit(f"conference.py: {' '.join(cmd)} exited {p.returncode}: {p.stderr.decode()[-500:]}")
    return walls, cpus


def run_driver(args, prefix):
    """Runs a bench driver, prints its lines prefixed, returns them as a dict."""
    p = subprocess.run([sys.executable] + args, capture_output=True, text=True)
    got = {}
    for line in p.stdout.splitlines():
        k, sep, v = line.partition(": ")
        if sep:
            got[k] = v
            bl.out(f"{prefix}{k}", v)
    if p.returncode != 0:
        bl.out(f"{prefix}error", (p.stderr or p.stdout)[-300:].replace("\n", " "))
    return got


def picker(gavel, agenda, picks):
    pid, fd = ptyrun.spawn([gavel, "run", agenda, "--by", "bench"], 24, 80)
    shown, done, lost = [], [], 0
    try:
        first = bl.first_frame(fd, 20.0)
        if not first:
            return None
        for _ in range(picks):
            s, d = bl.key_to_frame(fd, b"s", b"which", quiet=0.02, limit=3.0)
            if s is None:
                lost += 1
            else:
                shown.append(s)
                done.append(d)
            os.write(fd, b"q")
            bl.read_until_quiet(fd, 0.05, 2.0)
    finally:
        ptyrun.stop(pid, fd)
    return shown, done, lost


def pct(values):
    if not values:
        return "n/a"
    return f"p50 {bl.percentile(values, 0.5):.2f} p99 {bl.percentile(values, 0.99):.2f} max {max(values):.2f} (n={len(values)})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gavel", required=True)
    ap.add_argument("--work", default=None)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--picks", type=int, default=100)
    ap.add_argument("--keys", type=int, default=300)
    ap.add_argument("--notes", default="10000,100000", help="the sessions' note counts")
    ap.add_argument("--commits", type=int, default=100)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, for trying the script")
    a = ap.parse_args()
    if a.quick:
        a.runs, a.picks, a.keys, a.commits = 3, 20, 60, 20
    gavel = os.path.abspath(a.gavel)
    work = a.work or tempfile.mkdtemp(prefix="gavel-conference.")
    os.makedirs(work, exist_ok=True)
    startup = os.path.join(HERE, "startup.py")

    # 1. the agenda
    xml = os.path.join(work, "conference.xml")
    topics, zone = write_frab(xml)
    agenda = os.path.join(work, "conference.toml")
    imported = import_conference(gavel, xml, agenda, work)
    slots = sum(1 for line in open(agenda) if line.startswith("[[slot]]"))
    bl.out("conf.agenda", f"{topics} topics in {slots} slots, {ROOMS} rooms x {DAYS} days, zone {zone} "
           f"({os.path.getsize(xml) // 1024} kB frab XML, {os.path.getsize(agenda) // 1024} kB TOML)")
    bl.out("conf.import_60_room_days_s", f"{imported:.2f}")

    # 2. the agenda alone
    walls, cpus = timed([gavel, "check", agenda], a.runs)
    bl.out("conf.check_ms", bl.spread(walls, 1))
    bl.out("conf.check_cpu_ms", bl.spread(cpus, 1))
    template = sessions.create(gavel, agenda)
    empty = os.path.join(work, "empty.gavel")
    shutil.copy(template, empty)
    run_driver([startup, "--runs", str(max(10, a.runs)), "--name", "startup_run_fresh", "--",
                gavel, "run", agenda, "--by", "bench", "--session", empty], "conf.")
    p = picker(gavel, agenda, a.picks)
    if p is None:
        bl.out("conf.picker_error", "no first frame")
    else:
        bl.out("conf.picker_title_ms", pct(p[0]))
        bl.out("conf.picker_frame_ms", pct(p[1]))
        bl.out("conf.picker_lost", p[2])

    # 3. sessions with notes
    for count in [int(x) for x in a.notes.split(",") if x]:
        tag = f"{count // 1000}k"
        path = os.path.join(work, f"notes-{tag}.gavel")
        shutil.copy(empty, path)
        t0 = time.monotonic()
        events, begun, running = sessions.conference(path, agenda, count, "-r01-")
        bl.out(f"conf.{tag}.session", f"{events} events ({count} notes over {begun} topics begun), "
               f"running {running}, written in {time.monotonic() - t0:.1f} s, {os.path.getsize(path) // 1024} kB")
        s = ["--session", path]
        run_driver([startup, "--runs", str(max(10, a.runs)), "--name", "startup_run", "--",
                    gavel, "run", agenda, "--by", "bench"] + s, f"conf.{tag}.")
        run_driver([startup, "--runs", str(max(10, a.runs)), "--name", "startup_notes", "--",
                    gavel, "notes", agenda, "--by", "bench"] + s, f"conf.{tag}.")
        for fmt in ("markdown", "json"):
            walls, cpus = timed([gavel, "summary", agenda, "--format", fmt] + s, a.runs)
            bl.out(f"conf.{tag}.summary_index_{fmt}_ms", bl.spread(walls, 0))
            bl.out(f"conf.{tag}.summary_index_{fmt}_cpu_ms", bl.spread(cpus, 0))
        run_driver([os.path.join(HERE, "keystroke.py"), "--keys", str(a.keys), "--name", "keystroke", "--",
                    gavel, "notes", agenda, "--by", "bench"] + s, f"conf.{tag}.")
        run_driver([os.path.join(HERE, "commit.py"), "--notes", str(a.commits), "--name", "commit",
                    "--session", path, "--", gavel, "notes", agenda, "--by", "bench"] + s, f"conf.{tag}.")
        run_driver([os.path.join(HERE, "measure.py"), "--name", "chair", "--phases", "tmux", "--runs", "3",
                    "--warmup", "3", "--cpu-secs", "5", "--", gavel, "run", agenda, "--by", "bench"] + s, f"conf.{tag}.")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
