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
command -v tmux >/dev/null || { echo "e2e-tui: tmux is not installed" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gavel-e2e-tui.XXXXXX")
SOCKET="gavel-e2e-$$"
T=(tmux -L "$SOCKET" -f /dev/null)
cleanup() {
    "${T[@]}" kill-server 2>/dev/null || true
    sleep 0.2
    rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT
cp "$ROOT/examples/lpc2012-virt.toml" "$WORK/"

fail() {
    echo "e2e-tui: FAIL: $*" >&2
    echo "---- screen ----" >&2
    "${T[@]}" capture-pane -p -t e2e >&2 || true
    echo "----------------" >&2
    exit 1
}

screen() { "${T[@]}" capture-pane -p -t e2e; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT (a fixed string).
wait_for() {
    local text=$1 limit=${2:-5} waited=0
    while ! screen | grep -qF -- "$text"; do
        sleep 0.1
        waited=$((waited + 1))
        [ "$waited" -lt $((limit * 10)) ] || fail "\"$text\" did not appear within ${limit}s"
    done
}

# The shell: no rc files, a prompt the test recognises.
"${T[@]}" new-session -d -s e2e -x 80 -y 24 "env -i PATH=$PATH HOME=$WORK HISTFILE=/dev/null TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 PS1='e2e\$ ' bash --norc --noprofile"
"${T[@]}" set-option -t e2e status off >/dev/null
wait_for 'e2e$'

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
wait_for "AMD's new interrupt-virtualization hardware" 10
wait_for "20:00"
echo "ok: first topic and 20:00 shown"

"${T[@]}" send-keys -t e2e Space
sleep 2.3
LINE=$(screen | grep -F "AMD's new interrupt-virtualization hardware" | head -1)
TIME=$(grep -oE '[0-9]{2}:[0-9]{2}' <<<"$LINE" | head -1 || true)
case "$TIME" in
    19:5[0-8]) echo "ok: countdown lowered to $TIME" ;;
    *) fail "countdown did not lower after 2 s (agenda line: $LINE)" ;;
esac

"${T[@]}" send-keys -t e2e Tab
wait_for "note>"
"${T[@]}" send-keys -t e2e -l "会議 ✓ e2e note"
wait_for "note> 会議 ✓ e2e note"
"${T[@]}" send-keys -t e2e Enter
# Listed with its time into the topic (mm:ss), and the note line empty again.
for _ in $(seq 50); do
    screen | grep -qE '^ +00:0[0-9] 会議 ✓ e2e note' && break
    sleep 0.1
done
screen | grep -qE '^ +00:0[0-9] 会議 ✓ e2e note' || fail "the note is not listed with its mm:ss"
screen | grep -qE '^ note> *$' || fail "the note line was not cleared"
echo "ok: note with wide characters saved and listed"

"${T[@]}" resize-window -t e2e -x 20 -y 6
wait_for "too small"
"${T[@]}" resize-window -t e2e -x 80 -y 24
wait_for "AMD's new interrupt-virtualization hardware"
wait_for "会議 ✓ e2e note"
echo "ok: resized to 20x6 and back"

"${T[@]}" send-keys -t e2e Escape
sleep 0.2
"${T[@]}" send-keys -t e2e q
wait_for "Quit? (y/n)"
"${T[@]}" send-keys -t e2e y
wait_for "gavel-exit=0" 5
wait_for 'e2e$'
echo "ok: q, y quits with status 0"

# The terminal is sane: same settings as before, and the shell echoes what is typed.
STTY_AFTER=$(shell_to_file stty-after "stty -g")
[ "$STTY_AFTER" = "$STTY_BEFORE" ] || fail "terminal settings differ after quitting: $STTY_AFTER vs $STTY_BEFORE"
"${T[@]}" send-keys -t e2e "echo sane-\$((40 + 2))" Enter
wait_for "sane-42"
screen | grep -qF "e2e\$ echo sane-" || fail "typed text is not echoed"
echo "ok: shell prompt back, terminal sane"
echo "e2e-tui: PASS"
