# What the end-to-end scripts share: a work folder and a private tmux server that are cleaned up
# on exit, reading a window's screen, waiting for text on it, failing with every window shown,
# and reading the session file with sqlite3 so that a file sqlite3 cannot read fails the test
# instead of passing a comparison by accident.
#
# Usage, at the top of a script:   . "$(dirname "$0")/lib.sh"; e2e_setup NAME
# shellcheck shell=bash

e2e_setup() { # NAME
  E2E_NAME="$1"
  export TERM=xterm-256color
  work="$(mktemp -d "/tmp/gavel-$1.XXXXXX")"
  chmod 755 "$work"
  server="gavel-$1-$$"
  mounts=()
  trap e2e_cleanup EXIT
  for tool in tmux sqlite3; do
    command -v "$tool" >/dev/null || {
      echo "$E2E_NAME: installing $tool"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    }
  done
}

e2e_cleanup() {
  local status=$?
  tm kill-server 2>/dev/null || true
  # Views that lost their terminal still finish their work (a chair writes the summaries it owes
  # on SIGHUP): wait for every process that names the work folder before removing it.
  for _ in $(seq 100); do e2e_uses_work || break; sleep 0.05; done
  local m
  for m in "${mounts[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do umount "$m" 2>/dev/null && break; sleep 0.2; done
  done
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || { sleep 0.5; rm -rf "$work"; } || true
  # The test's own result, not the cleanup's, is the script's exit status.
  exit "$status"
}

# Whether a process other than this shell runs in the work folder or names it.
e2e_uses_work() {
  local p
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] && continue
    case "$(readlink "$p/cwd" 2>/dev/null)" in "$work"|"$work"/*) return 0 ;; esac
    tr '\0' ' ' 2>/dev/null <"$p/cmdline" | grep -qF -- "$work" && return 0
  done
  return 1
}

tm() { tmux -L "$server" -f /dev/null "$@"; }

# screen WINDOW: what the window shows, as text.
screen() { tm capture-pane -p -t "$1" 2>/dev/null; }

# fail MESSAGE: says what failed, shows every window, and exits 1.
fail() {
  printf '%s: FAIL: %b\n' "$E2E_NAME" "$*" >&2
  local w
  for w in $(tm list-windows -a -F '#{window_name}' 2>/dev/null); do
    echo "--- window $w:" >&2
    screen "$w" >&2 || true
  done
  exit 1
}

# wait_for WINDOW REGEX [SECONDS]: until the window shows a line matching REGEX (extended);
# returns 1 after SECONDS (default 5).
wait_for() {
  local limit=$(( ${3:-5} * 50 )) i=0
  until screen "$1" | grep -qE -- "$2"; do
    i=$((i + 1)); [ "$i" -gt "$limit" ] && return 1
    sleep 0.02
  done
}

# wait_ms WINDOW REGEX [SECONDS]: like wait_for, and prints how many milliseconds it took.
wait_ms() {
  local t0 now
  t0=$(date +%s%N)
  wait_for "$@" || return 1
  now=$(date +%s%N)
  echo $(( (now - t0) / 1000000 ))
}

# wait_gone WINDOW: until the window has closed (its program exited).
wait_gone() {
  for _ in $(seq 250); do tm list-windows -a -F '#{window_name}' 2>/dev/null | grep -qx "$1" || return 0; sleep 0.02; done
  return 1
}

# sql FILE QUERY: sqlite3 with a busy timeout. When sqlite3 cannot read the file, it prints
# `sqlite3-error` (never a count or a text a check expects) and the test fails at its end even if
# the check that used it was a negation.
sql() {
  local out
  if ! out=$(sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>&1); then
    echo "$1: $out" >> "$work/.sql-errors"
    echo "sqlite3-error"
    return 0
  fi
  printf '%s\n' "$out"
}

# e2e_done: fails when any sqlite3 read failed along the way; prints the closing line.
e2e_done() {
  [ ! -s "$work/.sql-errors" ] || fail "sqlite3 could not read the session:\n$(cat "$work/.sql-errors")"
  echo "$E2E_NAME: ok${1:+ ($1)}"
}
