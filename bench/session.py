#!/usr/bin/env python3
"""session.py - makes and fills Gavel session files for the benchmarks.

Usage:
  python3 bench/session.py create GAVEL AGENDA
      lets GAVEL make AGENDA's session (AGENDA with .gavel for .toml): `gavel notes` opens it
      in a pty until the schema exists, then quits; the log is checkpointed into the file
  python3 bench/session.py start SESSION SLOT TOPIC
      records the start of TOPIC in SLOT now (a running countdown for a fresh view)
  python3 bench/session.py notes SESSION SLOT TOPIC COUNT
      records the start of TOPIC now and COUNT notes on it, all in the last second (the worst
      case for the notes view: every note on the topic it shows)
  python3 bench/session.py conference SESSION AGENDA COUNT [--held REGEX]
      a conference day's session so far, for an agenda whose slots have dated starts and whose
      topics have published starts (bench/conference.py's): the slots whose id matches REGEX
      (default "-r01-": one room's track) held as planned, every topic started at its
      published start and finished (`next`) at its end, up to now, the topic planned for now
      left running; COUNT notes spread evenly over every topic of the agenda that has begun
      by now (all rooms), each inside its topic's time. Events are written in time order.

SESSION must already exist with Gavel's schema (`create` makes one with the gavel under test, so
the schema is exactly what that gavel builds: Sources/GavelStore/SessionSchema.swift). Rows
follow SessionStore's insert: the columns the schema documents, and `json`, the Codable
SessionEvent as JSONEncoder writes it (sorted keys; `at` in seconds since 2001-01-01, the
default date strategy; the `action` enum as {"case": {labels...}}). The notes' texts mix the
kinds (a:, d:, q:, plain), owners, links and wide characters, all in one transaction.
"""
import datetime
import json
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

REFERENCE = 978307200.0   # 2001-01-01T00:00:00Z in Unix seconds (Foundation's reference date)


def event_json(at, case, fields):
    return json.dumps({"action": {case: fields}, "at": at - REFERENCE}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)


def note_text(i):
    return [f"a: @ana and @bob_2 check https://example.org/patch?id={i} before Friday",
            f"d: keep the vhost interface ({i}) as it is",
            f"q: does this *scale* past 64 queues? [{i}]",
            f"discussion point {i}: Grüße, 日本語, 🎉 — <tags> & | pipes"][i % 4]


def start_row(at, slot, topic):
    return ("INSERT INTO event(at, kind, slot, topic, json) VALUES (?, 'start', ?, ?, ?)",
            (at, slot, topic, event_json(at, "start", {"slot": slot, "topic": topic})))


def next_row(at, slot, topic):
    return ("INSERT INTO event(at, kind, slot, topic, json) VALUES (?, 'next', ?, ?, ?)",
            (at, slot, topic, event_json(at, "next", {"slot": slot, "topic": topic})))


def open_row(at, slot):
    return ("INSERT INTO event(at, kind, slot, json) VALUES (?, 'openSlot', ?, ?)",
            (at, slot, event_json(at, "openSlot", {"slot": slot})))


def note_row(at, slot, topic, nid, text):
    return ("INSERT INTO event(at, kind, slot, topic, note, text, author, json) VALUES (?, 'noteAdded', ?, ?, ?, ?, ?, ?)",
            (at, slot, topic, nid, text, "bench",
             event_json(at, "noteAdded", {"by": "bench", "id": nid, "slot": slot, "text": text, "topic": topic})))


def open_session(path):
    db = sqlite3.connect(path, timeout=5)
    if not db.execute("SELECT name FROM sqlite_master WHERE name = 'event'").fetchone():
        raise SystemExit(f"session.py: {path} has no event table (not a Gavel session)")
    return db


def create(gavel, agenda):
    import ptyrun
    path = agenda[:-5] + ".gavel" if agenda.endswith(".toml") else agenda + ".gavel"
    pid, fd = ptyrun.spawn([gavel, "notes", agenda, "--by", "bench"], 24, 80)
    try:
        end = time.monotonic() + 20
        while time.monotonic() < end:
            import select
            r, _, _ = select.select([fd], [], [], 0.05)
            if r and not ptyrun.read_chunk(fd):
                break
            try:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
                ok = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'event'").fetchone()
                db.close()
                if ok:
                    break
            except sqlite3.Error:
                pass
    finally:
        ptyrun.stop(pid, fd)
    time.sleep(0.2)
    db = sqlite3.connect(path, timeout=5)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def duration(text):
    total = 0
    for n, unit in re.findall(r"(\d+)([hms])", text):
        total += int(n) * {"h": 3600, "m": 60, "s": 1}[unit]
    return total


def agenda_times(agenda_path):
    """[(slot id, [(topic id, start unix, end unix)])] from an agenda with dated slot starts and
    published topic starts, in the agenda's time zone."""
    import tomllib
    import zoneinfo
    with open(agenda_path, "rb") as f:
        agenda = tomllib.load(f)
    zone = zoneinfo.ZoneInfo(agenda.get("timezone", "UTC"))
    default = duration(agenda.get("defaults", {}).get("topic", "20m"))
    slots = []
    for slot in agenda["slot"]:
        day = slot["start"].date()
        topics = []
        for topic in slot.get("topic", []):
            hh, mm = (int(x) for x in topic["start"].split(":"))
            start = datetime.datetime(day.year, day.month, day.day, hh, mm, tzinfo=zone).timestamp()
            topics.append((topic["id"], start, start + (duration(topic.get("length", "")) or default)))
        slots.append((slot["id"], topics))
    return slots


def conference(path, agenda, count, held):
    now = time.time()
    slots = agenda_times(agenda)
    rows = []   # (at, order, sql, args)
    running = None
    for slot, topics in slots:
        if not re.search(held, slot) or not topics or topics[0][1] > now:
            continue
        rows.append((topics[0][1] - 60, 0) + open_row(topics[0][1] - 60, slot))
        for topic, start, end in topics:
            if start > now:
                break
            rows.append((start, 1) + start_row(start, slot, topic))
            if end <= now:
                rows.append((end, 1) + next_row(end, slot, topic))
            else:
                running = (slot, topic)
    begun = [(slot, topic, start, min(end, now - 1)) for slot, topics in slots for topic, start, end in topics if start < now - 1]
    if not begun:
        raise SystemExit("session.py: no topic of the agenda has begun yet")
    per = count // len(begun) + 1
    for i in range(count):
        slot, topic, start, end = begun[i % len(begun)]
        at = start + (end - start) * ((i // len(begun)) + 1) / (per + 1)
        rows.append((at, 2) + note_row(at, slot, topic, f"c{i}", note_text(i)))
    rows.sort(key=lambda r: (r[0], r[1]))
    db = open_session(path)
    with db:
        for _, _, sql, args in rows:
            db.execute(sql, args)
    db.close()
    return len(rows), len(begun), running


def main(argv):
    if len(argv) < 4 or argv[1] not in ("create", "start", "notes", "conference"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "create":
        print(create(argv[2], argv[3]))
        return 0
    if argv[1] == "conference":
        held = "-r01-"
        if "--held" in argv:
            held = argv[argv.index("--held") + 1]
        events, topics, running = conference(argv[2], argv[3], int(argv[4]), held)
        print(f"events: {events}; notes over {topics} topics begun; running: {running}")
        return 0
    path, slot, topic = argv[2], argv[3], argv[4]
    db = open_session(path)
    with db:
        now = time.time()
        if argv[1] == "start":
            db.execute(*start_row(now, slot, topic))
        else:
            count = int(argv[5]) if len(argv) > 5 else 10000
            db.execute(*start_row(now - 1, slot, topic))   # notes follow the start, all in the last second
            for i in range(count):
                at = now - 1 + (i + 1) * 0.9 / count
                db.execute(*note_row(at, slot, topic, f"bench-{i}", note_text(i)))
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
