#!/bin/sh
# Records the reference output of each test program in tests/js/ by running it under plain
# node (node's own builtin modules), storing stdout in tests/golden/<name>.out.
# Usage: tests/record-js-golden.sh [name ...]   (default: every tests/js/*.js)
set -e
dir=$(cd "$(dirname "$0")" && pwd)
cd "$dir/js"
if [ $# -eq 0 ]; then set -- *.js; fi
for f in "$@"; do
  name=$(basename "$f" .js)
  node "$name.js" > "$dir/golden/$name.out"
  echo "recorded golden/$name.out ($(wc -l < "$dir/golden/$name.out") lines, node $(node --version))"
done
