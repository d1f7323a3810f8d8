#!/usr/bin/env bash
# `gavel check` on big agendas, end to end (read, parse the TOML, build and validate the agenda,
# print its table): 20,000 topics in 400 slots, and a file of 20,000 top-level TOML keys (refused
# as unknown keys, every one reported). Both were quadratic (5.6 s and 6.2 s); linear now.
# Prints `name: value` lines: milliseconds, the median of RUNS runs (default 5).
#   swift build -c release && bench/check-bench.sh "$(swift build -c release --show-bin-path)/gavel"
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel [RUNS]}"
runs="${2:-5}"
[ -x "$gavel" ] || { echo "check-bench: $gavel is not an executable" >&2; exit 2; }
work="$(mktemp -d /tmp/gavel-check-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/topics.toml", "w") as f:
    f.write('title = "Bench"\n\n[defaults]\ntopic = "1m"\n')
    for s in range(400):
        f.write(f'\n[[slot]]\nid = "s{s}"\ntitle = "Slot {s}"\nlength = "50m"\n')
        for t in range(50):
            f.write(f'\n  [[slot.topic]]\n  title = "Topic {s}-{t}"\n  speakers = ["Speaker {t}"]\n')
with open(f"{work}/keys.toml", "w") as f:
    f.write('title = "Bench"\n')
    for k in range(20000):
        f.write(f'key{k} = {k}\n')
PY

# Median over the runs of the wall time and of the CPU time (user + system): the machine may be
# shared, and the CPU time is what the parse costs whatever else runs. The exit status is checked.
measure() {
  local name="$1" want="$2"; shift 2
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    local rc real user sys
    set +e
    { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>"$work/err"; } 2>"$work/time"
    rc=$?
    set -e
    [ "$rc" = "$want" ] || { echo "check-bench: $name exited $rc, not $want" >&2; head -3 "$work/err" >&2; exit 1; }
    read -r real user sys <"$work/time"
    walls+=("$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 }')")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')")
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  echo "$name: $(median "${walls[@]}")"
  echo "${name%_ms}_cpu_ms: $(median "${cpus[@]}")"
}

measure check_20k_topics_ms 0 "$gavel" check "$work/topics.toml"
measure check_20k_toml_keys_ms 65 "$gavel" check "$work/keys.toml"
