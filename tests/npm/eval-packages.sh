#!/usr/bin/env bash
# Real npm packages that compile or evaluate code (new Function, eval, vm contexts) or load
# configuration and templates as modules, under node and under jsvm: the programs of
# tests/npm/eval-check/ (template engines, expression languages and interpreters, CSS and markup
# processors, build and test tools, DOM implementations, configuration loaders, webpack,
# worker pools).
# Compares each program's whole stdout and its exit code. Needs network (npm) and node; not
# part of `cargo test`.
# Usage: tests/npm/eval-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-eval-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
packages=(
  squirrelly@9 hogan.js@3 dustjs-linkedin@3 swig-templates@2 marko@5 @marko/compiler@5 eval@0.1
  static-eval@2 esprima@4 expr-eval@2 mathjs@15 jexl@2 json-logic-js@2 filtrex@3 jsonpath-plus@10
  jsonpath@1 jsonata@2 js-interpreter@6 sval@0.6 lodash@4 serialize-javascript@7
  less@4 stylus@0.64 sass@1 clean-css@5 html-minifier-terser@7 svgo@4
  typescript@5 sucrase@3 prettier@3 eslint@10 rollup@2 esbuild@0.28 istanbul-lib-instrument@6 sinon@22
  linkedom@0.18 happy-dom@21 cosmiconfig@9 rc@1 config@5 webpack@5 html-webpack-plugin@5
  workerpool@10 piscina@5
)
npm install --no-audit --no-fund --silent "${packages[@]}" >/dev/null 2>&1 ||
  { echo "npm install failed" >&2; exit 2; }
cp "$here"/eval-check/*.js .

status=0
for program in templates expressions styles tools dom config webpack workers; do
  timeout 300 node "$program.js" >"$program.node" 2>"$program.node.err"; nrc=$?
  timeout 300 "$jsvm" "$program.js" >"$program.jsvm" 2>"$program.jsvm.err"; jrc=$?
  if [ -s "$program.node" ] && cmp -s "$program.node" "$program.jsvm" && [ "$nrc" = "$jrc" ]; then
    printf '%-12s same (%s lines, exit %s)\n' "$program" "$(wc -l <"$program.node")" "$nrc"
  else
    printf '%-12s DIFFERENT (exit: node %s, jsvm %s)\n' "$program" "$nrc" "$jrc"
    diff "$program.node" "$program.jsvm" | head -20 >&2
    head -5 "$program.jsvm.err" >&2
    status=1
  fi
done
exit $status
