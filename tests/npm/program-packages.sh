#!/usr/bin/env bash
# Real npm packages and programs around vm, the module loader and child processes, under node
# and under jsvm: the programs of tests/npm/program-check/: code loaded from strings
# (require-from-string, node-eval, module-from-string's require/import from string through
# vm.SourceTextModule), sandboxed-module and safe-eval, lodash's runInContext and templates
# with vm contexts, child processes (execa with its IPC option, cross-spawn), parsers (marked,
# js-yaml, yaml, json5, acorn + escodegen, moment's locales, dayjs, csv-parse), command lines
# (yargs, commander), servers (fastify with schemas and inject, express through supertest,
# ws), codecs and wasm (protobufjs's generated code, jsonwebtoken, bcryptjs, sql.js,
# quickjs-emscripten), renderers (graphql, cheerio, react-dom/server, vue's server renderer,
# svelte's compiler output run through Module#_compile), and the tape and uvu test runners.
# Compares each program's whole stdout (the runners' stack lines and durations left out) and
# its exit code. Needs network (npm) and node; not part of `cargo test`.
# Usage: tests/npm/program-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-program-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
packages=(
  require-from-string@2 node-eval@2 module-from-string@3 sandboxed-module@2 safe-eval@0.4
  vm-browserify@1 lodash@4 execa@9 cross-spawn@7 marked@15 js-yaml@4 yaml@2 json5@2 acorn@8
  escodegen@2 moment@2 dayjs@1 csv-parse@5 yargs@17 commander@12 fastify@5 express@5
  supertest@7 ws@8 protobufjs@7 jsonwebtoken@9 bcryptjs@3 sql.js@1 quickjs-emscripten@0.31
  graphql@16 cheerio@1.0.0 react@18 react-dom@18 vue@3 @vue/server-renderer@3 svelte@4
  tape@5 uvu@0.5
)
npm install --no-audit --no-fund --silent "${packages[@]}" >/dev/null 2>&1 ||
  { echo "npm install failed" >&2; exit 2; }
cp "$here"/program-check/* .

status=0
# compare NAME FILTER FILE ARGS...: runs FILE under node and jsvm, keeps the stdout lines FILTER
# (an awk condition) selects, and compares them and the exit codes.
compare() {
  local name=$1 filter=$2; shift 2
  (timeout 300 node "$@" 2>"$name.node.err"; echo "exit $?") | awk "$filter" >"$name.node"
  (timeout 300 "$jsvm" "$@" 2>"$name.jsvm.err"; echo "exit $?") | awk "$filter" >"$name.jsvm"
  if [ -s "$name.node" ] && cmp -s "$name.node" "$name.jsvm"; then
    printf '%-14s same (%s lines)\n' "$name" "$(wc -l <"$name.node")"
  else
    printf '%-14s DIFFERENT\n' "$name"
    diff "$name.node" "$name.jsvm" | head -20 >&2
    head -5 "$name.jsvm.err" >&2
    status=1
  fi
}
compare eval-modules 1 eval-modules.js
compare sandboxed 1 sandboxed.js
compare vm-lodash 1 vm-lodash.js
compare processes 1 processes.mjs
compare parsers 1 parsers.js
compare cli-args 1 cli-args.js serve 8080 -v --tag a --tag b
compare servers 1 servers.js
compare codecs 1 codecs.js
compare render 1 render.js
# TAP without the stack lines of the failures (their frames differ, see README).
compare tape '!/^ +at[: ]/' tape-suite.js
compare uvu '!/Duration:/' uvu-suite.js
exit $status
