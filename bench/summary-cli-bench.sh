#!/usr/bin/env bash
# `gavel summary` end to end on a session file holding one slot with 10,000 notes: open the
# SQLite session, replay its events, compute and print the slot's summary in each format.
# Prints `name: value` lines: milliseconds, median (min, max) of RUNS runs (default 5). Build gavel
# in release first:
#   swift build -c release && bench/summary-cli-bench.sh "$(swift build -c release --show-bin-path)/gavel"
# Needs python3 (bench/session.py lets gavel create the session file) and sqlite3 (to fill it).
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "summary-cli-bench: $gavel is not an executable" >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/gavel-summary-bench.XXXXXX)"
cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
cp "$repo/examples/lpc2012-virt.toml" "$work/track.toml"
# gavel creates the session file (schema and all) when a view opens it.
python3 "$repo/bench/session.py" create "$gavel" "$work/track.toml" >/dev/null

notes=10000
t0=1346270400   # 2012-08-29 20:00 UTC; JSON dates count from 2001-01-01 (978307200)
sqlite3 "$work/track.gavel" <<SQL
BEGIN;
INSERT INTO event(at, kind, slot, topic, json) VALUES ($t0, 'start', 'networking', 'vfio',
  json_object('action', json_object('start', json_object('slot', 'networking', 'topic', 'vfio')), 'at', $t0 - 978307200));
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $notes - 1),
     t(i, topic, text) AS (
       SELECT i,
         CASE i % 8 WHEN 0 THEN 'vfio' WHEN 1 THEN 'semi-assignment' WHEN 2 THEN 'virtio-net-scaling'
           WHEN 3 THEN 'overlays-migration' WHEN 4 THEN 'lightning-1' WHEN 5 THEN 'lightning-2'
           WHEN 6 THEN 'lightning-3' ELSE 'lightning-4' END,
         CASE i % 4 WHEN 0 THEN 'a: @ana and @bob_2 check https://example.org/patch?id=' || i || ' before Friday'
           WHEN 1 THEN 'd: keep the vhost interface (' || i || ') as it is'
           WHEN 2 THEN 'q: does this *scale* past 64 queues? [' || i || ']'
           ELSE 'discussion point ' || i || ': Grüße, 日本語, 🎉 — <tags> & | pipes' END
       FROM n)
INSERT INTO event(at, kind, slot, topic, note, text, author, json)
SELECT $t0 + i * 0.5, 'noteAdded', 'networking', topic, 'n' || i, text, 'bench',
  json_object('action', json_object('noteAdded', json_object('by', 'bench', 'id', 'n' || i, 'slot', 'networking',
    'text', text, 'topic', topic)), 'at', $t0 + i * 0.5 - 978307200)
FROM t;
INSERT INTO event(at, kind, slot, cause, json) VALUES ($t0 + 5400, 'endSlot', 'networking', 'chair',
  json_object('action', json_object('endSlot', json_object('cause', 'chair', 'slot', 'networking')), 'at', $t0 + 5400 - 978307200));
COMMIT;
SQL

count=$("$gavel" summary "$work/track.toml" --slot networking --format json | grep -c '"offsetSeconds"' || true)
[ "$count" -ge "$notes" ] || { echo "summary-cli-bench: the JSON summary holds $count notes, not $notes" >&2; exit 1; }
runs="${RUNS:-5}"
for format in markdown mediawiki json text; do
  times=()
  for _ in $(seq "$runs"); do
    s=$(date +%s%N)
    "$gavel" summary "$work/track.toml" --slot networking --format "$format" >/dev/null
    times+=($(( ($(date +%s%N) - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="summary_cli_${format}_${notes}_notes_ms" '
    { a[NR] = $1 } END { printf "%s: median %d (min %d, max %d, n=%d)\n", name, a[int((NR + 1) / 2)], a[1], a[NR], NR }'
done
