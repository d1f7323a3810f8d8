#!/usr/bin/env bash
# Schedules end to end (issue 13): the real binary makes a session of the example
# microconference (gavel run in tmux, quit at once); the scripted morning's clock events (the one
# the golden summaries use) are written into it with sqlite3, as the engine's JSON; then
# `gavel export --actual` in every format must give the actual times, the same bytes twice, no
# private note, and `gavel import` of its iCalendar and frab files the actual times as the
# schedule. Also: a planned export twice is the same bytes; an Outlook file imports. Seconds.
# Usage: .ci/schedule-e2e.sh PATH/TO/gavel [OUTPUT-DIR]  (OUTPUT-DIR keeps the files, for the README)
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel [OUTPUT-DIR]}"
[ -x "$gavel" ] || { echo "schedule-e2e: $gavel is not an executable" >&2; exit 2; }
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
command -v tmux >/dev/null || { echo "schedule-e2e: tmux is needed" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "schedule-e2e: sqlite3 is needed" >&2; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
keep="${2:-}"
work="${keep:-$(mktemp -d /tmp/gavel-schedule-e2e.XXXXXX)}"
mkdir -p "$work"
server="gavel-schedule-$$"
tm() { tmux -L "$server" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; [ -n "$keep" ] || rm -rf "$work"; }
trap 'cleanup' EXIT
fail() { echo "schedule-e2e: FAIL: $*" >&2; exit 1; }

cp "$root/examples/lpc2012-virt.toml" "$work/track.toml"
cd "$work"
rm -f track.gavel track.gavel-wal track.gavel-shm
tm new-session -d -s e2e -x 100 -y 30 "$gavel run track.toml --slot x86"
for _ in $(seq 50); do [ -f track.gavel ] && break; sleep 0.1; done
sleep 0.5
tm send-keys -t e2e q
for _ in $(seq 50); do tm has-session -t e2e 2>/dev/null || break; sleep 0.1; done
[ -f track.gavel ] || fail "gavel run made no session file"

# The scripted morning (America/Los_Angeles, UTC-7): x86 held to its last topic; mm with a
# +2 min, a pause, NTP stepping the clock 90 s, and its time running out.
ev() {  # ev HH:MM:SS KIND SLOT TOPIC JSON-ACTION
  local unix; unix=$(date -u -d "2012-08-29 $1 -0700" +%s)
  local ref=$((unix - 978307200))
  sqlite3 track.gavel "INSERT INTO event (at, kind, slot, topic, seconds, cause, json) VALUES ($unix, '$2', $3, $4, NULL, NULL, '{\"action\":$5,\"at\":$ref}')"
}
ev 09:00:00 openSlot "'x86'" NULL '{"openSlot":{"slot":"x86"}}'
ev 09:00:00 start "'x86'" "'amd-interrupt-virt'" '{"start":{"slot":"x86","topic":"amd-interrupt-virt"}}'
ev 09:23:30 next "'x86'" "'amd-interrupt-virt'" '{"next":{"slot":"x86","topic":"amd-interrupt-virt"}}'
ev 09:43:00 next "'x86'" "'intel-interrupt-virt'" '{"next":{"slot":"x86","topic":"intel-interrupt-virt"}}'
ev 09:50:00 openSlot "'mm'" NULL '{"openSlot":{"slot":"mm"}}'
ev 09:50:00 start "'mm'" "'xen-numa'" '{"start":{"slot":"mm","topic":"xen-numa"}}'
ev 09:52:00 adjust "'mm'" "'xen-numa'" '{"adjust":{"slot":"mm","topic":"xen-numa","seconds":120}}'
ev 10:08:00 next "'mm'" "'xen-numa'" '{"next":{"slot":"mm","topic":"xen-numa"}}'
ev 10:12:00 clockJump NULL NULL '{"clockJump":{"seconds":90}}'
ev 10:20:00 next "'mm'" "'autonuma'" '{"next":{"slot":"mm","topic":"autonuma"}}'
ev 10:25:00 pause "'mm'" "'balloon'" '{"pause":{"slot":"mm","topic":"balloon"}}'
ev 10:26:30 start "'mm'" "'balloon'" '{"start":{"slot":"mm","topic":"balloon"}}'
ev 10:40:00 endSlot "'mm'" NULL '{"endSlot":{"slot":"mm","cause":"timeUp"}}'

for f in frab json csv ics; do
  "$gavel" export track.toml --actual --format "$f" -o "actual.$f" 2>/dev/null || fail "export --actual --format $f failed"
  "$gavel" export track.toml --actual --format "$f" > "again.$f" || fail "second export --actual --format $f failed"
  cmp -s "actual.$f" "again.$f" || fail "two exports of the same session differ ($f)"
  ! grep -q "title and speaker not known" "actual.$f" || fail "the agenda's private note reached the $f export"
done
grep -q '<date>2012-08-29T09:23:30-07:00</date>' actual.frab || fail "frab: Intel's talk does not start at 09:23:30"
grep -q '<duration>00:19:30</duration>' actual.frab || fail "frab: Intel's talk did not last 19m30s"
grep -q '"usedSeconds": 1080' actual.json || fail "json: Xen NUMA did not use 18 minutes"
grep -q 'X-GAVEL-INTERVAL:20120829T172630Z/20120829T173630Z' actual.ics || fail "ics: the balloon talk's pause is missing"
[ "$(grep -c . actual.csv)" = 6 ] || fail "csv: expected a header and 5 topics held"
# The mm slot ran out at its deadline, 09:50 + 45 min + the 90 s step = 10:36:30.
grep -q '"end": "2012-08-29T10:36:30-07:00", "endUTC"' actual.json || fail "json: the balloon talk did not stop when the slot ran out"

"$gavel" import actual.ics -o back.toml 2>/dev/null >/dev/null || fail "the ics export does not import"
grep -q 'start = "09:23:30"' back.toml || fail "imported ics: Intel's talk is not at 09:23:30"
"$gavel" check back.toml >/dev/null 2>&1 || fail "the imported agenda does not pass gavel check"
"$gavel" import actual.frab --day 1 -o back-frab.toml 2>/dev/null >/dev/null || fail "the frab export does not import"
grep -q 'start = "10:08"' back-frab.toml || fail "imported frab: AutoNUMA is not at 10:08:00"

# Planned: two exports of the same agenda are the same bytes, and carry no note.
"$gavel" export track.toml --start 2012-08-29T09:00 > planned1.ics
sleep 1
"$gavel" export track.toml --start 2012-08-29T09:00 > planned2.ics
cmp -s planned1.ics planned2.ics || fail "two planned exports differ"
! grep -q "ROLE=CHAIR\|title and speaker not known" planned1.ics || fail "the planned calendar has speakers as chairs or a private note"

# An Outlook file: a Windows zone name, mapped.
"$gavel" import "$root/Tests/GavelScheduleTests/Fixtures/issue13/ics-windows-zone.ics" > outlook.toml 2>outlook.err || fail "an Outlook file does not import: $(cat outlook.err)"
grep -q 'timezone = "Europe/Berlin"' outlook.toml || fail "W. Europe Standard Time is not Europe/Berlin"
echo "schedule-e2e: ok"
