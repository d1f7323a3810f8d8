#!/usr/bin/env bash
# bench/rss.sh: where a view's resident memory goes (the peak RSS figure of bench/run).
#
#   bench/rss.sh PATH/TO/gavel [VIEW]     # VIEW: speaker (default), chair or notes
#
# Runs the view at 80x24 in a private tmux server on a copy of the example agenda, waits 3 s,
# then prints `name: value` lines from /proc/PID/status and /proc/PID/smaps: VmHWM, RssAnon,
# RssFile, Pss, and the resident kB of each mapped file (largest first). File-backed pages are
# code and read-only data of the binary and its shared libraries: the page cache shares them
# with every other process mapping the same file (a chair, a speaker view and note-takers on one
# machine pay for them once); anonymous pages are this process's own.
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel [speaker|chair|notes]}"
view="${2:-speaker}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/gavel-rss.XXXXXX)"
server="gavel-rss-$$"
cleanup() { tmux -L "$server" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp "$repo/examples/lpc2012-virt.toml" "$work/track.toml"
case "$view" in
    speaker) cmd="'$gavel' speaker '$work/track.toml'" ;;
    chair) cmd="'$gavel' run --start '$work/track.toml' --by bench" ;;
    notes) cmd="'$gavel' notes '$work/track.toml' --by bench" ;;
    *) echo "rss.sh: VIEW is speaker, chair or notes, not $view" >&2; exit 2 ;;
esac
if [ "$view" = speaker ]; then
    # The speaker view never creates the session: let the chair make it (and start the topic).
    TERM=xterm-256color tmux -L "$server" -f /dev/null new-session -d -s chair -x 80 -y 24 \
        "exec '$gavel' run --start '$work/track.toml' --by bench"
    sleep 1
fi
TERM=xterm-256color tmux -L "$server" -f /dev/null new-session -d -s view -x 80 -y 24 "exec $cmd"
sleep 3
pid="$(tmux -L "$server" list-panes -t view -F '#{pane_pid}')"
[ -r "/proc/$pid/smaps" ] || { echo "rss.sh: the view exited" >&2; exit 1; }
for key in VmHWM VmRSS RssAnon RssFile; do
    echo "rss.${view}.${key}_kb: $(awk -v k="$key:" '$1 == k {print $2}' "/proc/$pid/status")"
done
echo "rss.${view}.Pss_kb: $(awk '/^Pss:/ {s += $2} END {print s}' "/proc/$pid/smaps")"
awk -v v="$view" '
    /^[0-9a-f]+-[0-9a-f]+ / { name = ($6 == "" ? "[anonymous]" : $6) }
    /^Rss:/ { rss[name] += $2 }
    END { for (n in rss) if (rss[n] >= 100) printf "rss.%s.file %s: %d\n", v, n, rss[n] }
' "/proc/$pid/smaps" | sort -t: -k2 -rn
