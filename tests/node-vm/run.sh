#!/usr/bin/env bash
# Run Node's vm tests (tests/node-vm/parallel, filled by hand: never committed)
# under node and under jsvm, and compare.
#
#   tests/node-vm/run.sh [jsvm-binary]
#
# Env: NODE (default: node), TIMEOUT seconds per run (default 20),
#      LOG_DIR (default: a fresh /tmp directory) for each run's stdout/stderr,
#      RESULTS_TSV (optional) file to write "name<TAB>node<TAB>jsvm<TAB>first error line".
# Exit status: 0 when every test that passes under node passes under jsvm.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jsvm="${1:-$here/../../target/release/jsvm}"
node_bin="${NODE:-node}"
timeout_s="${TIMEOUT:-20}"
log_dir="${LOG_DIR:-$(mktemp -d /tmp/node-vm-logs.XXXXXX)}"
mkdir -p "$log_dir"

if [ ! -d "$here/parallel" ] || [ -z "$(find "$here/parallel" -name 'test-vm-*' -o -name '*.js' -o -name '*.mjs' 2>/dev/null | head -1)" ]; then
  echo "tests/node-vm/parallel is empty: fetch Node's vm tests first (see tests/node-vm/README.md); skipping."
  exit 0
fi
if ! command -v "$node_bin" >/dev/null 2>&1; then
  echo "node not found (set NODE=...); skipping."
  exit 0
fi
if [ ! -x "$jsvm" ]; then
  echo "jsvm binary not found at $jsvm" >&2
  exit 2
fi
jsvm="$(cd "$(dirname "$jsvm")" && pwd)/$(basename "$jsvm")"

# The test's "// Flags: ..." line, as Node's test runner reads it.
flags_of() {
  sed -n 's@^[[:space:]]*//[[:space:]]*Flags:[[:space:]]*\(.*\)$@\1@p' "$1" | head -1
}

# One run: prints PASS, FAIL or TIMEOUT; output goes to $3.{out,err}.
run_one() {
  local bin="$1" file="$2" log="$3" flags rc
  flags="$(flags_of "$file")"
  # shellcheck disable=SC2086
  (cd "$here/.." && timeout -k 5 "$timeout_s" "$bin" $flags "$file" \
     >"$log.out" 2>"$log.err" </dev/null)
  rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then echo TIMEOUT
  elif [ "$rc" -eq 0 ]; then echo PASS
  else echo "FAIL"; fi
}

# First informative line of a failing run's stderr (or stdout).
first_error() {
  local log="$1" line
  line="$(grep -m1 -E '^[[:space:]]*(Uncaught )?[A-Za-z]*(Error|Exception)\b|^Mismatched|^jsvm:|panicked' "$log.err" 2>/dev/null)"
  [ -z "$line" ] && line="$(grep -m1 -E 'Error|error' "$log.err" 2>/dev/null)"
  [ -z "$line" ] && line="$(grep -m1 -v '^[[:space:]]*$' "$log.err" 2>/dev/null)"
  [ -z "$line" ] && line="$(grep -m1 -v '^[[:space:]]*$' "$log.out" 2>/dev/null)"
  [ -z "$line" ] && line="(no output)"
  printf '%s' "$line" | tr '\t' ' ' | cut -c1-200
}

[ -n "${RESULTS_TSV:-}" ] && : >"$RESULTS_TSV"
total=0; node_pass=0; passed=0; failed=0
while IFS= read -r file; do
  rel="${file#$here/parallel/}"
  name="$rel"
  log="$log_dir/${rel//\//__}"
  total=$((total + 1))
  n="$(run_one "$node_bin" "$file" "$log.node")"
  j="$(run_one "$jsvm" "$file" "$log.jsvm")"
  err=""
  if [ "$j" != PASS ]; then err="$(first_error "$log.jsvm")"; fi
  if [ "$n" = PASS ]; then
    node_pass=$((node_pass + 1))
    if [ "$j" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  fi
  if [ -n "$err" ]; then
    echo "$name node=$n jsvm=$j  # $err"
  else
    echo "$name node=$n jsvm=$j"
  fi
  if [ -n "${RESULTS_TSV:-}" ]; then
    nerr=""
    [ "$n" != PASS ] && nerr="$(first_error "$log.node")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$j" "$err" "$nerr" >>"$RESULTS_TSV"
  fi
done < <(find "$here/parallel" -type f \( -name '*.js' -o -name '*.mjs' \) | sort)

echo "$total tests; $node_pass pass under node; of those under jsvm: $passed passed, $failed failed (logs: $log_dir)"
[ "$failed" -eq 0 ]
