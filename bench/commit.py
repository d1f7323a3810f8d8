#!/usr/bin/env python3
"""commit.py - a durable note, from Enter to the note on screen, in gavel's notes view.

Usage:
  python3 bench/commit.py [--notes 200] [--name NAME] [--floor DIR] -- GAVEL notes AGENDA --by NAME

Gavel shows a note in the list only once it is committed and fsynced (README, "Files it
writes"): `append` is one SQLite transaction with synchronous=FULL before the screen changes.
So the time from Enter to the note's text on screen is the durable commit as a person sees it
(the commit plus one frame). This spawns the notes view in its own pty (80x24), and for each of
--notes notes types its text in one write, waits until the echo has gone quiet, presses Enter
(timed) and waits until the note's token shows. A token is six letters that differ, place by
place, from those of the 25 notes before it (more than the screen shows), so the rows that
shift up cannot pass for it however little of each row curses rewrites. After the run the session file is read (sqlite3) to check
that every note is in it.

--floor DIR also times the same kind of insert done by Python's sqlite3 module on a file in DIR
with gavel's settings (WAL, synchronous=FULL, one transaction per note): what the disk's fsync
costs, the floor under gavel's figure.
Prints NAME_p50_ms, NAME_p99_ms, NAME_max_ms, NAME_n, NAME_lost, NAME_in_file and, with
--floor, NAME_sqlite_floor_p50_ms / _p99_ms.
"""
import argparse
import os
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402
import ptyrun  # noqa: E402

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def token(i):
    # Place k holds LETTERS[(i + 7k) mod 26]: two notes fewer than 26 apart differ at every
    # place, so neither a row rewritten in place nor one scrolled up shows note i's token.
    return "".join(LETTERS[(i + 7 * k) % len(LETTERS)] for k in range(6))


def floor(folder, count):
    path = os.path.join(folder, "floor.sqlite")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS event (id INTEGER PRIMARY KEY, at REAL, kind TEXT, note TEXT, text TEXT, json TEXT)")
    lat = []
    for i in range(count):
        t0 = time.monotonic()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO event(at, kind, note, text, json) VALUES (?, 'noteAdded', ?, ?, ?)",
                   (time.time(), f"f{i}", f"floor note {i}", '{"action":{}}'))
        db.execute("COMMIT")
        lat.append((time.monotonic() - t0) * 1000)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(path + suffix)
        except OSError:
            pass
    return lat


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=200)
    ap.add_argument("--name", default="commit")
    ap.add_argument("--session", help="the session file, to check the notes are in it (default: AGENDA's .gavel)")
    ap.add_argument("--floor", help="a folder for the sqlite3 floor (same file system as the session)")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    agenda = next((x for x in cmd if x.endswith(".toml")), None)
    session = a.session or (agenda[:-5] + ".gavel" if agenda else None)
    run_id = f"{os.getpid() % 1000:03d}"
    pid, fd = ptyrun.spawn(cmd, 24, 80)
    lat, frames, lost = [], [], 0
    try:
        first = bl.first_frame(fd, 20.0)
        if not first:
            bl.out(f"{a.name}_error", "no first frame")
            return 1
        for i in range(a.notes):
            tok = token(i)
            os.write(fd, f"{tok} bench note {run_id}-{i}".encode())
            bl.read_until_quiet(fd, 0.03, 2.0)
            seen, done = bl.key_to_frame(fd, b"\r", tok.encode(), quiet=0.02, limit=2.0)
            if seen is None:
                lost += 1
                bl.read_until_quiet(fd, 0.1, 2.0)
            else:
                lat.append(seen)
                frames.append(done)
    finally:
        ptyrun.stop(pid, fd)
    if not lat:
        bl.out(f"{a.name}_error", f"no note showed ({lost} lost)")
        return 1
    bl.out(f"{a.name}_n", len(lat))
    bl.out(f"{a.name}_p50_ms", f"{bl.percentile(lat, 0.5):.2f}")
    bl.out(f"{a.name}_p99_ms", f"{bl.percentile(lat, 0.99):.2f}")
    bl.out(f"{a.name}_max_ms", f"{max(lat):.2f}")
    bl.out(f"{a.name}_frame_done_p50_ms", f"{bl.percentile(frames, 0.5):.2f}")
    bl.out(f"{a.name}_lost", lost)
    if session and os.path.exists(session):
        db = sqlite3.connect(f"file:{session}?mode=ro", uri=True, timeout=5)
        try:
            n = db.execute("SELECT count(*) FROM event WHERE kind = 'noteAdded' AND text LIKE ?",
                           (f"% bench note {run_id}-%",)).fetchone()[0]
        finally:
            db.close()
        bl.out(f"{a.name}_in_file", f"{n} of {a.notes}")
    if a.floor:
        fl = floor(a.floor, max(a.notes, 200))
        bl.out(f"{a.name}_sqlite_floor_p50_ms", f"{bl.percentile(fl, 0.5):.2f}")
        bl.out(f"{a.name}_sqlite_floor_p99_ms", f"{bl.percentile(fl, 0.99):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
