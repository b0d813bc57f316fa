#!/usr/bin/env bash
# The service benchmark: one tenant-rule workload (per request: a fresh context whose globals
# are the request's JSON, a 10-line rule (rule.js), a JSON answer) served by
#   - jsvm: crates/jsvm/examples/rules_service.rs (tokio + hyper, RuntimePool, run_async),
#   - node: http + vm.runInNewContext per request (server-node-vm.js),
#   - node + vm2: a new VM per request (server-vm2.js; vm2 installed from npm into a
#     temporary folder for the run, removed after),
# each loaded by the same generator (loadgen.js: IN_FLIGHT requests in flight over kept-alive
# connections). Prints a markdown table: requests/s, latency p50/p99, errors (by status), and the server's
# resident memory (RSS) idle and at its peak under load (sampled every 100 ms).
# Usage: bench/service/run.sh   (env: WARMUP=3 MEASURE=10 IN_FLIGHT=50 PORT=18480)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WARMUP=${WARMUP:-3}
MEASURE=${MEASURE:-10}
IN_FLIGHT=${IN_FLIGHT:-50}
PORT=${PORT:-18480}

(cd "$root" && cargo build --release -q -p jsvm --example rules_service)
jsvm_service="$root/target/release/examples/rules_service"

deps=$(mktemp -d /tmp/jsvm-service-bench.XXXXXX)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$deps"
}
trap cleanup EXIT
npm install --prefix "$deps" --no-save --no-audit --no-fund --loglevel=error vm2 >/dev/null

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# run NAME COMMAND...: starts the server, waits for its port, loads it, prints a table row.
run() {
  local name=$1; shift
  "$@" >/dev/null &
  server=$!
  for _ in $(seq 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
    sleep 0.05
  done
  local idle peak now result
  idle=$(rss_kb "$server")
  peak=$idle
  node "$here/loadgen.js" "$PORT" "$WARMUP" "$MEASURE" "$IN_FLIGHT" > "$deps/result.json" &
  local loader=$!
  while kill -0 "$loader" 2>/dev/null; do
    now=$(rss_kb "$server")
    if [ "$now" -gt "$peak" ]; then peak=$now; fi
    sleep 0.1
  done
  wait "$loader"
  kill "$server"; wait "$server" 2>/dev/null || true
  server=
  result=$(cat "$deps/result.json")
  node -e '
    const r = JSON.parse(process.argv[1]);
    const [name, idle, peak] = process.argv.slice(2);
    const errors = r.errors ? `${r.errors} (${Object.entries(r.failures).map(([k, n]) => `${n}x ${k}`).join(", ")})` : "0";
    console.log(`| ${name} | ${Math.round(r.rps)} | ${r.p50_ms.toFixed(2)} | ${r.p99_ms.toFixed(2)} | ${errors} | ${(idle / 1024).toFixed(1)} | ${(peak / 1024).toFixed(1)} |`);
  ' "$result" "$name" "$idle" "$peak"
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "node $(node --version), vm2 $(node -p "require('$deps/node_modules/vm2/package.json').version"), jsvm $(grep -m1 '^version' "$root/Cargo.toml" | cut -d'"' -f2), $(rustc --version | cut -d' ' -f1-2)"
echo "$IN_FLIGHT in flight, ${WARMUP} s warm-up, ${MEASURE} s measured"
echo
echo "| server | requests/s | p50 ms | p99 ms | errors | RSS idle MB | RSS peak MB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
run "jsvm (rules_service, 2 workers)" "$jsvm_service" --port "$PORT" --workers 2 --rule-file "$here/rule.js"
run "jsvm (rules_service, 1 worker)" "$jsvm_service" --port "$PORT" --workers 1 --rule-file "$here/rule.js"
run "node http + vm.runInNewContext" node "$here/server-node-vm.js" "$PORT" "$here/rule.js"
run "node http + vm2" env NODE_PATH="$deps/node_modules" node "$here/server-vm2.js" "$PORT" "$here/rule.js"
