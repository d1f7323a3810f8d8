#!/usr/bin/env bash
# End-to-end test of the terminal front: drives the real `gavel` binary in a private tmux server.
# Usage: .ci/e2e-tui.sh PATH/TO/gavel
# Starts `gavel run` on a copy of the example agenda (so no session file lands in the repository),
# checks the first topic and 20:00, starts the clock and sees it count down, types a note with
# wide characters and sees it listed, resizes to 20x6 and back, quits with q then y, and checks
# that the shell prompt is back with the terminal sane. Exits non-zero with a message on failure.
set -euo pipefail

GAVEL=${1:?usage: $0 PATH/TO/gavel}
GAVEL=$(cd "$(dirname "$GAVEL")" && pwd)/$(basename "$GAVEL")
[ -x "$GAVEL" ] || { echo "e2e-tui: $GAVEL is not an executable" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/.ci/lib.sh"
e2e_setup e2e-tui
WORK="$work"
cp "$ROOT/examples/lpc2012-virt.toml" "$WORK/"
T=(tm)
# wait_text TEXT [SECONDS]: until the screen shows TEXT (a fixed string).
wait_text() {
    local text=$1 limit=${2:-5} waited=0
    while ! screen e2e | grep -qF -- "$text"; do
        sleep 0.1
        waited=$((waited + 1))
        [ "$waited" -lt $((limit * 10)) ] || fail "\"$text\" did not appear within ${limit}s"
    done
}

# The shell: no rc files, a prompt the test recognises.
"${T[@]}" new-session -d -s e2e -x 80 -y 24 "env -i PATH=$PATH HOME=$WORK HISTFILE=/dev/null TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 PS1='e2e\$ ' bash --norc --noprofile"
"${T[@]}" set-option -t e2e status off >/dev/null
wait_text 'e2e$'

# shell_to_file NAME COMMAND: runs COMMAND in the pane's shell, its output into $WORK/NAME; prints it.
shell_to_file() {
    local name=$1 command=$2 waited=0
    "${T[@]}" send-keys -t e2e "$command > $WORK/$name.tmp && mv $WORK/$name.tmp $WORK/$name" Enter
    while [ ! -f "$WORK/$name" ]; do
        sleep 0.1
        waited=$((waited + 1))
        [ "$waited" -lt 50 ] || fail "the shell did not run: $command"
    done
    cat "$WORK/$name"
}
STTY_BEFORE=$(shell_to_file stty-before "stty -g")

"${T[@]}" send-keys -t e2e "cd $WORK && $GAVEL run lpc2012-virt.toml --by e2e; echo \"gavel-exit=\$?\"" Enter
wait_text "AMD's new interrupt-virtualization hardware" 10
wait_text "20:00"
echo "ok: first topic and 20:00 shown"

"${T[@]}" send-keys -t e2e Space
sleep 2.3
LINE=$(screen e2e | grep -F "AMD's new interrupt-virtualization hardware" | head -1)
TIME=$(grep -oE '[0-9]{2}:[0-9]{2}' <<<"$LINE" | head -1 || true)
case "$TIME" in
    19:5[0-8]) echo "ok: countdown lowered to $TIME" ;;
    *) fail "countdown did not lower after 2 s (agenda line: $LINE)" ;;
esac

"${T[@]}" send-keys -t e2e Tab
wait_text "note>"
"${T[@]}" send-keys -t e2e -l "会議 ✓ e2e note"
wait_text "note> 会議 ✓ e2e note"
"${T[@]}" send-keys -t e2e Enter
# Listed with its time into the topic (mm:ss), and the note line empty again.
for _ in $(seq 50); do
    screen e2e | grep -qE '^ +00:0[0-9] e2e 会議 ✓ e2e note' && break
    sleep 0.1
done
screen e2e | grep -qE '^ +00:0[0-9] e2e 会議 ✓ e2e note' || fail "the note is not listed with its mm:ss and author"
screen e2e | grep -qE '^ Tab: type a note *$' || fail "the note line was not cleared, or it kept the keys after Enter"
echo "ok: note with wide characters saved and listed; Enter gave the chair its keys back"

"${T[@]}" resize-window -t e2e -x 20 -y 6
for _ in $(seq 50); do screen e2e | head -1 | grep -qE '^[0-9]{2}:[0-9]{2} *$' && break; sleep 0.1; done
screen e2e | head -1 | grep -qE '^[0-9]{2}:[0-9]{2} *$' || fail "at 20x6 the time is not on the first line"
"${T[@]}" resize-window -t e2e -x 80 -y 24
wait_text "AMD's new interrupt-virtualization hardware"
wait_text "会議 ✓ e2e note"
echo "ok: resized to 20x6 and back"

"${T[@]}" send-keys -t e2e q
wait_text "Quit? (y/n)"
"${T[@]}" send-keys -t e2e y
wait_text "gavel-exit=0" 5
wait_text 'e2e$'
echo "ok: q, y quits with status 0"

# The terminal is sane: same settings as before, and the shell echoes what is typed.
STTY_AFTER=$(shell_to_file stty-after "stty -g")
[ "$STTY_AFTER" = "$STTY_BEFORE" ] || fail "terminal settings differ after quitting: $STTY_AFTER vs $STTY_BEFORE"
"${T[@]}" send-keys -t e2e "echo sane-\$((40 + 2))" Enter
wait_text "sane-42"
screen e2e | grep -qF "e2e\$ echo sane-" || fail "typed text is not echoed"
echo "ok: shell prompt back, terminal sane"
e2e_done "PASS"
