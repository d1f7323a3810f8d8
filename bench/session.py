#!/usr/bin/env python3
"""session.py - writes benchmark events into a Gavel session file, through sqlite3.

Usage:
  python3 bench/session.py start SESSION SLOT TOPIC
      records the start of TOPIC in SLOT now (a running countdown for a fresh view)
  python3 bench/session.py notes SESSION SLOT TOPIC COUNT
      records the start of TOPIC now and COUNT notes on it (the 10,000-note session)

SESSION must already exist with Gavel's schema (bench/run lets `gavel notes` create it, so the
schema is exactly what this gavel builds: Sources/GavelStore/SessionSchema.swift). Rows follow
SessionStore's insert: the columns the schema documents, and `json`, the Codable SessionEvent as
JSONEncoder writes it (sorted keys; `at` in seconds since 2001-01-01, the default date strategy;
the `action` enum as {"case": {labels...}}). The notes' texts mix the kinds (a:, d:, q:, plain),
owners, links and wide characters, like summary-cli-bench.sh's, all in one transaction.
"""
import json
import sqlite3
import sys
import time

REFERENCE = 978307200.0   # 2001-01-01T00:00:00Z in Unix seconds (Foundation's reference date)


def event_json(at, case, fields):
    return json.dumps({"action": {case: fields}, "at": at - REFERENCE}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)


def note_text(i):
    return [f"a: @ana and @bob_2 check https://example.org/patch?id={i} before Friday",
            f"d: keep the vhost interface ({i}) as it is",
            f"q: does this *scale* past 64 queues? [{i}]",
            f"discussion point {i}: Grüße, 日本語, 🎉 — <tags> & | pipes"][i % 4]


def insert_start(db, slot, topic, at):
    db.execute("INSERT INTO event(at, kind, slot, topic, json) VALUES (?, 'start', ?, ?, ?)",
               (at, slot, topic, event_json(at, "start", {"slot": slot, "topic": topic})))


def main(argv):
    if len(argv) < 5 or argv[1] not in ("start", "notes"):
        print(__doc__, file=sys.stderr)
        return 2
    path, slot, topic = argv[2], argv[3], argv[4]
    db = sqlite3.connect(path, timeout=5)
    if not db.execute("SELECT name FROM sqlite_master WHERE name = 'event'").fetchone():
        print(f"session.py: {path} has no event table (not a Gavel session)", file=sys.stderr)
        return 1
    with db:
        now = time.time()
        if argv[1] == "start":
            insert_start(db, slot, topic, now)
        else:
            count = int(argv[5]) if len(argv) > 5 else 10000
            insert_start(db, slot, topic, now - 1)   # notes follow the start, all in the last second
            rows = []
            for i in range(count):
                at = now - 1 + (i + 1) * 0.9 / count
                nid, text = f"bench-{i}", note_text(i)
                rows.append((at, slot, topic, nid, text, "bench",
                             event_json(at, "noteAdded", {"by": "bench", "id": nid, "slot": slot,
                                                          "text": text, "topic": topic})))
            db.executemany("INSERT INTO event(at, kind, slot, topic, note, text, author, json) "
                           "VALUES (?, 'noteAdded', ?, ?, ?, ?, ?, ?)", rows)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
