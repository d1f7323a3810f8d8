#!/usr/bin/env bash
# Crash test (issue 4): a note-taker's `gavel notes` is killed with SIGKILL at random moments, 30+
# times, while the chair's `gavel run` keeps a topic's clock running in another tmux window. After
# every restart:
#   - the countdown is right to the second (computed from the start event and the wall clock);
#   - a line left unfinished for over a second comes back as the draft.
# At the end, read with sqlite3:
#   - every note shown as saved, or whose Enter was pressed 150 ms or more before the kill, is
#     present exactly once; one whose Enter came just before the kill is present at most once;
#   - no note that was never entered exists.
# Then, where a small tmpfs can be mounted (root), the disk fills up under `gavel notes`: the note
# being saved stays in the line with an error, and is saved once there is room again.
# Usage: .ci/crash-test.sh PATH/TO/gavel [ROUNDS]
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel [ROUNDS]}"
rounds="${2:-30}"
[ -x "$gavel" ] || { echo "crash-test: $gavel is not an executable" >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/.ci/lib.sh"
e2e_setup crash-test
db="$work/track.gavel"
sqldb() { sql "$db" "$1"; }

cp "$repo/examples/lpc2012-virt.toml" "$work/track.toml"

# The chair starts the first topic and keeps running.
tm new-session -d -s crash -n chair -x 100 -y 30 "exec '$gavel' run '$work/track.toml' --slot x86 --by chair"
wait_for chair "READY" || fail "the chair console did not come up"
planned_text=$(screen chair | grep -m1 "READY" | grep -oE '[0-9]+:[0-9]{2} +READY' | grep -oE '^[0-9]+:[0-9]{2}')
planned=$(( 10#${planned_text%%:*} * 60 + 10#${planned_text##*:} ))
tm send-keys -t chair Space
for _ in $(seq 100); do [ "$(sqldb "SELECT count(*) FROM event WHERE kind = 'start'")" = 1 ] && break; sleep 0.05; done
start_at=$(sqldb "SELECT at FROM event WHERE kind = 'start'")
[ -n "$start_at" ] || fail "the chair's start was not recorded"

must=()    # notes that must be present exactly once
maybe=()   # notes whose Enter came right before the kill: at most once
draft_expect=""
clock_checks=0
words=(alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima)
word() { echo "${words[RANDOM % ${#words[@]}]}"; }

for round in $(seq 1 "$rounds"); do
  tm new-window -d -t crash -n notes "exec '$gavel' notes '$work/track.toml' --by ada"
  wait_for notes "^ note>" || fail "gavel notes did not come up after a kill"

  # The countdown, resumed: shown on the first line's right, against start + wall clock. The
  # screen is redrawn just after each second's boundary, so what it shows is the remaining time
  # (rounded up) at some instant between the capture and a few milliseconds before it.
  before=$(date +%s.%N)
  shown=$(screen notes | head -1 | grep -oE '[0-9]+:[0-9]{2} *$' | tr -d ' ')
  after=$(date +%s.%N)
  [ -n "$shown" ] || fail "no countdown on the notes view"
  shown_s=$(( 10#${shown%%:*} * 60 + 10#${shown##*:} ))
  remaining() { awk -v p="$planned" -v s="$start_at" -v n="$1" 'BEGIN { r = p - (n - s); e = int(r); if (e < r) e++; print e }'; }
  early=$(remaining "$(awk -v t="$before" 'BEGIN { printf "%.6f", t - 0.05 }')")
  late=$(remaining "$after")
  if [ "$shown_s" -lt "$late" ] || [ "$shown_s" -gt "$early" ]; then
    fail "countdown shows $shown ($shown_s s), expected between $late and $early s"
  fi
  clock_checks=$((clock_checks + 1))

  # The draft: exactly the unfinished line when it was left alone for over a second.
  line=$(screen notes | grep -m1 '^ note>' | sed -E 's/^ note> ?//; s/ +$//')
  if [ -n "$draft_expect" ] && [ "$line" != "$draft_expect" ]; then
    fail "the draft came back as '$line', expected '$draft_expect'"
  fi
  draft_expect=""
  if [ -n "$line" ] && [ "$(sqldb "SELECT count(*) FROM event WHERE kind = 'noteAdded' AND text = '$line'")" != 0 ]; then
    fail "the saved note '$line' came back as the draft (Enter would save it twice)"
  fi
  if [ -n "$line" ]; then
    tm send-keys -t notes C-e C-u
    wait_for notes '^ note> *$' || fail "could not clear the restored draft"
  fi

  notes=$((1 + RANDOM % 3))
  for i in $(seq 1 "$notes"); do
    text="r${round}n${i} $(word) $(word)"
    tm send-keys -t notes -l "$text"
    tm send-keys -t notes Enter
    if [ "$i" -lt "$notes" ]; then
      wait_for notes "^ +[0-9]+:[0-9]{2} +ada +$text *$" || fail "note '$text' was not shown as saved"
      must+=("$text")
    else
      last="$text"
    fi
  done

  mode=$((RANDOM % 4))
  case $mode in
    0) # The last note is shown saved, then a line is typed and left alone for 1.5 s.
       wait_for notes "^ +[0-9]+:[0-9]{2} +ada +$last *$" || fail "note '$last' was not shown as saved"
       must+=("$last")
       draft_expect="r${round} unfinished $(word)"
       tm send-keys -t notes -l "$draft_expect"
       sleep 1.5 ;;
    1) # Killed while typing the next line.
       wait_for notes "^ +[0-9]+:[0-9]{2} +ada +$last *$" || fail "note '$last' was not shown as saved"
       must+=("$last")
       tm send-keys -t notes -l "r${round} cut $(word)"
       sleep "0.$((RANDOM % 3))$((RANDOM % 10))" ;;
    2) # Killed within 50 ms of Enter: the note may or may not have been read from the terminal.
       maybe+=("$last")
       sleep "0.0$((RANDOM % 5))" ;;
    3) # Killed 150-400 ms after Enter: it must have been saved.
       must+=("$last")
       sleep "0.$((15 + RANDOM % 25))" ;;
  esac
  pid=$(tm display -p -t notes '#{pane_pid}')
  kill -9 "$pid"
  for _ in $(seq 100); do tm list-windows -F '#{window_name}' | grep -qx notes || break; sleep 0.02; done
done

# Every note: exactly once, at most once, or never entered at all.
count() { sqldb "SELECT count(*) FROM event WHERE kind = 'noteAdded' AND author = 'ada' AND text = '$1'"; }
for text in "${must[@]}"; do
  n=$(count "$text"); [ "$n" = 1 ] || fail "note '$text' (Enter pressed before the kill) is present $n times"
done
present_maybe=0
for text in "${maybe[@]}"; do
  n=$(count "$text"); [ "$n" -le 1 ] || fail "note '$text' is present $n times"
  present_maybe=$((present_maybe + n))
done
total=$(sqldb "SELECT count(*) FROM event WHERE kind = 'noteAdded' AND author = 'ada'")
[ "$total" = $(( ${#must[@]} + present_maybe )) ] || fail "$total notes by ada, expected $(( ${#must[@]} + present_maybe )) (a note nobody entered was saved)"
integrity=$(sqldb "PRAGMA integrity_check")
[ "$integrity" = ok ] || fail "integrity_check: $integrity"
# A full disk: the note stays in the line with the error; nothing saved is harmed.
mkdir "$work/full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=320k tmpfs "$work/full" 2>/dev/null; then
  mounts+=("$work/full")
  round=disk-full
  cp "$work/track.toml" "$work/full/track.toml"
  tm new-window -d -t crash -n notes "exec '$gavel' notes '$work/full/track.toml' --by ada"
  wait_for notes "^ note>" || fail "gavel notes did not come up on the small disk"
  tm send-keys -t notes -l "saved before the disk filled"
  tm send-keys -t notes Enter
  wait_for notes "^ +[0-9]+:[0-9]{2} +ada +saved before the disk filled *$" || fail "the first note was not saved"
  dd if=/dev/zero of="$work/full/filler" bs=4k 2>/dev/null || true
  full_note=""
  for i in $(seq 1 40); do
    text="on a full disk $i $(printf 'x%.0s' $(seq 1 300))"
    tm send-keys -t notes -l "$text"
    tm send-keys -t notes Enter
    wait_for notes "^ +[0-9]+:[0-9]{2} +ada +on a full disk $i |the disk is full" || fail "note $i was neither saved nor refused"
    if screen notes | grep -q "the disk is full"; then full_note="$text"; full_i=$i; break; fi
  done
  [ -n "$full_note" ] || fail "40 notes fitted on a full 320 KiB disk: the test did not fill it"
  screen notes | grep -qE "^ note> .*x{20}" || fail "the refused note is not in the line any more"
  rm -f "$work/full/filler"
  tm send-keys -t notes Enter
  wait_for notes "^ +[0-9]+:[0-9]{2} +ada +on a full disk $full_i( |$)" || fail "the refused note was not saved once there was room"
  [ "$(sql "$work/full/track.gavel" "SELECT count(*) FROM event WHERE text = 'saved before the disk filled'")" = 1 ] \
    || fail "the note saved before the disk filled is gone"
  [ "$(sql "$work/full/track.gavel" "SELECT count(*) FROM event WHERE text = '$full_note'")" = 1 ] \
    || fail "the refused note is not present exactly once after saving again"
  [ "$(sql "$work/full/track.gavel" "PRAGMA integrity_check")" = ok ] || fail "the session is damaged after the full disk"
  tm kill-window -t notes
  echo "crash.disk_full: note kept in the line, saved once there was room"
else
  echo "crash.disk_full: skipped (mounting a small tmpfs needs root)"
fi

echo "crash.rounds: $rounds"
echo "crash.notes_exactly_once: ${#must[@]}"
echo "crash.notes_entered_at_the_kill: ${#maybe[@]} ($present_maybe saved)"
echo "crash.countdown_checks_right_to_the_second: $clock_checks"
e2e_done
