#!/usr/bin/env bash
# Real npm command-line programs (test runners, build tools, linters, documentation and API
# tools) run the way a user runs them, `node <their bin> ARGS` against `jsvm <their bin> ARGS`,
# on the small project of tests/npm/cli-check/: jsdoc (requizzle's module wrapper), tsc 5 on a
# project, newman on a Postman collection (postman-sandbox's vm scripts; jose reads
# crypto.constants when it loads), gulp 5 (v8flags reads process.allowedNodeEnvironmentFlags and
# `--v8-options`), grunt, zx (graceful-fs copies fs's accessors), cucumber, @hapi/lab with its
# coverage instrumentation, qunit, @babel/cli, handlebars's precompiler, stylelint,
# markdownlint-cli, prettier, terser and eslint; and a program using assert, power-assert and
# testdouble. Compares stdout (times and durations blanked) and exit codes, and tsc's and
# gulp's output files. Needs network (npm) and node; not part of `cargo test`.
# Usage: tests/npm/cli-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-cli-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
npm install --no-audit --no-fund --silent jsdoc@4 typescript@5 newman@6 gulp@5 grunt@1 zx@8 \
  @cucumber/cucumber@12 @hapi/lab@26 @hapi/code@9 qunit@3 @babel/cli@7 @babel/core@7 \
  @babel/preset-env@7 handlebars@4 stylelint@17 stylelint-config-standard@40 markdownlint-cli@0.48 \
  prettier@3 terser@5 eslint@10 power-assert@1 testdouble@3 >/dev/null 2>&1 ||
  { echo "npm install failed" >&2; exit 2; }
cp -r "$here"/cli-check/. .
bin=node_modules

status=0
# Times and durations, which differ run to run.
blank() {
  sed -E 's/[0-9]+m[0-9]+\.[0-9]+s/<t>/g; s/[0-9]+(\.[0-9]+)? ?(ms|μs|s)([^a-z]|$)/<t>\3/g;
    s/\[[0-9:]{8}\]/[<time>]/g; s/ +/ /g'
}
# compare NAME ARGS...: runs ARGS under node and jsvm and compares stdout and exit code.
compare() {
  local name=$1; shift
  timeout 300 node "$@" 2>"$name.node.err" | blank >"$name.node"; nrc=${PIPESTATUS[0]}
  timeout 300 "$jsvm" "$@" 2>"$name.jsvm.err" | blank >"$name.jsvm"; jrc=${PIPESTATUS[0]}
  if [ -s "$name.node" ] && cmp -s "$name.node" "$name.jsvm" && [ "$nrc" = "$jrc" ]; then
    printf '%-14s same (%s lines, exit %s)\n' "$name" "$(wc -l <"$name.node")" "$nrc"
  else
    printf '%-14s DIFFERENT (exit: node %s, jsvm %s)\n' "$name" "$nrc" "$jrc"
    diff "$name.node" "$name.jsvm" | head -20 >&2
    head -5 "$name.jsvm.err" >&2
    status=1
  fi
}
# compare_all NAME ARGS...: as compare, for a tool that reports on stderr (its whole output).
compare_all() {
  local name=$1; shift
  timeout 300 node "$@" 2>&1 | blank >"$name.node"; nrc=${PIPESTATUS[0]}
  timeout 300 "$jsvm" "$@" 2>&1 | blank >"$name.jsvm"; jrc=${PIPESTATUS[0]}
  if [ -s "$name.node" ] && cmp -s "$name.node" "$name.jsvm" && [ "$nrc" = "$jrc" ]; then
    printf '%-14s same (%s lines, exit %s)\n' "$name" "$(wc -l <"$name.node")" "$nrc"
  else
    printf '%-14s DIFFERENT (exit: node %s, jsvm %s)\n' "$name" "$nrc" "$jrc"
    diff "$name.node" "$name.jsvm" | head -20 >&2
    status=1
  fi
}
# same_files NAME DIR: the files a program wrote under node (DIR.node) and under jsvm (DIR).
same_files() {
  if diff -r "$2.node" "$2" >/dev/null; then
    printf '%-14s same files\n' "$1"
  else
    printf '%-14s DIFFERENT files\n' "$1"; diff -r "$2.node" "$2" | head -10 >&2; status=1
  fi
}

compare jsdoc $bin/jsdoc/jsdoc.js -X jsdoc-source.js
(cd ts-project && node ../$bin/typescript/bin/tsc -p . --declaration >/dev/null; mv out out.node)
compare tsc $bin/typescript/bin/tsc -p ts-project --declaration
same_files tsc-output ts-project/out
compare newman $bin/newman/bin/newman.js run postman-collection.json --reporters cli
node $bin/gulp/bin/gulp.js >/dev/null 2>&1; mv gulp-output gulp-output.node
compare gulp $bin/gulp/bin/gulp.js --no-color
same_files gulp-output gulp-output
compare grunt $bin/grunt/bin/grunt --no-color
compare zx zx-script.mjs
compare cucumber $bin/@cucumber/cucumber/bin/cucumber.js --format summary
compare lab $bin/@hapi/lab/bin/lab -C -c -r console -t 0 --coverage-path lab-test/lib-under-test.js lab-test
compare qunit $bin/qunit/bin/qunit.js qunit-suite.js
echo '{"presets":["@babel/preset-env"]}' >babel.config.json
compare babel $bin/@babel/cli/bin/babel.js zx-script.mjs
rm babel.config.json
compare handlebars $bin/handlebars/bin/handlebars list.hbs
compare_all stylelint $bin/stylelint/bin/stylelint.mjs styles.css
compare_all markdownlint $bin/markdownlint-cli/markdownlint.js notes.md
compare prettier $bin/prettier/bin/prettier.cjs unformatted.js
compare terser $bin/terser/bin/terser unformatted.js -c -m
compare eslint $bin/eslint/bin/eslint.js --no-config-lookup --rule '{"no-unused-vars":"error"}' unformatted.js
compare asserts falsy-asserts.js
exit $status
