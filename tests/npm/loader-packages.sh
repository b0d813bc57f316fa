#!/usr/bin/env bash
# Real npm packages that compile code or hook module loading through vm and the CommonJS
# loader, under node and under jsvm: the programs of tests/npm/loader-check/ (uglify-js,
# coffeescript, livescript, @babel/core and @babel/register, rewire, proxyquire,
# sandboxed-module, safe-eval, ts-node, esm), tsx (module.register hooks) on a TypeScript
# program, and `esm` preloaded (`-r esm`) for a program in
# ES module syntax. Compares each program's whole stdout and its exit code. Needs network (npm)
# and node; not part of `cargo test`.
# Usage: tests/npm/loader-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-loader-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
npm install --no-audit --no-fund --silent uglify-js@3 coffeescript@2 livescript@1 @babel/core@7 \
  @babel/register@7 @babel/preset-env@7 rewire@9 proxyquire@2 sandboxed-module@2 safe-eval@0.4 \
  ts-node@10 typescript@5 esm@3 tsx@4 >/dev/null 2>&1 || { echo "npm install failed" >&2; exit 2; }
cp "$here"/loader-check/*.js "$here"/loader-check/*.ts "$here"/loader-check/*.cts .

status=0
# compare NAME ARGS...: runs ARGS under node and jsvm and compares stdout and exit code.
compare() {
  local name=$1; shift
  rm -rf node_modules/.cache
  timeout 300 node "$@" >"$name.node" 2>"$name.node.err"; nrc=$?
  rm -rf node_modules/.cache
  timeout 300 "$jsvm" "$@" >"$name.jsvm" 2>"$name.jsvm.err"; jrc=$?
  if [ -s "$name.node" ] && cmp -s "$name.node" "$name.jsvm" && [ "$nrc" = "$jrc" ]; then
    printf '%-12s same (%s lines, exit %s)\n' "$name" "$(wc -l <"$name.node")" "$nrc"
  else
    printf '%-12s DIFFERENT (exit: node %s, jsvm %s)\n' "$name" "$nrc" "$jrc"
    diff "$name.node" "$name.jsvm" | head -20 >&2
    head -5 "$name.jsvm.err" >&2
    status=1
  fi
}
compare compilers compilers.js
compare hooks hooks.js
compare esm-loader esm-loader.js
# `-r esm`: the loader replaces Module.runMain and compiles the program itself (twice: the
# second run reads the cache and cached data the first one wrote).
compare esm-preload -r esm es/main.js
timeout 300 "$jsvm" -r esm es/main.js >esm-cached.jsvm 2>&1
if cmp -s esm-preload.node esm-cached.jsvm; then echo "esm-cached   same"; else echo "esm-cached   DIFFERENT"; status=1; fi
# tsx: its cli runs the program in a child with `--require` and `--import` (module.register
# hooks), and `--import tsx` directly.
compare tsx-cli node_modules/tsx/dist/cli.mjs tsx-app.ts
compare tsx-import --import tsx tsx-app.ts
exit $status
