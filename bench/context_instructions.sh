#!/usr/bin/env bash
# Instructions per context (callgrind) of the Node surface's vm.createContext({ i }) and
# vm.runInNewContext('a + b', { a, b }), from the difference between N1 and N2 contexts, so
# start-up cancels. Collections are discrete (about one per 110 contexts): a long window
# (the default, 500 to 2500) spreads them evenly; 200 to 400 is the "short window" of
# docs/design.md's earlier tables.
#
#   bench/context_instructions.sh [jsvm-binary] [N1 N2]
set -eu
bin="${1:-target/release/jsvm}"
n1="${2:-500}"
n2="${3:-2500}"
out="$(mktemp /tmp/context-instructions.XXXXXX)"
trap 'rm -f "$out"' EXIT
total() {
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" -e "$1" >/dev/null 2>&1
  callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
for body in 'vm.createContext({ i })' "vm.runInNewContext('a + b', { a: i, b: 2 })"; do
  a="$(total "const vm = require('vm'); for (let i = 0; i < $n1; i++) $body")"
  b="$(total "const vm = require('vm'); for (let i = 0; i < $n2; i++) $body")"
  echo "$body: $(( (b - a) / (n2 - n1) )) instructions per context"
done
