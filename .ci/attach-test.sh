#!/usr/bin/env bash
# Attach test (issue 4): the chair runs `gavel run` in one tmux window and `gavel speaker` runs in
# another, on the same session file. Space and `n` pressed in the chair must show on the speaker
# within a second (the store wakes attached views through a file watch, no polling).
# Usage: .ci/attach-test.sh PATH/TO/gavel
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "attach-test: $gavel is not an executable" >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/.ci/lib.sh"
e2e_setup attach-test

cp "$repo/examples/lpc2012-virt.toml" "$work/track.toml"
tm new-session -d -s attach -n chair -x 100 -y 30 "exec '$gavel' run '$work/track.toml' --slot x86 --by chair"
tm new-window -d -t attach -n speaker "exec '$gavel' speaker '$work/track.toml'"

first="AMD's new interrupt-virtualization hardware"
second="Intel's new interrupt-virtualization hardware"
wait_for chair "$first" || fail "the chair did not show the first topic"
wait_for speaker "$first" || fail "the speaker did not show the first topic"
wait_for speaker "[0-9]+:[0-9]{2} +READY" || fail "the speaker did not show the topic as ready"

check() { # what, window pattern
  local ms
  ms=$(wait_ms speaker "$2" 1) || fail "after $1 in the chair, the speaker did not follow within 1 s"
  echo "attach.$1_ms: $ms"
}
tm send-keys -t chair Space
check start "^ +[0-9]+:[0-9]{2} *$"          # the countdown runs: no READY, no PAUSED
tm send-keys -t chair n
check next "^ +$second( +[0-9]{2}:[0-9]{2})? *$"
screen speaker | grep -qE "READY|PAUSED" && fail "the next topic should run at once after n on a running topic"
tm send-keys -t chair Space
check pause "[0-9]+:[0-9]{2} +PAUSED"
tm send-keys -t chair Space
check resume "^ +[0-9]+:[0-9]{2} *$"

# Keys in the speaker view change nothing in the session.
events_before=$(sql "$work/track.gavel" "SELECT count(*) FROM event")
tm send-keys -t speaker Space n p + - E y s Tab i u v t
sleep 0.5
events_after=$(sql "$work/track.gavel" "SELECT count(*) FROM event")
[ "$events_before" = "$events_after" ] || fail "keys in the speaker view recorded $((events_after - events_before)) events"
screen speaker | grep -qE "^ +$second( +[0-9]{2}:[0-9]{2})? *$" || fail "keys in the speaker view moved it off the current topic"
screen speaker | grep -qE "[0-9]+:[0-9]{2}" || fail "keys in the speaker view took the countdown away"
e2e_done "the speaker followed start, next, pause and resume; its keys changed nothing and never left the countdown"
