#!/usr/bin/env bash
# More real npm packages around vm, code generation and Node's web APIs, under node and under
# jsvm: the programs of tests/npm/library-check/: fake timers over the main global and a vm
# context's (@sinonjs/fake-timers), jest's environment, expect and mocks used on their own
# (jest-environment-node's vm context), template compilers (vue-template-compiler,
# @vue/compiler-sfc, angular-expressions, jsrender, velocityjs, twig), serializers that
# evaluate code (node-serialize, serialize-to-js read back in a vm context, funcster),
# require hooks and module mocks (decache, mock-require, require-in-the-middle, shimmer,
# Module._load), crypto in JavaScript and WebAssembly (crypto-js, tweetnacl, node-forge,
# hash-wasm), xregexp, assertion libraries (should, expect.js, chai with chai-as-promised and
# sinon-chai, sinon), esbuild-wasm (transform, a bundle with a plugin run in a vm context),
# fengari (Lua), undici (request, fetch, Pool, MockAgent against a local server), nock 13
# (mocked http requests), benchmark,
# shelljs, MDX compiled and evaluated (@mdx-js/mdx with react-dom/server), chokidar (a temp
# directory watched through fs.watch and through polling), and node:test files run by `--test`
# with the spec and tap reporters.
# Compares each program's whole stdout (the runner's durations and stack lines left out) and
# its exit code. Needs network (npm) and node; not part of `cargo test`.
# Usage: tests/npm/library-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-library-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
packages=(
  @sinonjs/fake-timers@15 jest-environment-node@29 expect@29 jest-mock@29
  vue-template-compiler@2 @vue/compiler-sfc@3 angular-expressions@1 jsrender@1 velocityjs@2
  twig@1 node-serialize@0.0.4 serialize-to-js@3 funcster@0.0.3 decache@4 mock-require@3
  require-in-the-middle@7 shimmer@1 crypto-js@4 tweetnacl@1 node-forge@1 xregexp@5
  hash-wasm@4 should@13 expect.js@0.3 chai@4 chai-as-promised@7 sinon-chai@3 sinon@21
  esbuild-wasm@0.25 fengari@0.1 undici@6 nock@13 benchmark@2 shelljs@0.10 @mdx-js/mdx@3 react@18
  react-dom@18 chokidar@4
)
npm install --no-audit --no-fund --silent "${packages[@]}" >/dev/null 2>&1 ||
  { echo "npm install failed" >&2; exit 2; }
cp -r "$here"/library-check/* .

status=0
# compare NAME FILTER ARGS...: runs `node ARGS` and `jsvm ARGS`, keeps the stdout lines FILTER
# (an awk condition) selects, and compares them and the exit codes.
compare() {
  local name=$1 filter=$2; shift 2
  (timeout 300 node "$@" 2>"$name.node.err"; echo "exit $?") | awk "$filter" >"$name.node"
  (timeout 300 "$jsvm" "$@" 2>"$name.jsvm.err"; echo "exit $?") | awk "$filter" >"$name.jsvm"
  if [ -s "$name.node" ] && cmp -s "$name.node" "$name.jsvm"; then
    printf '%-16s same (%s lines)\n' "$name" "$(wc -l <"$name.node")"
  else
    printf '%-16s DIFFERENT\n' "$name"
    diff "$name.node" "$name.jsvm" | head -20 >&2
    head -5 "$name.jsvm.err" >&2
    status=1
  fi
}
compare fake-timers 1 fake-timers.js
compare jest-env 1 jest-env.js
compare templates 1 templates.js
compare serializers 1 serial.js
compare hooks 1 hooks.js
compare crypto 1 crypto.js
compare asserts 1 asserts.js
compare esbuild-wasm 1 esbuild-wasm.js
compare lua 1 lua.js
compare undici 1 undici.js
compare nock 1 nock.js
compare benchmark 1 bench.js
compare shelljs 1 shell.js
compare mdx 1 mdx.mjs
compare chokidar 1 chokidar.js
# node:test's runner: durations and stack lines (frames inside the runner differ, see README)
# left out.
nodetest='!/^ +at |duration_ms|^    [^ ]+ \(node:|^    node:|^    new Promise|^    callWithTimeout|^    async Root/ { gsub(/\([0-9.]+ms\)/, "(Xms)"); print }'
compare node-test-spec "$nodetest" --test --test-reporter=spec node-test/
compare node-test-tap "$nodetest" --test --test-reporter=tap node-test/
exit $status
