#!/usr/bin/env bash
# Import time against file size (issue 13): generates iCalendar schedules of 1, 5 and 50 MB
# (folded lines, TZID times, attendees, categories; 20 rooms over 5 days) and a frab XML of
# 50 MB, and times `gavel import` (release build) of one room and day from each, median of
# RUNS runs (default 5). Prints `name: value` lines: import_ics_1mb_ms, import_ics_5mb_ms,
# import_ics_50mb_ms, import_frab_50mb_ms, peak RSS of the 50 MB runs, and the time per MB,
# which stays flat when the import is linear. Target: 50 MB in under 5 s.
# Usage: bench/import-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
swift build -c release --product gavel >/dev/null 2>&1 || swift build -c release --product gavel
gavel="$(swift build -c release --show-bin-path)/gavel"
work="$(mktemp -d /tmp/gavel-import-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, os
work = sys.argv[1]
def fold(line):
    b = line.encode()
    out, i = [], 0
    while len(b) - i > 75:
        cut = 75 if i == 0 else 74
        j = i + cut
        while j > i and (b[j] & 0xC0) == 0x80: j -= 1
        out.append(b[i:j]); i = j
    out.append(b[i:])
    return b"\r\n ".join(out) + b"\r\n"
def ics(size, path):
    with open(path, "wb") as f:
        f.write(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//gavel//EN\r\nX-WR-CALNAME:Bench conference\r\nX-WR-TIMEZONE:Europe/Brussels\r\n")
        n, written = 0, 0
        while written < size:
            day, room, k = (n // 20) % 5, n % 20, n // 100
            minute = (k * 35) % (12 * 60)
            h, m = 8 + minute // 60, minute % 60
            ev = [f"BEGIN:VEVENT", f"UID:bench-{n}@example.org", "DTSTAMP:20240101T000000Z",
                  f"DTSTART;TZID=Europe/Brussels:2024091{6 + day}T{h:02d}{m:02d}00",
                  f"DTEND;TZID=Europe/Brussels:2024091{6 + day}T{8 + (minute + 25) // 60:02d}{(minute + 25) % 60:02d}00",
                  f"SUMMARY:Talk number {n}: scheduling\\, queues and Grüße from room {room}",
                  f"LOCATION:Room {room + 1}", "CATEGORIES:Kernel,Storage",
                  f"ATTENDEE;CN=\"Speaker {n}\";ROLE=REQ-PARTICIPANT:mailto:s{n}@example.org",
                  "DESCRIPTION:" + ("A long abstract that a generator folds at seventy-five octets, with ünïcödé. " * 2),
                  "END:VEVENT"]
            data = b"".join(fold(l) for l in ev)
            f.write(data); written += len(data); n += 1
        f.write(b"END:VCALENDAR\r\n")
def frab(size, path):
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<schedule><conference><title>Bench</title><time_zone_name>Europe/Brussels</time_zone_name></conference>\n')
        n, written = 0, 0
        for day in range(5):
            f.write(f'<day index="{day + 1}" date="2024-09-{16 + day}">\n')
            for room in range(20):
                f.write(f'<room name="Room {room + 1}">\n')
                for k in range(size // (5 * 20 * 600) + 1):
                    minute = (k * 35) % (12 * 60)
                    s = (f'<event guid="g-{n}" id="{n}"><date>2024-09-{16 + day}T{8 + minute // 60:02d}:{minute % 60:02d}:00+02:00</date>'
                         f'<start>{8 + minute // 60:02d}:{minute % 60:02d}</start><duration>00:25</duration><room>Room {room + 1}</room>'
                         f'<title>Talk {n} &amp; friends</title><track>Kernel</track><type>talk</type>'
                         f'<abstract>{"An abstract with ünïcödé and &lt;markup&gt;. " * 8}</abstract>'
                         f'<persons><person id="{n}">Speaker {n}</person></persons></event>\n')
                    f.write(s); n += 1
                f.write('</room>\n')
            f.write('</day>\n')
        f.write('</schedule>\n')
for mb in (1, 5, 50):
    ics(mb * 1024 * 1024, os.path.join(work, f"s{mb}.ics"))
frab(50 * 1024 * 1024, os.path.join(work, "s50.xml"))
PY

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {  # measure NAME FILE
  local name="$1" file="$2" times=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f '%e %M' "$gavel" import "$file" --room "Room 1" --date 2024-09-16 -o "$work/out.toml" >/dev/null 2>"$work/err" || true
    grep -q "wrote" "$work/err" || { echo "$name: import failed: $(head -3 "$work/err")" >&2; exit 1; }
    local out; out=$(tail -1 "$work/time")
    times+=("$(awk '{printf "%d", $1 * 1000}' <<<"$out")")
    rss=$(awk '{print $2}' <<<"$out")
  done
  local ms; ms=$(printf '%s\n' "${times[@]}" | median)
  local mb; mb=$(( $(stat -c %s "$file") / 1048576 ))
  [ "$mb" -gt 0 ] || mb=1
  echo "$name: $ms"
  echo "${name%_ms}_ms_per_mb: $(( ms / mb ))"
  echo "${name%_ms}_peak_rss_mb: $(( rss / 1024 ))"
}
command -v /usr/bin/time >/dev/null 2>&1 || { echo "bench needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
measure import_ics_1mb_ms "$work/s1.ics"
measure import_ics_5mb_ms "$work/s5.ics"
measure import_ics_50mb_ms "$work/s50.ics"
measure import_frab_50mb_ms "$work/s50.xml"
