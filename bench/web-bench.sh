#!/usr/bin/env bash
# bench/web-bench.sh: the web companion's figures (see bench/web-bench.py), on a release build.
#
#   bench/web-bench.sh [--quick]
#
# Builds gavel in release, and (unless BASE_REF is empty) the main branch's gavel in a scratch
# folder from `git archive`, for what this binary adds to `gavel run` without --serve. Needs the
# browser test's tools (chromium, chromium-driver, selenium). Prints `name: value` lines.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product gavel >/dev/null
gavel="$(swift build -c release --show-bin-path)/gavel"
base_args=()
ref="${BASE_REF-main}"
if [ -n "$ref" ]; then
    base="${TMPDIR:-/tmp}/gavel-web-bench-base"
    mkdir -p "$base/src"
    git archive "$ref" | tar -x -C "$base/src"
    (cd "$base/src" && swift build -c release --product gavel --scratch-path "$base/build" >/dev/null)
    base_args=(--base "$base/build/release/gavel")
fi
exec python3 "$repo/bench/web-bench.py" --gavel "$gavel" "${base_args[@]}" "$@"
