#!/usr/bin/env bash
# Roles and screens end to end (issue 10): the real binary in tmux.
#   - Without UTF-8 (LANG and LC_ALL empty), the speaker view at 80x24 draws its digits at least
#     7 rows tall (reverse-video spaces), and nothing beyond ASCII reaches the screen;
#   - at 20x6 every view shows the time and the phase on one line;
#   - in `gavel notes`, Esc then n (and every other chair key) only types: the topic stays;
#   - in `gavel speaker`, v and t keep the countdown;
#   - a launch that fails (no terminal) records nothing in the session every view shares.
# Usage: .ci/roles-e2e.sh PATH/TO/gavel
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "roles-e2e: $gavel is not an executable" >&2; exit 2; }
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/.ci/lib.sh"
e2e_setup roles-e2e
cp "$repo/examples/lpc2012-virt.toml" "$work/track.toml"
db="$work/track.gavel"
first="AMD's new interrupt-virtualization hardware"

tm new-session -d -s roles -n chair -x 100 -y 30 "exec '$gavel' run '$work/track.toml' --slot x86 --by chair"
wait_for chair "$first" 10 || fail "the chair did not come up"
tm send-keys -t chair Space
wait_for chair "19:5[0-9]" 5 || fail "the chair's countdown does not run"

# ---- the speaker without UTF-8
tm new-window -d -t roles -n speaker "exec env LANG= LC_ALL= LC_CTYPE= '$gavel' speaker '$work/track.toml'"
tm resize-window -t speaker -x 80 -y 24
wait_for speaker "AMD" 10 || fail "the speaker did not come up without UTF-8"
sleep 0.3
# Rows holding a run of reverse-video cells: tmux marks them with SGR 7 in -e captures.
rows=$(tm capture-pane -e -p -t speaker | grep -cE $'\e\\[([0-9;]*;)?7(;[0-9;]*)?m +' || true)
[ "$rows" -ge 7 ] || fail "without UTF-8 the speaker's digits are $rows rows tall (want 7 or more)"
tm capture-pane -p -t speaker | LC_ALL=C grep -q $'[\x80-\xff]' && fail "bytes beyond ASCII reached a terminal without UTF-8"
echo "roles.speaker_ascii_digit_rows: $rows"

# ---- v and t keep the speaker's countdown
tm send-keys -t speaker v t v
sleep 0.3
screen speaker | grep -qE "^ +[0-9]{2}:[0-9]{2}" || fail "v or t took the countdown away from the speaker"
screen speaker | grep -q "note>" && fail "the speaker's view turned into a note line"
echo "roles.speaker_keeps_countdown: yes"

# ---- every view at 20x6: the time and the phase on one line
for view in chair speaker; do
  tm resize-window -t "$view" -x 20 -y 6
  wait_for "$view" "^ *[0-9]{2}:[0-9]{2}( |$)" 3 || fail "$view at 20x6 shows no time"
  tm resize-window -t "$view" -x 100 -y 30
done
tm new-window -d -t roles -n small "exec '$gavel' notes '$work/track.toml' --by small"
tm resize-window -t small -x 20 -y 6
wait_for small "^[0-9]{2}:[0-9]{2}" 5 || fail "the notes view at 20x6 shows no time"
tm kill-window -t small
echo "roles.compact_20x6: time shown in chair, speaker and notes"

# ---- a note-taker cannot steer
tm new-window -d -t roles -n notes "exec '$gavel' notes '$work/track.toml' --by ada"
wait_for notes "^ note>" 10 || fail "gavel notes did not come up"
before=$(sql "$db" "SELECT count(*) FROM event WHERE kind NOT IN ('noteAdded', 'clockBase')")
tm send-keys -t notes Escape n
tm send-keys -t notes -l "ext steps"
tm send-keys -t notes Escape Space Escape E y Escape p Escape + Escape s Escape v
sleep 0.5
after=$(sql "$db" "SELECT count(*) FROM event WHERE kind NOT IN ('noteAdded', 'clockBase')")
[ "$before" = "$after" ] || fail "keys in gavel notes recorded $((after - before)) timer events"
screen chair | grep -qE "▶ $first" || fail "the chair's topic moved while a note-taker typed"
screen notes | grep -q "note> next steps" || fail "the note-taker's n was swallowed: $(screen notes | grep "note>")"
[ "$(sql "$db" "SELECT count(*) FROM event WHERE role = 'notes' AND kind NOT LIKE 'note%' AND kind NOT LIKE 'clock%'")" = 0 ] \
  || fail "an event other than a note was recorded in the notes role"
echo "roles.notes_cannot_steer: yes"

# ---- a launch that fails records nothing
before=$(sql "$db" "SELECT count(*) FROM event")
rc=0
"$gavel" run "$work/track.toml" --slot mm --start </dev/null >/dev/null 2>"$work/err.noterm" || rc=$?
[ "$rc" != 0 ] || fail "gavel run without a terminal exited 0"
grep -q "terminal" "$work/err.noterm" || fail "no word of the terminal in: $(cat "$work/err.noterm")"
after=$(sql "$db" "SELECT count(*) FROM event")
[ "$before" = "$after" ] || fail "a launch that failed recorded $((after - before)) events in the shared session"
wait_for chair "▶ $first" 2 || fail "the failed launch moved the chair to another slot"
echo "roles.failed_launch_records_nothing: yes (exit $rc)"

e2e_done
