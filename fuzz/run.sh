#!/bin/sh
# Runs every fuzz target (or those named) for a bounded time each; see README.md.
# Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 seconds, all targets)
# Exits non-zero if any target found a failure; its input is saved under fuzz/artifacts/.
set -u
cd "$(dirname "$0")"
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-$(cargo +nightly fuzz list)}
failed=""
for target in $targets; do
    mkdir -p "corpus/$target"
    seeds=""
    [ -d "seeds/$target" ] && seeds="seeds/$target"
    echo "== $target: ${seconds}s"
    # -timeout: an input taking longer than 10 s counts as a hang; -rss_limit_mb: memory.
    if ! cargo +nightly fuzz run "$target" "corpus/$target" $seeds -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096; then
        failed="$failed $target"
    fi
done
if [ -n "$failed" ]; then
    echo "failures in:$failed (inputs under fuzz/artifacts/)"
    exit 1
fi
echo "no failures"
