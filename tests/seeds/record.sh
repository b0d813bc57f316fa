#!/usr/bin/env bash
# Records what Node prints for every seed example in this directory, as the golden
# files that crates/jsvm-cli/tests/seeds.rs compares jsvm against.
#
# For each example FILE (*.js, *.mjs) in tests/seeds:
#   node --no-warnings [--experimental-vm-modules, for .mjs] <absolute path of FILE>
# run with the working directory tests/seeds, stdin from /dev/null and a 30 s
# timeout (an example killed by the timeout records exit code 124), writes
#   golden/FILE.stdout  stdout, byte for byte
#   golden/FILE.stderr  stderr, filtered (see below)
#   golden/FILE.code    the exit code, as a decimal number and a newline
#
# The stderr filter (seeds.rs mirrors it exactly; change both together). The text is
# taken as lines separated by "\n" (a final "\n" ends the last line, it does not
# start an empty one); each kept line is written followed by "\n".
#   1. every occurrence of the absolute, symlink-free path of tests/seeds is
#      replaced by "<SEEDS>" (so golden files do not depend on where the repository
#      is checked out; ES-module paths become "file://<SEEDS>/FILE.mjs");
#   2. a line that starts with "    at " (4 spaces) and contains "node:" is dropped
#      (a stack frame of Node's own code); frames of the user's file are kept;
#   3. a line that starts with "Node.js v" followed by a digit is dropped (the
#      version trailer Node prints after an uncaught error), together with the
#      empty line right before it.
# Everything else is kept: the file:line, the source line, the caret line, the
# error message line, and frames of the example's own file.
#
# Usage: tests/seeds/record.sh   (from anywhere; needs `node` on PATH, Node v20)
set -u
cd "$(dirname "$0")" || exit 1
SEEDS=$(pwd -P)
mkdir -p golden

filter_stderr() {
  awk -v seeds="$SEEDS" '
    function subst(s,   out, i) {
      out = ""
      while ((i = index(s, seeds)) > 0) {
        out = out substr(s, 1, i - 1) "<SEEDS>"
        s = substr(s, i + length(seeds))
      }
      return out s
    }
    {
      line = subst($0)
      if (index(line, "    at ") == 1 && index(line, "node:") > 0) next
      if (line ~ /^Node\.js v[0-9]/) { pending_blank = 0; next }
      if (pending_blank) { print ""; pending_blank = 0 }
      if (line == "") { pending_blank = 1; next }
      print line
    }
    END { if (pending_blank) print "" }
  '
}

node --version >&2
status=0
for f in *.js *.mjs; do
  [ -f "$f" ] || continue
  flags=(--no-warnings)
  case "$f" in *.mjs) flags+=(--experimental-vm-modules) ;; esac
  timeout 30 node "${flags[@]}" "$SEEDS/$f" </dev/null \
    >"golden/$f.stdout" 2>"golden/$f.stderr.raw"
  code=$?
  echo "$code" >"golden/$f.code"
  filter_stderr <"golden/$f.stderr.raw" >"golden/$f.stderr"
  rm -f "golden/$f.stderr.raw"
  printf '%-45s exit %s\n' "$f" "$code" >&2
  [ "$code" = 124 ] && { echo "  TIMEOUT: $f" >&2; status=1; }
done
exit $status
