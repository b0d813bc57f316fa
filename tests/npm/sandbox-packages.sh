#!/usr/bin/env bash
# Real npm packages that sandbox code or run tests in Node's vm contexts, under node and under
# jsvm: vm2 (VM and NodeVM programs), postman-sandbox (scripts in a worker whose global scope
# it strips), SES (lockdown with three sets of options, harden, Compartments),
# near-membrane-node (a virtual environment over a vm context), and the test runners ava 6 and
# jasmine 5 running a test file each. Compares the
# programs' whole output, and the runners' results (each test's status and the totals; their
# stack frames differ, see README). Needs network (npm) and node; not part of `cargo test`.
# Usage: tests/npm/sandbox-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-sandbox-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
npm install --no-audit --no-fund --silent vm2@3.12.2 postman-sandbox@6 ava@6 jasmine@5 ses@2.3.0 \
  @locker/near-membrane-node@0.11.17 >/dev/null 2>&1 ||
  { echo "npm install failed" >&2; exit 2; }
cp "$here"/sandbox-check/*.js .
mkdir -p spec && mv jasmine-suite.spec.js spec/

status=0
# compare NAME FILTER COMMAND...: runs COMMAND (its first word replaced by the runtime) under
# node and jsvm, keeps the lines FILTER (an awk condition) selects, and compares them.
compare() {
  local name=$1 filter=$2; shift 2
  (timeout 300 node "$@" 2>&1 | awk "$filter") >"$name.node" 2>/dev/null
  (timeout 300 "$jsvm" "$@" 2>&1 | awk "$filter") >"$name.jsvm" 2>/dev/null
  if [ -s "$name.node" ] && cmp -s "$name.node" "$name.jsvm"; then
    printf '%-18s same (%s lines)\n' "$name" "$(wc -l <"$name.node")"
  else
    printf '%-18s DIFFERENT\n' "$name"
    diff "$name.node" "$name.jsvm" | head -20 >&2
    status=1
  fi
}
compare vm2-vm 1 vm2-vm.js
compare vm2-nodevm 1 vm2-nodevm.js
compare vm2-options 1 vm2-options.js
compare postman-sandbox 1 postman-sandbox.js
compare ses-default 1 ses-lockdown.js '{}'
compare ses-unsafe-errors 1 ses-lockdown.js '{"errorTaming":"unsafe"}'
compare ses-unsafe-console 1 ses-lockdown.js '{"consoleTaming":"unsafe","evalTaming":"unsafe-eval"}'
compare near-membrane 1 near-membrane.js
# TAP: each test's status and name, the plan and the totals.
compare ava '/^(ok|not ok|1\.\.|# )/' node_modules/ava/entrypoints/cli.mjs --tap ava-suite.js
# The progress line, the failures' names and messages, the totals (not the stacks).
compare jasmine '/^[.FP*]+$|^[0-9]+\) |^    [A-Z][A-Za-z]*Error|^    Expected|^  Message:|specs?, /' \
  node_modules/jasmine/bin/jasmine.js --random=false spec/jasmine-suite.spec.js
exit $status
