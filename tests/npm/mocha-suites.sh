#!/usr/bin/env bash
# Runs real npm packages' own mocha test suites under node and under jsvm and compares the
# pass/fail/pending counts. Needs network (npm) and node; not part of `cargo test`.
# Packages (their npm tarballs ship their tests): numeral 2.0.6 (mocha + chai), deep-diff
# 1.0.2 (mocha + expect.js), sprintf-js 1.0.3 (mocha + assert); run by mocha 12 (an ES
# module package, loaded through require(esm)).
# Usage: tests/npm/mocha-suites.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-mocha-suites.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
npm install --no-audit --no-fund --silent mocha@12 chai@4 expect.js@0.3.1 \
  numeral@2.0.6 deep-diff@1.0.2 sprintf-js@1.0.3 >/dev/null 2>&1 || { echo "npm install failed" >&2; exit 2; }

# counts RUNTIME PACKAGE SPEC...: "passes failures pending" from mocha's JSON report.
counts() {
  local runtime=$1 pkg=$2; shift 2
  local out="$tmp/$pkg.$(basename "$runtime").json"
  (cd "node_modules/$pkg" && timeout 300 "$runtime" ../mocha/bin/mocha.js --reporter json \
    --reporter-option "output=$out" "$@" >/dev/null 2>"$out.err")
  node -e 'try { const s = require(process.argv[1]).stats; console.log(s.passes, s.failures, s.pending); }
           catch { console.log("no report"); }' "$out"
}

status=0
printf '%-18s %-22s %-22s %s\n' package 'node (pass fail pend)' 'jsvm (pass fail pend)' result
for suite in "numeral tests/**/*.js" "deep-diff test/**/*.js" "sprintf-js test"; do
  set -- $suite
  pkg=$1; shift
  n=$(counts node "$pkg" "$@")
  j=$(counts "$jsvm" "$pkg" "$@")
  if [ "$n" = "$j" ] && [ "$n" != "no report" ]; then r=same; else r=DIFFERENT; status=1; fi
  version=$(node -p "require('./node_modules/$pkg/package.json').version")
  printf '%-18s %-22s %-22s %s\n' "$pkg@$version" "$n" "$j" "$r"
  [ "$r" = same ] || tail -20 "$tmp/$pkg.$(basename "$jsvm").json.err" >&2
done
exit $status
