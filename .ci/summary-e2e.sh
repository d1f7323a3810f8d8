#!/usr/bin/env bash
# Summary end-to-end test (issue 5): in tmux, the chair runs a slot of an agenda with "5s" topics,
# types notes of every kind into the chair console's note line (Tab), moves on, and lets the
# slot's time run out. The slot's summary, STEM-summary/SLOT-ID.md, and the index must appear
# within a second of the slot's end, with every note in them; a note added after the end must
# reach both files too; `gavel summary` must print the same summary.
# Usage: .ci/summary-e2e.sh PATH/TO/gavel
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "summary-e2e: $gavel is not an executable" >&2; exit 2; }
. "$(dirname "$0")/lib.sh"
e2e_setup summary-e2e
fail() {
  echo "summary-e2e: FAIL: $*" >&2
  echo "--- chair screen:" >&2; tm capture-pane -p -t e2e >&2 || true
  echo "--- files:" >&2; ls -la "$work" "$work/track-summary" >&2 2>/dev/null || true
  [ -f "$work/track-summary/quick.md" ] && { echo "--- quick.md:" >&2; cat "$work/track-summary/quick.md" >&2; }
  exit 1
}

cat > "$work/track.toml" <<'TOML'
title = "End-to-end microconference"
event = "CI"
timezone = "UTC"

[[slot]]
id = "quick"
title = "Quick slot"
length = "12s"

  [[slot.topic]]
  id = "one"
  title = "First topic"
  speakers = ["Ann"]
  length = "5s"

  [[slot.topic]]
  id = "two"
  title = "Second topic"
  speakers = ["Bob"]
  length = "5s"
TOML

tm new-session -d -s e2e -x 110 -y 32 "exec '$gavel' run '$work/track.toml' --slot quick --by chair"
wait_screen() { wait_for e2e "$@"; }
db() { sql "$work/track.gavel" "$1"; }
note_count() { [ -e "$work/track.gavel" ] && db "SELECT count(*) FROM event WHERE kind = 'noteAdded'" || echo 0; }
wait_notes() { # count
  local deadline=$(( $(date +%s) + 5 ))
  until [ "$(note_count)" -ge "$1" ]; do
    [ "$(date +%s)" -gt "$deadline" ] && return 1
    sleep 0.05
  done
}

wait_screen "First topic" || fail "the chair console did not show the first topic"
tm send-keys -t e2e Space
sleep 1   # a note typed a second into the topic shows 00:01
# Tab takes the note line; -l types the text literally; Enter saves it and gives the keys back.
type_note() { tm send-keys -t e2e Tab; tm send-keys -t e2e -l "$1"; tm send-keys -t e2e Enter; }
notes_one=(
  "a: @ana send the slides to the list"
  "d: ship the first version as it is"
  "q: does it work on ARM?"
  "discussion with *stars*, [brackets] and a link https://example.org/e2e"
)
for n in "${notes_one[@]}"; do type_note "$n"; done
wait_notes 4 || fail "the notes typed on the first topic were not saved"
sleep 2   # let the first topic's clock run a little
tm send-keys -t e2e n
wait_screen "Second topic" 3 || fail "n did not move to the second topic"
notes_two=(
  "action: @bob review the patch"
  "Grüße aus 日本 🎉"
)
for n in "${notes_two[@]}"; do type_note "$n"; done
wait_notes 6 || fail "the notes typed on the second topic were not saved"

# The slot's time runs out 12 s after its first start; gavel records the end itself.
started=$(db "SELECT min(at) FROM event WHERE kind = 'start'")
[ -n "$started" ] || fail "no start event was recorded"
summary="$work/track-summary/quick.md"
index="$work/track-summary/index.md"
deadline_ns=$(awk -v s="$started" 'BEGIN { printf "%.0f", (s + 12) * 1e9 }')
until [ -f "$summary" ] && [ -f "$index" ]; do
  now=$(date +%s%N)
  (( now - deadline_ns > 5000000000 )) && fail "no summary 5 s after the slot's end"
  sleep 0.02
done
appeared_ns=$(date +%s%N)
ended=$(db "SELECT at FROM event WHERE kind = 'endSlot' AND slot = 'quick'")
[ -n "$ended" ] || fail "the summary was written but no end of the slot was recorded"
cause=$(db "SELECT cause FROM event WHERE kind = 'endSlot' AND slot = 'quick'")
[ "$cause" = timeUp ] || fail "the slot ended by $cause, not by its time running out"
# How long after the slot's end the file was complete: its modification time, and when we saw it.
mtime_ns=$(stat -c %.9Y "$summary" | tr -d .)
end_ns=$(awk -v s="$ended" 'BEGIN { printf "%.0f", s * 1e9 }')
written_ms=$(( (mtime_ns - end_ns) / 1000000 ))
seen_ms=$(( (appeared_ns - end_ns) / 1000000 ))
echo "summary_e2e.written_after_end_ms: $written_ms"
echo "summary_e2e.seen_after_end_ms: $seen_ms"
(( written_ms <= 1000 )) || fail "the summary was written ${written_ms} ms after the slot's end (more than 1 s)"
# The chair is told where it is, once.
wait_screen "Quick slot ended: summary in .*track-summary/quick.md" 3 || fail "the chair was not told where the summary was written"

# Every note is in the slot's summary and in the index (Markdown escapes *, [ and ]).
md_escape() { sed -e 's/[]*[_`<>#|~&$!\\]/\\&/g' <<<"$1"; }
check_notes() { # file, notes...
  local file="$1"; shift
  local n body
  for n in "$@"; do
    body="$(sed -E 's/^(a|d|q|action|decision|question): *//' <<<"$n")"
    body="${body//https:\/\/example.org\/e2e/<https://example.org/e2e>}"
    escaped="$(md_escape "$body")"
    escaped="${escaped//\\<https:\/\/example.org\/e2e\\>/<https://example.org/e2e>}"
    grep -qF -- "$escaped" "$file" || fail "$(basename "$file") lacks the note \"$n\" (looked for: $escaped)"
  done
}
check_notes "$summary" "${notes_one[@]}" "${notes_two[@]}"
check_notes "$index" "${notes_one[@]}" "${notes_two[@]}"
grep -q "ended when its time ran out" "$summary" || fail "the summary does not say the slot's time ran out"
grep -qE "^### Actions" "$summary" || fail "the summary has no Actions section"
# An action's owner is its @name, said once; offsets into a topic read +mm:ss, not as clock times.
grep -qxF -- "- @ana send the slides to the list" "$summary" || fail "the action is not listed as typed, once"
grep -q "owner: " "$summary" && fail "an action repeats its owner"
grep -qE -- "^- \+00:0[0-9] discussion with" "$summary" || fail "the discussion note is not marked with its offset (+mm:ss)"
grep -qE -- "^- Notes by: chair \(6\)$" "$summary" || fail "the note-taker is not credited"
ls -a "$work/track-summary" | grep -q '\.tmp$' && fail "a temporary file was left in track-summary/"

# A note added after the end rewrites both files.
type_note "late note after the end"
t0=$(date +%s%N)
until grep -q "late note after the end" "$summary" 2>/dev/null && grep -q "late note after the end" "$index" 2>/dev/null; do
  (( $(date +%s%N) - t0 > 3000000000 )) && fail "a note added after the slot ended did not reach its summary and the index"
  sleep 0.02
done
echo "summary_e2e.late_note_rewrite_ms: $(( ($(date +%s%N) - t0) / 1000000 ))"

# `gavel summary` reads the same session and prints the same slot summary (but for "as of").
"$gavel" summary "$work/track.toml" --slot quick > "$work/printed.md" || fail "gavel summary failed"
diff -q "$summary" "$work/printed.md" >/dev/null || fail "gavel summary --slot quick differs from the written file:
$(diff "$summary" "$work/printed.md" | head -20)"
for format in json mediawiki text; do
  "$gavel" summary "$work/track.toml" --format "$format" -o "$work/all.$format" || fail "gavel summary --format $format failed"
  grep -q "late note after the end" "$work/all.$format" || fail "the $format summary lacks the late note"
done

# An unwritable destination: a file where the summary folder should be. The chair sees an error
# naming the path, the session keeps everything, and the next change writes the summary.
sed -e 's/id = "quick"/id = "blocked"/' -e 's/length = "12s"/length = "6s"/' "$work/track.toml" > "$work/blocked.toml"
echo "not a folder" > "$work/blocked-summary"
tm new-window -d -t e2e -n blocked "exec '$gavel' run '$work/blocked.toml' --slot blocked --by chair"
bscreen() { tm capture-pane -p -t e2e:blocked; }
t0=$(date +%s)
until bscreen | grep -q "First topic"; do (( $(date +%s) - t0 > 5 )) && fail "the second console did not start"; sleep 0.05; done
tm send-keys -t e2e:blocked Space Tab
tm send-keys -t e2e:blocked -l "d: kept although the summary cannot be written"; tm send-keys -t e2e:blocked Enter
t0=$(date +%s)
until bscreen | tr -d '\n' | grep -q "cannot write the summary"; do
  (( $(date +%s) - t0 > 12 )) && { bscreen >&2; fail "no error shown when the summary folder cannot be made"; }
  sleep 0.1
done
bscreen | tr -d '\n' | grep -q "blocked-summary" || { bscreen >&2; fail "the error does not name the path"; }
[ "$(sql "$work/blocked.gavel" "SELECT count(*) FROM event WHERE kind = 'noteAdded'")" = 1 ] || fail "the note was lost"
[ "$(cat "$work/blocked-summary")" = "not a folder" ] || fail "the file in the way was changed"
rm "$work/blocked-summary"
tm send-keys -t e2e:blocked Tab; tm send-keys -t e2e:blocked -l "written once the way is clear"; tm send-keys -t e2e:blocked Enter
t0=$(date +%s)
until grep -q "written once the way is clear" "$work/blocked-summary/blocked.md" 2>/dev/null; do
  (( $(date +%s) - t0 > 3 )) && fail "the summary was not written after the destination was fixed"
  sleep 0.05
done
grep -q "kept although the summary cannot be written" "$work/blocked-summary/blocked.md" || fail "the earlier note is missing"
[ -f "$work/blocked-summary/index.md" ] || fail "no index after the destination was fixed"

# A restart does not rewrite summaries written after their slot's last change; one that is
# missing (a chair killed before writing it) is written by the next view that starts. A kernel
# stamps files from a coarse clock, a tick behind the session's: the files are set 10 ms back so
# that this holds here as it must on such a machine.
for f in "$summary" "$work/track-summary/index.md"; do
  touch -d "@$(stat -c %.9Y "$f" | awk '{ printf "%.9f", $1 - 0.010 }')" "$f"
done
before=$(stat -c %y "$summary" "$work/track-summary/index.md")
tm new-window -d -t e2e -n again "exec '$gavel' notes '$work/track.toml' --by restarter"
t0=$(date +%s)
until tm capture-pane -p -t e2e:again | grep -q "quick\|Quick\|note"; do (( $(date +%s) - t0 > 5 )) && fail "the restarted view did not start"; sleep 0.05; done
sleep 1
[ "$(stat -c %y "$summary" "$work/track-summary/index.md")" = "$before" ] || fail "a restart rewrote summaries that were up to date"
tm kill-window -t e2e:again
rm "$summary"
tm new-window -d -t e2e -n third "exec '$gavel' notes '$work/track.toml' --by third"
t0=$(date +%s)
until [ -f "$summary" ]; do (( $(date +%s) - t0 > 5 )) && fail "a missing summary was not written at start-up"; sleep 0.05; done
grep -q "late note after the end" "$summary" || fail "the summary written at start-up lacks the late note"
tm kill-window -t e2e:third

[ ! -s "$work/.sql-errors" ] || fail "sqlite3 could not read the session:\n$(cat "$work/.sql-errors")"
echo "summary-e2e: ok (summary written ${written_ms} ms after the slot's time ran out, every note in it; a late note rewrote it; an unwritable destination was reported and written later)"
