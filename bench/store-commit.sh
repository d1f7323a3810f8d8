#!/usr/bin/env bash
# Durable note commit latency of the session store (SQLite, WAL, synchronous=FULL), with
# synchronous=NORMAL beside it for comparison. Prints `name: value` lines.
# Usage: bench/store-commit.sh [COMMITS]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
export GAVEL_BENCH_COMMITS="${1:-1000}"
swift test --scratch-path "${SCRATCH:-.build}" --filter StoreCommitBench 2>&1 | grep -E '^store\.[a-z_.0-9]+: ' || {
  echo "store-commit: the benchmark did not run (swift test --filter StoreCommitBench)" >&2
  exit 1
}
