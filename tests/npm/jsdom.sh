#!/usr/bin/env bash
# Runs a jsdom program (tests/npm/jsdom-check.js: parsing, page scripts in a vm context with
# runScripts 'dangerously' and 'outside-only', window.eval, events, timers, serialize,
# virtualConsole, custom elements, MutationObserver, storage, DOMParser, FileReader) under
# node and under jsvm and compares the outputs. jsdom is installed from npm into a temporary
# directory; needs network and node, so it is not part of `cargo test`.
# Usage: tests/npm/jsdom.sh [path/to/jsvm] [jsdom version]   (default: target/debug/jsvm, 29.1.1)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
version=${2:-29.1.1}
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-jsdom.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing jsdom@$version into $tmp ..." >&2
npm install --no-audit --no-fund --silent "jsdom@$version" >/dev/null 2>&1 || { echo "npm install failed" >&2; exit 2; }
cp "$here/jsdom-check.js" .
timeout 300 node jsdom-check.js >node.out 2>&1
timeout 300 "$jsvm" jsdom-check.js >jsvm.out 2>&1
if diff -u node.out jsvm.out; then
  echo "jsdom@$(node -p "require('jsdom/package.json').version"): same output as node ($(wc -l <node.out) lines)"
else
  echo "jsdom: jsvm's output differs from node's (above)" >&2
  exit 1
fi
