#!/usr/bin/env bash
# Records what Node prints for every case of tests/cli-cases/ (or of another cases directory,
# see --cases), as the golden files that tests/cli.rs (tests/http.rs for http-cases/) compares
# jsvm against. Needs `node` (v20) on PATH; the tests themselves do not.
#
# A case is a directory holding main.js or main.mjs (run as `node <abs path of main> ARGS`,
# ARGS from the optional file `args`, options before it from the optional file `flags`) or a file `stdin` (run as `node < stdin`), with the
# case directory as working directory. For each case this writes:
#   expected.stdout  stdout, byte for byte
#   expected.stderr  stderr, filtered (the same filter as tests/common/mod.rs applies to jsvm's):
#                    the case directory's path becomes <DIR>, `(node:1234)` becomes
#                    `(node:<PID>)`, "`node --trace-" becomes "`<EXE> --trace-", stack frame lines
#                    ("    at ...") are dropped, and so is the "Node.js v20..." trailer with the
#                    empty line before it
#   expected.code    the exit code
# Usage: crates/jsvm-cli/tests/record-cli.sh [--cases DIR] [case ...]
#        crates/jsvm-cli/tests/record-cli.sh [--cases DIR] --jsvm PATH case ...
#          --cases DIR: the cases directory, relative to tests/ (default cli-cases);
#          record-http.sh is this script with --cases http-cases.
#          --jsvm PATH writes jsvm.stderr instead: jsvm's filtered stderr, for a case where jsvm
#          differs from node on purpose or by engine (say why in the case's jsvm.reason)
set -u
runner=node
out=expected.stderr
cases_dir=cli-cases
if [ "${1:-}" = --cases ]; then cases_dir=$2; shift 2; fi
if [ "${1:-}" = --jsvm ]; then runner=$(realpath "$2"); out=jsvm.stderr; shift 2; fi
cd "$(dirname "$0")" && cd "$cases_dir" || exit 1
$runner --version >&2
filter() {
  local dir=$1
  awk -v dir="$dir" '
    function subst(s, from, to,   out, i) {
      out = ""
      while ((i = index(s, from)) > 0) { out = out substr(s, 1, i - 1) to; s = substr(s, i + length(from)) }
      return out s
    }
    {
      line = subst($0, dir, "<DIR>")
      line = subst(line, "`node --trace-", "`<EXE> --trace-")
      line = subst(line, "`jsvm --trace-", "`<EXE> --trace-")
      gsub(/\(node:[0-9]+\)/, "(node:<PID>)", line)
      if (index(line, "    at ") == 1) next
      if (line ~ /^Node\.js v[0-9]/) { pending = 0; next }
      if (pending) { print ""; pending = 0 }
      if (line == "") { pending = 1; next }
      print line
    }
    END { if (pending) print "" }'
}
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(*/)
for c in "${cases[@]}"; do
  c=${c%/}
  (
    cd "$c" || exit 1
    dir=$(pwd -P)
    args=()
    [ -f args ] && read -r -a args < args
    flags=()
    [ -f flags ] && read -r -a flags < flags
    if [ -f stdin ]; then
      timeout 30 "$runner" "${args[@]}" < stdin > stdout.raw 2> stderr.raw
    else
      main=main.js; [ -f main.mjs ] && main=main.mjs
      timeout 30 "$runner" "${flags[@]}" "$dir/$main" "${args[@]}" < /dev/null > stdout.raw 2> stderr.raw
    fi
    code=$?
    filter "$dir" < stderr.raw > "$out"
    if [ "$runner" = node ]; then mv stdout.raw expected.stdout; echo $code > expected.code; fi
    rm -f stderr.raw stdout.raw
    printf '%-32s exit %s\n' "$c" "$code" >&2
  )
done
