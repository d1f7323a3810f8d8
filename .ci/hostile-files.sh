#!/usr/bin/env bash
# Hostile files and bytes, end to end against the real binary (issue 15): each step failed before
# its fix.
#   1. track.gavel-wal deleted while a note-taker runs: the main file alone soon holds every note;
#      a second view started after the deletion shares the one log; kill -9 of both loses nothing.
#   2. A session readable by others (0644) is made 0600 by the first view that writes.
#   3. track-summary -> elsewhere/ (a symlink) with a slot called README: refused, said on the
#      status line, elsewhere/ untouched; once the link is gone, the summaries are 0600 in a 0700
#      folder.
#   4. A session nobody but its owner may write opens read-only for gavel summary and gavel
#      speaker (as nobody, when run as root; else chmod a-w), creating nothing beside it.
#   5. Escapes from files: gavel plan (titles), gavel themes (file names), a hostile TERM.
#   6. A 5000-part dotted key: gavel check says FILE:LINE, no crash.
#   7. A damaged session (pages scribbled over): gavel run and gavel notes, which check every
#      page while their first frame is drawn, say it is damaged, exit 65 and write nothing.
#   8. That check leaves no thread behind: a chair on a whole session is one thread, waking
#      once a second.
# Usage: .ci/hostile-files.sh PATH/TO/gavel       (~20 s)
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "hostile-files: $gavel is not an executable" >&2; exit 2; }
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/.ci/lib.sh"
e2e_setup hostile-files
command -v python3 >/dev/null || { echo "hostile-files: python3 is needed" >&2; exit 2; }
step() { echo "== $*"; }
# window NAME COMMAND: a tmux session of one window, both called NAME, running COMMAND.
window() { tm new-session -d -s "$1" -n "$1" -x 120 -y 30 "$2"; }
# wait_until DESCRIPTION SECONDS COMMAND...: fails with DESCRIPTION unless COMMAND succeeds in
# time (it is run again each time: no $(...) in its arguments).
wait_until() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$(( $(date +%s%N) + seconds * 1000000000 ))
  until "$@"; do
    [ "$(date +%s%N)" -gt "$deadline" ] && fail "$what"
    sleep 0.05
  done
}
pane_pid() { tm list-panes -t "$1" -F '#{pane_pid}'; }
# Bytes that steer a terminal: ESC, BEL, C1 controls (UTF-8 C2 80..9F), bidi overrides, isolates.
raw_escapes() { python3 -c '
import re, sys
data = sys.stdin.buffer.read()
bad = re.findall(rb"\x1b|\x07|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", data)
print(len(bad))'; }

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
count_notes() { sql "$1" "SELECT count(*) FROM event WHERE kind = 'noteAdded'"; }
copy_count() { # the notes in a copy of the main file alone
  rm -f "$work/copy.gavel"*
  cp "$session" "$work/copy.gavel"
  # Before the checkpoint the copy has no tables at all: that is a count of 0, not an error.
  sqlite3 "$work/copy.gavel" "SELECT count(*) FROM event WHERE kind = 'noteAdded'" 2>/dev/null || echo 0
}
notes_at_least() { [ "$(count_notes "$session")" -ge "$1" ]; }
copy_holds() { [ "$(copy_count)" = "$1" ]; }

step "1. the log deleted while gavel runs"
# The session starts out readable by others, as another program might have left it (step 2).
(umask 022; touch "$session")
window ann "exec '$gavel' notes '$work/track.toml' --by ann"
wait_for ann "Quick" 10 || fail "the first note-taker did not start"
for n in "first note" "second note"; do tm send-keys -t ann -l "$n"; tm send-keys -t ann Enter; done
wait_until "the two notes were not saved" 5 notes_at_least 2
[ "$(copy_count)" = 0 ] || fail "expected the notes in the log only, before any checkpoint (test premise)"
rm -f "$session-wal"
wait_until "the main file alone did not get the notes after the log was deleted" 5 copy_holds 2
window bob "exec '$gavel' notes '$work/track.toml' --by bob"
wait_for bob "Quick" 10 || fail "the second note-taker did not start"
tm send-keys -t bob -l "third note"; tm send-keys -t bob Enter
wait_for bob "second note" 5 || fail "the second view did not see the first one's notes (two logs?)"
wait_for ann "third note" 5 || fail "the first view did not see the second one's note (two logs?)"
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
window chair "exec '$gavel' run '$work/track.toml' --slot README --start --by chair"
wait_for chair "symbolic link" 10 || fail "the chair did not say why it refused the summary folder"
[ "$(cat "$work/elsewhere/README.md")" = precious ] && [ "$(cat "$work/elsewhere/index.md")" = precious ] \
  || fail "a file behind the symlink was replaced"
[ "$(ls "$work/elsewhere" | wc -l)" = 2 ] || fail "a file was written behind the symlink: $(ls "$work/elsewhere")"
tm send-keys -t chair q; sleep 0.2; tm send-keys -t chair y 2>/dev/null || true
wait_gone chair || fail "the chair did not quit"
rm "$work/track-summary"
window chair2 "exec '$gavel' run '$work/track.toml' --slot later --start --by chair"
wait_until "no summary of the next slot" 10 test -f "$work/track-summary/later.md"
wait_until "the pending summary of README was not written" 5 test -f "$work/track-summary/README.md"
[ -d "$work/track-summary" ] && [ ! -L "$work/track-summary" ] || fail "track-summary is not a real folder"
[ "$(stat -c %a "$work/track-summary")" = 700 ] || fail "track-summary is $(stat -c %a "$work/track-summary"), not 700"
for f in "$work/track-summary/"*.md; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is $(stat -c %a "$f"), not 600"
done
tm send-keys -t chair2 q; sleep 0.2; tm send-keys -t chair2 y 2>/dev/null || true
wait_gone chair2 || fail "the second chair did not quit"

step "4. a session nobody else may write opens read-only for gavel summary"
ro="$work/ro"
mkdir "$ro"
cp "$work/track.toml" "$ro/track.toml"
cp "$session" "$ro/track.gavel"
chmod 644 "$ro/track.gavel" "$ro/track.toml"
chmod 755 "$ro"
before=$(ls -A "$ro")
reader_gavel="$gavel"
reader_prefix=""
if [ "$(id -u)" = 0 ]; then
  reader_prefix="setpriv --reuid=$(id -u nobody) --regid=$(id -g nobody) --clear-groups"
  # nobody may not reach the build folder: a copy of the binary it can run.
  mkdir -m 755 "$work/bin"; cp "$gavel" "$work/bin/gavel"; chmod 755 "$work/bin/gavel"; reader_gavel="$work/bin/gavel"
  as_reader() { setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups "$@"; }
else
  chmod 444 "$ro/track.gavel"; chmod 555 "$ro"
  as_reader() { "$@"; }
fi
as_reader "$reader_gavel" summary "$ro/track.toml" --format text > "$work/ro-summary.txt" 2> "$work/ro-err.txt" \
  || fail "gavel summary refused a read-only session: $(cat "$work/ro-err.txt")"
grep -q "third note" "$work/ro-summary.txt" || fail "the read-only summary lacks the notes"
[ "$(ls -A "$ro")" = "$before" ] || fail "files appeared beside the read-only session: $(ls -A "$ro")"
window roview "exec env HOME=/tmp $reader_prefix '$reader_gavel' speaker '$ro/track.toml'"
wait_for roview "Later|Second" 10 || fail "gavel speaker did not open the read-only session"
[ "$(ls -A "$ro")" = "$before" ] || fail "the speaker created files beside the read-only session: $(ls -A "$ro")"
tm kill-session -t roview
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
window term "TERM=\$(printf 'x\\033]2;pwned\\007') '$gavel' run '$work/track.toml' 2> '$work/term.txt'; sleep 5"
wait_until "no error for the unknown TERM" 5 grep -qs "pwned" "$work/term.txt"
[ "$(raw_escapes < "$work/term.txt")" = 0 ] || fail "an error printed a raw TERM"

step "6. a 5000-part dotted key"
python3 -c 'print("title = \"x\"\n" + "x" + ".a" * 4999 + " = 1")' > "$work/deep.toml"
set +e
"$gavel" check "$work/deep.toml" > /dev/null 2> "$work/deep.txt"
rc=$?
set -e
[ "$rc" = 65 ] || fail "gavel check on a 5000-part key exited $rc, not 65"
grep -qE "^$work/deep.toml:2: " "$work/deep.txt" || fail "no FILE:LINE for the deep key: $(head -c 300 "$work/deep.txt")"

step "7. a damaged session"
# A view makes the session file; the notes are put in with sqlite3, as if typed all day.
window dmg-make "'$gavel' notes '$work/track.toml' --session '$work/damaged.gavel' --by ci"
shows() { screen "$1" | grep -q "$2"; }
wait_until "gavel notes did not come up" 10 shows dmg-make "note>"
# Quit it, and wait until it is gone: nothing of it may hold the file when sqlite3 writes.
tm send-keys -t dmg-make C-c
gone() { ! tm list-windows -a -F '#{window_name}' 2>/dev/null | grep -qx dmg-make; }
wait_until "gavel notes did not quit" 10 gone
sqlite3 -cmd ".timeout 5000" "$work/damaged.gavel" "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
  INSERT INTO event (at, kind, slot, topic, note, text, author, json)
  SELECT 0, 'noteAdded', 'README', 'one', 'n' || i, 'note ' || i, 'ci',
    json_object('action', json_object('noteAdded', json_object('by', 'ci', 'id', 'n' || i, 'slot', 'README', 'text', 'note ' || i, 'topic', 'one')), 'at', 0)
  FROM n; PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
python3 - "$work/damaged.gavel" <<'PY'
import sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
assert len(data) > 40 * 4096, len(data)
for page in range(20, len(data) // 4096, 7):
    data[page * 4096:page * 4096 + 300] = b"\xa5" * 300
open(path, "wb").write(data)
PY
before="$(sha256sum "$work/damaged.gavel" | cut -d' ' -f1)"
for view in run notes; do
  window "dmg-$view" "'$gavel' $view '$work/track.toml' --session '$work/damaged.gavel' --by ci 2> '$work/dmg-$view.txt'; echo \$? > '$work/dmg-$view.rc'; sleep 5"
  wait_until "gavel $view on a damaged session did not end" 10 test -s "$work/dmg-$view.rc"
  [ "$(cat "$work/dmg-$view.rc")" = 65 ] || fail "gavel $view on a damaged session exited $(cat "$work/dmg-$view.rc"), not 65: $(cat "$work/dmg-$view.txt")"
  grep -q "damaged" "$work/dmg-$view.txt" || fail "gavel $view did not say the session is damaged: $(head -c 300 "$work/dmg-$view.txt")"
done
[ "$(sha256sum "$work/damaged.gavel" | cut -d' ' -f1)" = "$before" ] || fail "something was written into the damaged session"

step "8. the page check leaves no thread behind"
# A slot that does not end meanwhile (an ended slot's summary is written on a queue of its own).
cat > "$work/whole.toml" <<'TOML'
title = "Whole"
timezone = "UTC"

[[slot]]
id = "long"
title = "Long"
length = "45m"

  [[slot.topic]]
  id = "one"
  title = "Only topic"
  length = "20m"
TOML
window whole-make "'$gavel' notes '$work/whole.toml' --by ci"
wait_until "gavel notes did not come up" 10 shows whole-make "note>"
tm send-keys -t whole-make C-c
gone_whole() { ! tm list-windows -a -F '#{window_name}' 2>/dev/null | grep -qx whole-make; }
wait_until "gavel notes did not quit" 10 gone_whole
window whole "'$gavel' run --start '$work/whole.toml' --by ci"
wait_until "the chair did not come up" 10 shows whole "READY\\|RUNNING\\|[0-9][0-9]:[0-9][0-9]"
sleep 3
chair_pid="$(pgrep -f "^$gavel run --start $work/whole.toml" | head -1)"
[ -n "$chair_pid" ] || fail "no chair process"
threads="$(ls "/proc/$chair_pid/task" | wc -l)"
[ "$threads" = 1 ] || fail "the chair runs $threads threads after its page check: $(cat /proc/$chair_pid/task/*/comm | tr '\n' ' ')"
tm kill-session -t whole

e2e_done
