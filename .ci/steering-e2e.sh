#!/usr/bin/env bash
# Steering the time end to end (issue 12): the real binary in tmux. The chair sends a preset
# message with m, then a typed one; `gavel message` sends one from a shell and clears it. Each
# shows on the speaker view within 250 ms. Prints name: value lines.
# Usage: .ci/steering-e2e.sh PATH/TO/gavel
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "steering-e2e: $gavel is not an executable" >&2; exit 2; }
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/.ci/lib.sh"
e2e_setup steering-e2e
cp "$repo/examples/lpc2012-virt.toml" "$work/track.toml"

tm new-session -d -s steer -n chair -x 100 -y 30 "exec '$gavel' run '$work/track.toml' --slot x86 --by chair"
tm new-window -d -t steer -n speaker "exec '$gavel' speaker '$work/track.toml'"
wait_for chair "READY" 10 || fail "the chair did not come up"
wait_for speaker "AMD" 10 || fail "the speaker did not come up"
tm send-keys -t chair Space
wait_for speaker "^ +[0-9]{2}:[0-9]{2} *$" 3 || fail "the countdown does not run"

# A preset: m opens the picker, Enter picks the first ("5 minutes").
tm send-keys -t chair m
wait_for chair "Show the speaker" 3 || fail "m did not open the message picker"
tm send-keys -t chair Enter
ms=$(wait_ms speaker "5 minutes" 1) || fail "the preset did not reach the speaker within 1 s"
echo "steering.preset_shown_ms: $ms"
[ "$ms" -le 250 ] || fail "the preset took $ms ms to reach the speaker (more than 250)"
screen speaker | grep -q "AMD's new interrupt" && fail "the message shows beside the title, not instead of it"
wait_for chair "speaker sees: .5 minutes" 2 || fail "the chair does not see what the speaker is shown"

# A typed message: the picker's "type a message" row, then the line.
tm send-keys -t chair m
wait_for chair "Show the speaker" 3 || fail "m did not open the picker again"
tm send-keys -t chair Down Down Down Down Down Down Enter
wait_for chair "message>" 3 || fail "the picker did not open a line to type the message in"
tm send-keys -t chair -l "the next talk starts at 10:30"
tm send-keys -t chair Enter
ms=$(wait_ms speaker "the next talk starts at 10:30" 1) || fail "the typed message did not reach the speaker"
echo "steering.typed_shown_ms: $ms"
[ "$ms" -le 250 ] || fail "the typed message took $ms ms (more than 250)"

# From a shell, for scripts and a co-chair: a message, then --clear.
"$gavel" message "$work/track.toml" "from a script" --by cochair
ms=$(wait_ms speaker "from a script" 1) || fail "gavel message did not reach the speaker"
echo "steering.shell_shown_ms: $ms"
"$gavel" message "$work/track.toml" --clear
wait_for speaker "AMD's new interrupt" 2 || fail "gavel message --clear did not bring the title back"
[ "$(sql "$work/track.gavel" "SELECT count(*) FROM event WHERE kind = 'message'")" = 4 ] || fail "four message events expected"
[ "$(sql "$work/track.gavel" "SELECT author || '/' || role FROM event WHERE kind = 'message' ORDER BY id LIMIT 1 OFFSET 2")" = "cochair/shell" ] \
  || fail "the shell's message is not recorded as the co-chair's, in the shell role"

# A message needs a running session: a bad call says why and exits non-zero.
rc=0; "$gavel" message "$work/track.toml" 2>"$work/err" || rc=$?
[ "$rc" != 0 ] && grep -q "text" "$work/err" || fail "gavel message without text or --clear did not refuse with a reason"
e2e_done
