#!/bin/sh
# Records the reference output of each test program in tests/js/ by running it under plain
# node (node's own builtin modules), storing stdout in tests/golden/<name>.out.
# stderr goes through a pipe so that node never sees a terminal there (assert would then add
# colours to its diffs and size them to the terminal width).
# Files whose name contains 'modules' run with --experimental-vm-modules.
# Usage: tests/record-js-golden.sh [name ...]   (default: every tests/js/*.js)
set -e
dir=$(cd "$(dirname "$0")" && pwd)
cd "$dir/js"
if [ $# -eq 0 ]; then set -- *.js; fi
for f in "$@"; do
  name=$(basename "$f" .js)
  # vm.SourceTextModule and friends need the flag under node (jsvm has them without it; both
  # call importModuleDynamically callbacks only with it, and tests/js_modules.rs passes it too).
  flags=
  case "$name" in *modules*) flags=--experimental-vm-modules ;; esac
  { NO_COLOR=1 node $flags "$name.js" 2>&1 >"$dir/golden/$name.out" | cat >&2; }
  echo "recorded golden/$name.out ($(wc -l < "$dir/golden/$name.out") lines, node $(node --version))"
done
