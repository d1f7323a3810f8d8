#!/usr/bin/env bash
# The web companion in a real browser (headless Chromium via selenium and chromedriver) against
# `gavel run --serve` in tmux: see .ci/web-e2e.py for what it checks. Screenshots of the speaker
# page (phone and projector sizes) go to the log folder it prints.
# Usage: .ci/web-e2e.sh PATH/TO/gavel [LOG_FOLDER]
set -euo pipefail
GAVEL=${1:?usage: $0 PATH/TO/gavel [LOG_FOLDER]}
GAVEL=$(cd "$(dirname "$GAVEL")" && pwd)/$(basename "$GAVEL")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOG=${2:-${GAVEL_CI_LOGS:-${TMPDIR:-/tmp}/gavel-ci-logs}/web-e2e}
for tool in tmux chromedriver python3 zbarimg; do
    command -v "$tool" >/dev/null || { echo "web-e2e: $tool is not installed (.ci/run installs it)" >&2; exit 2; }
done
python3 -c 'import selenium' 2>/dev/null || { echo "web-e2e: selenium is not installed (pip install selenium)" >&2; exit 2; }
mkdir -p "$LOG"
echo "web-e2e: log folder (screenshots): $LOG"
exec python3 "$ROOT/.ci/web-e2e.py" "$GAVEL" "$LOG"
