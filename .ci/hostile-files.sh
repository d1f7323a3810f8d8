#!/usr/bin/env bash
# Hostile files and bytes, end to end against the real binary (issue 15): each step failed before
# its fix.
#   1. track.gavel-wal deleted while a note-taker runs: the main file alone soon holds every note;
#      a second view started after the deletion shares the one log; kill -9 of both loses nothing.
#   2. A session readable by others (0644) is made 0600 by the first view that writes.
#   3. track-summary -> elsewhere/ (a symlink) with a slot called README: refused, said on the
#      status line, elsewhere/ untouched; once the link is gone, the summaries are 0600 in a 0700
#      folder.
#   4. A session nobody but its owner may write opens read-only for gavel summary (as nobody,
#      when run as root; else chmod a-w), creating nothing beside it.
#   5. Escapes from files: gavel plan (titles), gavel themes (file names), a hostile TERM.
#   6. A 5000-part dotted key: gavel check says FILE:LINE, no crash.
# Usage: .ci/hostile-files.sh PATH/TO/gavel       (~20 s)
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
[ -x "$gavel" ] || { echo "hostile-files: $gavel is not an executable" >&2; exit 2; }
for tool in tmux sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "hostile-files: $tool is needed" >&2; exit 2; }
done
work="$(mktemp -d /tmp/gavel-hostile.XXXXXX)"
chmod 755 "$work"
server="gavel-hostile-$$"
tm() { tmux -L "$server" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() {
  echo "hostile-files: FAIL: $*" >&2
  for w in $(tm list-windows -a -F '#{session_name}' 2>/dev/null); do
    echo "--- screen of $w:" >&2; tm capture-pane -p -t "$w" >&2 || true
  done
  echo "--- files:" >&2; ls -la "$work" >&2 || true
  [ -s "$work/sqlite-errors.txt" ] && { echo "--- sqlite3 errors:" >&2; sort "$work/sqlite-errors.txt" | uniq -c >&2; }
  exit 1
}
step() { echo "== $*"; }
screen() { tm capture-pane -p -t "$1"; }
wait_for() { # description, seconds, command... (run again each time: no $(...) in its arguments)
  local what="$1" seconds="$2"; shift 2
  local deadline=$(( $(date +%s%N) + seconds * 1000000000 ))
  until "$@"; do
    [ "$(date +%s%N)" -gt "$deadline" ] && fail "$what"
    sleep 0.05
  done
}
on_screen() { screen "$1" | grep -qE -- "$2"; }
pane_pid() { tm list-panes -t "$1" -F '#{pane_pid}'; }
# Bytes that steer a terminal: ESC, C1 controls (UTF-8 C2 80..9F), bidi overrides and isolates.
raw_escapes() { python3 -c '
import re, sys
data = sys.stdin.buffer.read()
bad = re.findall(rb"\x1b|\x07|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", data)
print(len(bad))'; }
export TERM=xterm-256color

cat > "$work/track.toml" <<'TOML'
title = "Hostile files"
timezone = "UTC"

[[slot]]
id = "README"
title = "Quick"
length = "2s"

  [[slot.topic]]
  id = "one"
  title = "Only topic"
  length = "2s"

[[slot]]
id = "later"
title = "Later"
length = "2s"

  [[slot.topic]]
  id = "two"
  title = "Second"
  length = "2s"
TOML
session="$work/track.gavel"
count_notes() { sqlite3 "$1" "SELECT count(*) FROM event WHERE kind = 'noteAdded'" 2>>"$work/sqlite-errors.txt" || echo 0; }
copy_count() { # the notes in a copy of the main file alone
  rm -f "$work/copy.gavel"*
  cp "$session" "$work/copy.gavel"
  sqlite3 "$work/copy.gavel" "SELECT count(*) FROM event WHERE kind = 'noteAdded'" 2>/dev/null || echo 0
}
notes_at_least() { [ "$(count_notes "$session")" -ge "$1" ]; }
copy_holds() { [ "$(copy_count)" = "$1" ]; }

step "1. the log deleted while gavel runs"
# The session starts out readable by others, as another program might have left it (step 2).
(umask 022; touch "$session")
tm new-session -d -s ann -x 100 -y 30 "exec '$gavel' notes '$work/track.toml' --by ann"
wait_for "the first note-taker did not start" 10 on_screen ann "Quick"
for n in "first note" "second note"; do tm send-keys -t ann -l "$n"; tm send-keys -t ann Enter; done
wait_for "the two notes were not saved" 5 notes_at_least 2
[ "$(copy_count)" = 0 ] || fail "expected the notes in the log only, before any checkpoint (test premise)"
rm -f "$session-wal"
wait_for "the main file alone did not get the notes after the log was deleted" 5 copy_holds 2
tm new-session -d -s bob -x 100 -y 30 "exec '$gavel' notes '$work/track.toml' --by bob"
wait_for "the second note-taker did not start" 10 on_screen bob "Quick"
tm send-keys -t bob -l "third note"; tm send-keys -t bob Enter
wait_for "the second view did not see the first one's notes (two logs?)" 5 on_screen bob "second note"
wait_for "the first view did not see the second one's note (two logs?)" 5 on_screen ann "third note"
kill -9 "$(pane_pid ann)" "$(pane_pid bob)"
sleep 0.3
[ "$(count_notes "$session")" = 3 ] || fail "after kill -9, the session holds $(count_notes "$session") notes, not 3"
ls "$work" | grep -q 'track.gavel-wal.replaced' && fail "a log file was moved aside though only deleted"

step "2. a session readable by others is made 0600"
[ "$(stat -c %a "$session")" = 600 ] || fail "track.gavel is $(stat -c %a "$session"), not 600"
for f in "$session-wal" "$session-shm" "$session.lock"; do
  [ ! -e "$f" ] || [ "$(stat -c %a "$f")" = 600 ] || fail "$f is $(stat -c %a "$f"), not 600"
done

step "3. a symlinked summary folder"
mkdir "$work/elsewhere"
echo precious > "$work/elsewhere/README.md"
echo precious > "$work/elsewhere/index.md"
ln -s elsewhere "$work/track-summary"
tm new-session -d -s chair -x 120 -y 30 "exec '$gavel' run '$work/track.toml' --slot README --start --by chair"
wait_for "the chair did not say why it refused the summary folder" 10 on_screen chair "symbolic link"
[ "$(cat "$work/elsewhere/README.md")" = precious ] && [ "$(cat "$work/elsewhere/index.md")" = precious ] \
  || fail "a file behind the symlink was replaced"
[ "$(ls "$work/elsewhere" | wc -l)" = 2 ] || fail "a file was written behind the symlink: $(ls "$work/elsewhere")"
tm send-keys -t chair q; sleep 0.2; tm send-keys -t chair y 2>/dev/null || true
wait_for "the chair did not quit" 5 sh -c "! tmux -L '$server' has-session -t chair 2>/dev/null"
rm "$work/track-summary"
tm new-session -d -s chair2 -x 120 -y 30 "exec '$gavel' run '$work/track.toml' --slot later --start --by chair"
wait_for "no summary of the next slot" 10 test -f "$work/track-summary/later.md"
wait_for "the pending summary of README was not written" 5 test -f "$work/track-summary/README.md"
[ -d "$work/track-summary" ] && [ ! -L "$work/track-summary" ] || fail "track-summary is not a real folder"
[ "$(stat -c %a "$work/track-summary")" = 700 ] || fail "track-summary is $(stat -c %a "$work/track-summary"), not 700"
for f in "$work/track-summary/"*.md; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is $(stat -c %a "$f"), not 600"
done
tm send-keys -t chair2 q; sleep 0.2; tm send-keys -t chair2 y 2>/dev/null || true
wait_for "the second chair did not quit" 5 sh -c "! tmux -L '$server' has-session -t chair2 2>/dev/null"

step "4. a session nobody else may write opens read-only for gavel summary"
ro="$work/ro"
mkdir "$ro"
cp "$work/track.toml" "$ro/track.toml"
cp "$session" "$ro/track.gavel"
chmod 644 "$ro/track.gavel" "$ro/track.toml"
chmod 755 "$ro"
before=$(ls -A "$ro")
reader_gavel="$gavel"
if [ "$(id -u)" = 0 ]; then
  # nobody may not reach the build folder: a copy of the binary it can run.
  mkdir -m 755 "$work/bin"; cp "$gavel" "$work/bin/gavel"; chmod 755 "$work/bin/gavel"; reader_gavel="$work/bin/gavel"
  as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
  chmod 444 "$ro/track.gavel"; chmod 555 "$ro"
  as_reader() { "$@"; }
fi
as_reader "$reader_gavel" summary "$ro/track.toml" --format text > "$work/ro-summary.txt" 2> "$work/ro-err.txt" \
  || fail "gavel summary refused a read-only session: $(cat "$work/ro-err.txt")"
grep -q "third note" "$work/ro-summary.txt" || fail "the read-only summary lacks the notes"
[ "$(ls -A "$ro")" = "$before" ] || fail "files appeared beside the read-only session: $(ls -A "$ro")"
chmod 755 "$ro"

step "5. escapes from files: plan, themes, TERM"
python3 - "$work/subs.toml" <<'PY'
import sys
evil = "\\u001b]52;c;cGF5bG9hZA==\\u0007 \\u009b31m \\u202e"
with open(sys.argv[1], "w") as f:
    f.write(f'title = "MC {evil}"\nevent = "E {evil}"\nslot_length = "45m"\nslots = 1\nmin_topic = "40m"\nlightning = "5m"\n')
    for i in range(3):
        f.write(f'\n[[submission]]\nid = "s{i}"\ntitle = "Talk {i} {evil}"\nspeakers = ["Eve {evil}"]\ncategory = "c{evil}"\nkind = "talk"\n')
PY
"$gavel" plan "$work/subs.toml" > "$work/plan.txt" 2>&1 || true
grep -q "Talk 0" "$work/plan.txt" || fail "gavel plan printed no plan: $(head -5 "$work/plan.txt")"
[ "$(raw_escapes < "$work/plan.txt")" = 0 ] || fail "gavel plan printed raw escapes"
mkdir -p "$work/config/gavel/themes"
printf 'text = "default"\n' > "$work/config/gavel/themes/$(printf 'evil\033]2;pwned\007')".toml
XDG_CONFIG_HOME="$work/config" "$gavel" themes > "$work/themes.txt" 2>&1 || true
grep -q "pwned" "$work/themes.txt" || fail "gavel themes did not list the theme"
[ "$(raw_escapes < "$work/themes.txt")" = 0 ] || fail "gavel themes printed a raw escape"
tm new-session -d -s term -x 100 -y 10 "TERM=\$(printf 'x\\033]2;pwned\\007') '$gavel' run '$work/track.toml' 2> '$work/term.txt'; sleep 5"
wait_for "no error for the unknown TERM" 5 grep -qs "pwned" "$work/term.txt"
[ "$(raw_escapes < "$work/term.txt")" = 0 ] || fail "an error printed a raw TERM"

step "6. a 5000-part dotted key"
python3 -c 'print("title = \"x\"\n" + "x" + ".a" * 4999 + " = 1")' > "$work/deep.toml"
set +e
"$gavel" check "$work/deep.toml" > /dev/null 2> "$work/deep.txt"
rc=$?
set -e
[ "$rc" = 65 ] || fail "gavel check on a 5000-part key exited $rc, not 65"
grep -qE "^$work/deep.toml:2: " "$work/deep.txt" || fail "no FILE:LINE for the deep key: $(head -c 300 "$work/deep.txt")"

echo "hostile-files: all passed"
