#!/usr/bin/env bash
# Several writers on one session, end to end (issues 10 and 15): the real binary in tmux.
#   - two views under one author (the chair console and `gavel notes`, both without --by) keep
#     separate drafts: one's save never empties the other's line, and after both are killed each
#     gets its own line back, none twice;
#   - a view started under another TZ reads the agenda's times in the session's zone: the slot's
#     end it shows and records is the chair's, to the second;
#   - ada and bob edit one note: the second save is refused with who changed it, the text stays
#     in the line; the stored note keeps the first edit;
#   - one author's undo never takes back another author's edit.
# Usage: .ci/multiwriter-e2e.sh PATH/TO/gavel
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "multiwriter-e2e: $gavel is not an executable" >&2; exit 2; }
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/.ci/lib.sh"
e2e_setup multiwriter-e2e

# An agenda without a time zone whose slot is scheduled now in Berlin and ends 45 s from now.
start=$(TZ=Europe/Berlin date -d '-5 seconds' +%Y-%m-%dT%H:%M:%S)
cat > "$work/track.toml" <<EOF
title = "Writers MC"
[[slot]]
id = "now"
title = "Now"
start = $start
length = "50s"
  [[slot.topic]]
  id = "one"
  title = "One"
  length = "30s"
  [[slot.topic]]
  id = "two"
  title = "Two"
  length = "15s"
EOF
db="$work/track.gavel"
run_as() { # WINDOW TZ ARGS...: gavel in a window of its own, as user "same" (no --by)
  local w="$1" zone="$2"; shift 2
  local args="" a
  for a in "$@"; do args+=" $(printf '%q' "$a")"; done
  tm new-window -d -t mw -n "$w" "exec env USER=same TZ=$zone '$gavel'$args"
}
tm new-session -d -s mw -n idle -x 100 -y 30 "sleep 600"

# ---- the session's zone
run_as chair Europe/Berlin run "$work/track.toml" --slot now
wait_for chair "One" 10 || fail "the chair did not come up"
tm send-keys -t chair Space
wait_for chair "▶ One" 5 || fail "the chair did not start the topic"
run_as speaker UTC speaker "$work/track.toml"
wait_for speaker "slot: " 10 || fail "the speaker did not come up"
# Both in the slot's last minute: read in another zone, the speaker would be an hour off.
wait_for chair "0:[0-9]{2} left of" 3 || fail "the chair does not count the slot's last minute"
wait_for speaker "slot: 0:[0-9]{2} left" 3 || fail "the speaker under UTC reads the slot's times in its own zone: $(screen speaker | tail -1)"
echo "multiwriter.zone: chair (Europe/Berlin) and speaker (UTC) both in the slot's last minute"

# ---- two views, one author, two drafts
run_as notes UTC notes "$work/track.toml"
wait_for notes "^ note>" 10 || fail "gavel notes did not come up"
grep -q "Europe/Berlin" <(screen notes) || fail "the note-taker under UTC is not told times are in the session's zone"
tm send-keys -t chair Tab
tm send-keys -t chair -l "the chair's half line"
tm send-keys -t notes -l "the notes view's line"
sleep 1.5                                # both drafts kept (after a second)
tm send-keys -t notes C-u
tm send-keys -t notes -l "saved by notes"
tm send-keys -t notes Enter
wait_for notes "saved by notes" 5 || fail "the note was not saved"
sleep 0.5
screen chair | grep -q "note> the chair's half line" || fail "the notes view's save emptied the chair's line"
tm send-keys -t notes -l "notes line again"
sleep 1.5
for w in chair notes; do kill -9 "$(tm display-message -p -t "$w" '#{pane_pid}')"; wait_gone "$w" || true; done
run_as chair Europe/Berlin run "$work/track.toml" --slot now
run_as notes UTC notes "$work/track.toml"
wait_for notes "^ note> notes line again" 10 || fail "the notes view did not get its own line back"
wait_for chair "the chair's half line" 10 || fail "the chair did not get its own line back"
screen notes | grep -q "half line" && fail "the notes view got the chair's line"
echo "multiwriter.drafts: each view got its own line back"
tm send-keys -t notes C-u
tm send-keys -t chair Tab C-u Escape

# ---- a stale edit is refused
tm send-keys -t notes -l "shared note"
tm send-keys -t notes Enter
wait_for notes "shared note" 5 || fail "the shared note was not saved"
run_as bob UTC notes "$work/track.toml" --by bob
wait_for bob "shared note" 10 || fail "bob does not see the shared note"
tm send-keys -t notes Up Enter
tm send-keys -t bob Up Enter
wait_for notes "edit> shared note" 5 || fail "the first editor did not get the note in the line"
wait_for bob "edit> shared note" 5 || fail "bob did not get the note in the line"
tm send-keys -t notes -l " [first edit]"; tm send-keys -t notes Enter
for _ in $(seq 100); do [ "$(sql "$db" "SELECT count(*) FROM event WHERE kind = 'noteEdited'")" = 1 ] && break; sleep 0.05; done
tm send-keys -t bob -l " [bob edit]"; tm send-keys -t bob Enter
wait_for bob "same changed this note" 5 || fail "bob's stale edit was not refused with who changed it"
screen bob | grep -q "edit> shared note \[bob edit\]" || fail "bob's text left the line"
[ "$(sql "$db" "SELECT text FROM current_note WHERE text LIKE 'shared note%'")" = "shared note [first edit]" ] \
  || fail "the stored note is not the first edit: $(sql "$db" "SELECT text FROM current_note")"
echo "multiwriter.stale_edit: refused, text kept in bob's line"

# ---- undo is per author: bob edits the note as it now stands; the first editor's Ctrl-Z
# then has nothing of its own to take back, and bob's edit stays.
tm send-keys -t bob Escape Up Enter
wait_for bob "edit> shared note \[first edit\]" 5 || fail "bob did not get the current note in the line"
tm send-keys -t bob -l " [bob edit]"; tm send-keys -t bob Enter
for _ in $(seq 100); do [ "$(sql "$db" "SELECT count(*) FROM event WHERE kind = 'noteEdited'")" = 2 ] && break; sleep 0.05; done
tm send-keys -t notes C-z
sleep 0.5
[ "$(sql "$db" "SELECT text FROM current_note WHERE text LIKE 'shared note%'")" = "shared note [first edit] [bob edit]" ] \
  || fail "another author's Ctrl-Z took back bob's edit: $(sql "$db" "SELECT text FROM current_note")"
screen notes | grep -q "nothing of yours to undo" || fail "the note-taker was not told there was nothing of theirs to undo"
echo "multiwriter.undo: another author's Ctrl-Z left bob's edit alone"

# ---- the slot's end, once, at the chair's deadline
deadline=$(( $(TZ=Europe/Berlin date -d "$start" +%s) + 50 ))
now=$(date +%s)
[ "$deadline" -gt "$now" ] || fail "the test's slot is already over"
for _ in $(seq $(( (deadline - now + 5) * 10 ))); do
  [ "$(sql "$db" "SELECT count(*) FROM event WHERE kind = 'endSlot'")" != 0 ] && break
  sleep 0.1
done
ended=$(sql "$db" "SELECT cast(at AS INTEGER) FROM event WHERE kind = 'endSlot'")
[ "$(sql "$db" "SELECT count(*) FROM event WHERE kind = 'endSlot'")" = 1 ] || fail "the slot's end was recorded $(sql "$db" "SELECT count(*) FROM event WHERE kind = 'endSlot'") times"
[ "$ended" = "$deadline" ] || fail "the slot ended at $ended, the chair's deadline is $deadline"
echo "multiwriter.end: recorded once, at the scheduled end in the session's zone"
e2e_done
