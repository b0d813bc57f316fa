#!/usr/bin/env bash
# Real npm packages that lean on Node's modules more than on vm: file tools and archives
# (fs-extra, glob, fast-glob, rimraf, graceful-fs, tar, jszip, adm-zip, archiver), web
# frameworks and HTTP clients against a local server (express, koa, @hapi/hapi, got, node-fetch),
# loggers (pino, winston), sandboxes and code generators (@nyariv/sandboxjs, notevil,
# degenerator, browserify, ajv standalone, fast-json-stringify, istanbul-lib-hook,
# module-alias, clear-module, import-fresh) and renderers (preact, highlight.js, katex): the
# programs of tests/npm/node-api-check/ under node and under jsvm.
# Compares each program's whole stdout and its exit code. Needs network (npm) and node; not
# part of `cargo test`.
# Usage: tests/npm/node-api-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-node-api-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
packages=(
  fs-extra@11 glob@14 fast-glob@3 rimraf@6 graceful-fs@4 tar@7 jszip@3 adm-zip@0.6 archiver@8
  express@5 morgan@1 cookie-parser@1 koa@3 @koa/router@15 @hapi/hapi@21 got@14 node-fetch@3
  pino@10 winston@3
  @nyariv/sandboxjs notevil@1 degenerator@7 browserify@17 ajv@8 fast-json-stringify@7
  istanbul-lib-hook@3 module-alias@2 clear-module@4 import-fresh@3
  preact@11 preact-render-to-string@6 highlight.js@11 katex@0.19
)
npm install --no-audit --no-fund --silent "${packages[@]}" >/dev/null 2>&1 ||
  { echo "npm install failed" >&2; exit 2; }
cp "$here"/node-api-check/*.js .

status=0
for program in files servers logs sandboxes render; do
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
