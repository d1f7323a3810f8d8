#!/usr/bin/env bash
# Time to render the summary of a slot with 10,000 notes, in each format, built in release.
# Prints `name: value` lines (milliseconds, best of 5; bytes of output). Target: <= 200 ms each.
# Usage: bench/summary-bench.sh [SCRATCH_PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build-bench-summary}"
out="$(GAVEL_BENCH=1 swift test -c release --scratch-path "$scratch" --filter SummaryBenchmark 2>&1)" || {
    printf '%s\n' "$out" >&2
    echo "summary-bench: the benchmark failed (output above)" >&2
    exit 1
}
printf '%s\n' "$out" | grep -E '^summary_[a-z0-9_]+: [0-9.]+$'
