#!/usr/bin/env bash
# Fault test (issue 7, hardening): the real binary under the faults a room can throw at it.
#   a) a read-only agenda folder (as an unprivileged user, since CI runs as root), fresh and with an
#      existing session; and, as root, --session on a read-only filesystem: a clear error naming
#      the path, exit 77 (EX_NOPERM), nothing written;
#   b) the session file on a full disk (a 256 KiB tmpfs): Enter on a note shows an error, the note
#      stays in the line, nothing saved before is lost, and it is saved once there is room;
#   c) kill -9 of the chair console at random moments around a slot's end (3-second topics), when
#      the summary is written: no half-written summary, no lost note; a restarted chair carries on.
# Prints `name: value` lines; exits non-zero with `fault-test: FAIL: ...` on the first failure.
# Usage: .ci/fault-test.sh PATH/TO/gavel [KILL_ROUNDS]
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel [KILL_ROUNDS]}"
rounds="${2:-12}"
[ -x "$gavel" ] || { echo "fault-test: $gavel is not an executable" >&2; exit 2; }
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
started=$(date +%s)
. "$(dirname "$0")/lib.sh"
e2e_setup fault-test


# A tiny microconference whose slot ends six seconds after it starts.
write_agenda() {
  cat > "$1" <<'EOF'
title = "Fault MC"
[defaults]
topic = "3s"
warn = ["2s", "1s"]
[[slot]]
id = "fast"
title = "Fast slot"
length = "6s"
  [[slot.topic]]
  id = "one"
  title = "One"
  length = "3s"
  [[slot.topic]]
  id = "two"
  title = "Two"
  length = "3s"
EOF
}
# Runs "$@" in a tmux window with a real terminal; its exit code lands in $work/rc.NAME.
run_in_window() {
  local name="$1"; shift
  local cmd=""
  for a in "$@"; do cmd+=" $(printf '%q' "$a")"; done
  rm -f "$work/rc.$name"
  tm new-window -d -t fault -n "$name" "$cmd 2>$work/err.$name; echo \$? > $work/rc.$name; sleep 30"
  for _ in $(seq 250); do [ -s "$work/rc.$name" ] && return 0; sleep 0.02; done
  return 1
}
listing() { (cd "$1" && find . -printf '%p %s %T@\n' | sort); }

tm new-session -d -s fault -n idle -x 100 -y 30 "sleep 600"

# ---------------------------------------------------------------- a) read-only agenda folder
unprivileged=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  unprivileged=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp TERM="$TERM")
  # The binary must be reachable by that user; else use a copy beside the test's files.
  if ! "${unprivileged[@]}" "$gavel" --version >/dev/null 2>&1; then
    cp "$gavel" "$work/gavel" && chmod 755 "$work/gavel" && gavel_ro="$work/gavel"
  fi
elif [ "$(id -u)" != 0 ]; then
  unprivileged=(env)
fi
gavel_ro="${gavel_ro:-$gavel}"
check_refused() { # NAME FOLDER WHAT
  local name="$1" folder="$2" rc
  rc=$(cat "$work/rc.$name")
  [ "$rc" = 77 ] || fail "$3: exit $rc, not 77 (EX_NOPERM) ($(cat "$work/err.$name"))"
  grep -qF "$folder" "$work/err.$name" || fail "$3: the error does not name the folder: $(cat "$work/err.$name")"
  grep -qiE "writ|read-only|permission" "$work/err.$name" || fail "$3: the error does not say why: $(cat "$work/err.$name")"
  echo "fault.$name: exit 77: $(head -c 300 "$work/err.$name" | tr '\n' ' ')"
}
if [ ${#unprivileged[@]} -gt 0 ]; then
  ro="$work/ro"; mkdir "$ro"; write_agenda "$ro/track.toml"; chmod 444 "$ro/track.toml"; chmod 555 "$ro"
  before=$(listing "$ro")
  run_in_window ro_fresh "${unprivileged[@]}" "$gavel_ro" run "$ro/track.toml" || fail "gavel run in a read-only folder did not exit"
  check_refused ro_fresh "$ro" "gavel run in a read-only folder"
  [ "$(listing "$ro")" = "$before" ] || fail "gavel run wrote into the read-only folder: $(listing "$ro")"

  # A session made earlier by someone else, now read-only to this user: refused, untouched.
  ro2="$work/ro2"; mkdir "$ro2"; write_agenda "$ro2/track.toml"
  tm new-window -d -t fault -n maker "exec '$gavel' run '$ro2/track.toml' --slot fast --by chair"
  wait_for maker "READY" 10 || fail "the chair console did not come up to make a session"
  tm send-keys -t maker Tab; tm send-keys -t maker -l "kept note"; tm send-keys -t maker Enter
  wait_for maker "00:00 chair kept note" || fail "the note to keep was not saved"
  tm send-keys -t maker q
  for _ in $(seq 100); do tm list-windows -F '#{window_name}' | grep -qx maker || break; sleep 0.05; done
  chmod 444 "$ro2"/track.*; chmod 555 "$ro2"
  before=$(listing "$ro2"); sum_before=$(sha256sum "$ro2/track.gavel")
  run_in_window ro_existing "${unprivileged[@]}" "$gavel_ro" run "$ro2/track.toml" || fail "gavel run on a read-only session did not exit"
  check_refused ro_existing "$ro2" "gavel run on a read-only session"
  [ "$(listing "$ro2")" = "$before" ] && [ "$(sha256sum "$ro2/track.gavel")" = "$sum_before" ] \
    || fail "gavel run changed the read-only folder or session"
  [ "$(sql "$ro2/track.gavel" "SELECT count(*) FROM event WHERE text = 'kept note'")" = 1 ] \
    || fail "the note saved before is gone"
else
  echo "fault.ro_fresh: SKIPPED (running as root without setpriv: root may write anywhere)"
fi
# As root: --session on a filesystem mounted read-only.
if [ "$(id -u)" = 0 ] && mkdir "$work/romnt" && mount -t tmpfs -o ro,size=64k tmpfs "$work/romnt" 2>/dev/null; then
  mounts+=("$work/romnt")
  write_agenda "$work/ro-session.toml"
  run_in_window ro_mount "$gavel" run "$work/ro-session.toml" --session "$work/romnt/track.gavel" || fail "gavel run --session on a read-only mount did not exit"
  check_refused ro_mount "$work/romnt" "gavel run --session on a read-only filesystem"
  [ -z "$(ls -A "$work/romnt")" ] || fail "something appeared on the read-only mount"
  [ ! -e "$work/ro-session-summary" ] || fail "a summary folder was made though the session was refused"
else
  echo "fault.ro_mount: SKIPPED (mounting a read-only tmpfs is not allowed here)"
fi

# ---------------------------------------------------------------- b) session file on a full disk
full="$work/full"; mkdir "$full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k tmpfs "$full" 2>/dev/null; then
  mounts+=("$full")
  write_agenda "$work/disk.toml"
  db="$full/track.gavel"
  tm new-window -d -t fault -n disk "exec '$gavel' notes '$work/disk.toml' --session '$db' --by ada"
  wait_for disk "^ note>" 10 || fail "gavel notes did not come up on the small disk"
  tm send-keys -t disk -l "saved before the disk filled"; tm send-keys -t disk Enter
  wait_for disk "00:00 ada saved before the disk filled" || fail "the first note was not saved"
  dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null || true
  refused=""
  for i in $(seq 1 40); do
    text="full disk note $i $(printf 'y%.0s' $(seq 1 400))"
    tm send-keys -t disk -l "$text"; tm send-keys -t disk Enter
    wait_for disk "00:00 ada full disk note $i |could not save|disk is full|No space" 5 || fail "note $i was neither saved nor refused"
    if screen disk | grep -qE "could not save|disk is full|No space"; then refused="$i"; break; fi
  done
  [ -n "$refused" ] || fail "40 long notes fitted on a full 256 KiB disk: the disk did not fill"
  screen disk | grep -qE "^ note> .*y{20}" || fail "the refused note is not in the line any more"
  echo "fault.disk_full_message: $(screen disk | grep -m1 -oE '(could not save|the disk is full|No space)[^│]*' | head -c 200)"
  # Quit without saving it, free the space, and read what is on disk.
  tm send-keys -t disk C-c
  for _ in $(seq 100); do tm list-windows -F '#{window_name}' | grep -qx disk || break; sleep 0.05; done
  rm -f "$full/filler"
  [ "$(sql "$db" "SELECT count(*) FROM event WHERE text = 'saved before the disk filled'")" = 1 ] \
    || fail "the note saved before the disk filled is gone"
  [ "$(sql "$db" "PRAGMA integrity_check")" = ok ] || fail "the session is damaged after the full disk"
  saved=$(sql "$db" "SELECT count(*) FROM event WHERE kind = 'noteAdded'")
  [ "$saved" -ge "$refused" ] || fail "$saved notes on disk, but $((refused - 1)) were shown as saved before the refusal"
  # With room again, a new gavel notes shows all of them and saves a new note.
  tm new-window -d -t fault -n disk2 "exec '$gavel' notes '$work/disk.toml' --session '$db' --by ada"
  wait_for disk2 "^ note>" 10 || fail "gavel notes did not come up after the disk was freed"
  tm send-keys -t disk2 -l "saved after room was made"; tm send-keys -t disk2 Enter
  wait_for disk2 "00:00 ada saved after room was made" || fail "no note could be saved after freeing space"
  echo "fault.disk_full: refused at note $refused with the note kept in the line; $saved notes intact; integrity ok"
  tm kill-window -t disk2
else
  echo "fault.disk_full: SKIPPED (mounting a small tmpfs needs root and a kernel that allows it)"
fi

# ---------------------------------------------------------------- c) kill -9 around the slot's end
complete_summary() { # FILE: a Markdown summary that was written to its end
  local f="$1"
  [ -s "$f" ] || return 1
  [ "$(tail -c 1 "$f" | od -An -tx1 | tr -d ' ')" = 0a ] || return 1
  head -1 "$f" | grep -qE '^# ' || return 1
  tail -1 "$f" | grep -qE '^\| Total \|.*\|$' || grep -q '^## ' "$f" || return 1
}
temp_left=0
kills_after_end=0
one_round() { # ROUND
  local r="$1" dir="$work/kill$1" w="chair$1" start_at deadline target now offset pid
  mkdir "$dir"; write_agenda "$dir/track.toml"
  tm new-window -d -t fault -n "$w" "exec '$gavel' run '$dir/track.toml' --slot fast --by chair"
  wait_for "$w" "READY" 10 || fail "round $r: the chair console did not come up"
  tm send-keys -t "$w" Space Tab
  for _ in $(seq 100); do
    start_at=$(sql "$dir/track.gavel" "SELECT at FROM event WHERE kind = 'start'")
    [ -n "$start_at" ] && break; sleep 0.02
  done
  [ -n "$start_at" ] || fail "round $r: the start was not recorded"
  tm send-keys -t "$w" -l "r$r saved note"; tm send-keys -t "$w" Enter
  wait_for "$w" "00:0[0-9] chair r$r saved note" || fail "round $r: the note was not shown as saved"
  # Kill between 0.4 s before and 0.3 s after the slot's end, most often within 60 ms of it,
  # where the end is recorded and the summary written; sometimes right after an Enter.
  deadline=$(echo "$start_at + 6" | bc -l)
  if [ $((RANDOM % 2)) = 0 ]; then offset=$(printf '%d' $((RANDOM % 120 - 60))); else offset=$((RANDOM % 700 - 400)); fi
  target=$(echo "$deadline + $offset / 1000" | bc -l)
  # Enter gave the chair its keys back: Tab, then a line that may be saved at the kill.
  if [ $((RANDOM % 3)) = 0 ]; then tm send-keys -t "$w" Tab; tm send-keys -t "$w" -l "r$r last note"; fi
  now=$(date +%s.%N)
  sleep "$(echo "d = $target - $now; if (d < 0) d = 0; d" | bc -l)"
  [ $((RANDOM % 3)) = 0 ] && tm send-keys -t "$w" Enter
  pid=$(tm display-message -p -t "$w" '#{pane_pid}')
  kill -9 "$pid" 2>/dev/null || true
  now=$(date +%s.%N)
  [ "$(echo "$now > $deadline" | bc -l)" = 1 ] && echo after >> "$work/kills_after_end"
  tm kill-window -t "$w" 2>/dev/null || true

  # Right after the kill: whatever summary is there is whole; the saved note is on disk once.
  local f
  for f in "$dir"/track-summary/*.md; do
    [ -e "$f" ] || continue
    complete_summary "$f" || fail "round $r: half-written summary $f:\n$(cat "$f")"
  done
  ls -A "$dir/track-summary" 2>/dev/null | grep -q '\.tmp$' && echo "$r" >> "$work/temp_left"
  [ "$(sql "$dir/track.gavel" "SELECT count(*) FROM event WHERE text = 'r$r saved note'")" = 1 ] \
    || fail "round $r: the note shown as saved is not on disk exactly once"
  [ "$(sql "$dir/track.gavel" "SELECT count(*) FROM event WHERE text = 'r$r last note'")" -le 1 ] \
    || fail "round $r: the last note was saved twice"
  [ "$(sql "$dir/track.gavel" "PRAGMA integrity_check")" = ok ] || fail "round $r: the session is damaged"

  # A restarted chair carries on past the end: the slot is over, its summary is written.
  tm new-window -d -t fault -n "$w" "exec '$gavel' run '$dir/track.toml' --slot fast --by chair"
  wait_for "$w" "SLOT ENDED" 10 || fail "round $r: the restarted chair does not show the slot ended; events:\n$(sql "$dir/track.gavel" "SELECT id, at, kind, topic, seconds, cause FROM event" 2>&1)"
  sleep 0.3
  tm send-keys -t "$w" Escape q
  for _ in $(seq 100); do tm list-windows -F '#{window_name}' | grep -qx "$w" || break; sleep 0.05; done
  [ -e "$dir/track-summary/fast.md" ] || fail "round $r: no summary of the ended slot after the chair restarted"
  complete_summary "$dir/track-summary/fast.md" || fail "round $r: the summary after restart is not whole"
  grep -q "r$r saved note" "$dir/track-summary/fast.md" || fail "round $r: the summary lacks the saved note"
  [ "$(sql "$dir/track.gavel" "SELECT count(*) FROM event WHERE kind = 'endSlot'")" = 1 ] \
    || fail "round $r: the slot's end is not recorded exactly once"
}
# Two rounds at a time (two cores), each in its own folder and window.
r=1
while [ "$r" -le "$rounds" ]; do
  one_round "$r" & a=$!
  if [ $((r + 1)) -le "$rounds" ]; then one_round $((r + 1)) & b=$!; else b=""; fi
  # On a failure, stop the other round too (it is ours), then leave through the cleanup.
  if ! wait "$a"; then [ -z "$b" ] || { kill "$b" 2>/dev/null; wait "$b" 2>/dev/null; }; exit 1; fi
  [ -z "$b" ] || wait "$b" || exit 1
  r=$((r + 2))
done
count() { [ -e "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0; }
temp_left=$(count "$work/temp_left")
kills_after_end=$(count "$work/kills_after_end")
echo "fault.kill_rounds: $rounds"
echo "fault.kills_after_slot_end: $kills_after_end"
echo "fault.half_written_summaries: 0"
echo "fault.lost_notes: 0"
echo "fault.rounds_with_temporary_summary_files_left: $temp_left"
echo "fault.seconds: $(( $(date +%s) - started ))"
e2e_done
