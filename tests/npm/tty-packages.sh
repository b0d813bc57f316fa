#!/usr/bin/env bash
# Interactive npm packages on a terminal: each program of tests/npm/tty-check/ runs under
# `node` and under `jsvm` on a pseudo-terminal (tty-check/ptydrive.py types the keys of its
# .keys file, one chunk at a time once the program is quiet), and then with the answers piped
# to standard input; what they write (escape sequences included, byte for byte) and their exit
# codes must be the same. The packages: inquirer 8 (CommonJS), 9 and 12 (ESM; 12 and
# @inquirer/prompts 7 keep their prompt's state in an AsyncLocalStorage across awaits), prompts, enquirer,
# @clack/prompts (its own _write on a tty.WriteStream of fd 0 captures readline's output),
# readline-sync (raw mode through process.binding('tty_wrap'), synchronous reads of /dev/tty),
# commander with prompts and chalk, ora, chalk and cli-progress. Needs network (npm), node and
# python3; not part of `cargo test`.
# Usage: tests/npm/tty-packages.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed (its pty module drives the terminal)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-tty-packages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing into $tmp ..." >&2
npm install --no-audit --no-fund --silent inquirer8@npm:inquirer@8.2.7 inquirer@9.3.8 \
  inquirer12@npm:inquirer@12.3.0 @inquirer/prompts@7.2.1 \
  prompts@2.4.2 enquirer@2.4.1 readline-sync@1.4.10 ora@5.4.1 chalk@4.1.2 cli-progress@3.12.0 \
  commander@12.1.0 @clack/prompts@0.9.1 >/dev/null 2>&1 || { echo "npm install failed" >&2; exit 2; }
cp -r "$here"/tty-check/. .
# inquirer8.js loads 'inquirer' 8 under its own name.
sed -i "s/require('inquirer')/require('inquirer8')/" inquirer8.js
export TERM=xterm
unset NO_COLOR FORCE_COLOR NODE_DISABLE_COLORS CI

status=0
# same NAME WHAT: compares NAME.node and NAME.jsvm.
same() {
  if cmp -s "$1.node" "$1.jsvm"; then
    printf '%-26s same (%s lines)\n' "$1" "$(wc -l <"$1.node")"
  else
    printf '%-26s DIFFERENT\n' "$1"
    diff "$1.node" "$1.jsvm" | head -20 >&2
    status=1
  fi
}
# on_tty PROGRAM [ARGS]: the program on a terminal, typing PROGRAM's .keys.
on_tty() {
  local prog=$1; shift
  local keys=${prog%.*}.keys
  [ -f "$keys" ] || keys=/dev/null
  python3 ptydrive.py "$keys" -- node "$prog" "$@" >"tty-$prog.node"
  python3 ptydrive.py "$keys" -- "$jsvm" "$prog" "$@" >"tty-$prog.jsvm"
  same "tty-$prog"
}
# piped PROGRAM INPUT [ARGS]: standard input a pipe, standard output a terminal, then both pipes.
piped() {
  local prog=$1 input=$2; shift 2
  printf '%s' "$input" >input.txt
  python3 ptydrive.py /dev/null -- sh -c 'node "$0" "$@" <input.txt' "$prog" "$@" >"pipe-tty-$prog.node"
  python3 ptydrive.py /dev/null -- sh -c '"$JSVM" "$0" "$@" <input.txt' "$prog" "$@" >"pipe-tty-$prog.jsvm"
  same "pipe-tty-$prog"
  { node "$prog" "$@" <input.txt; echo "exit $?"; } >"pipe-$prog.node" 2>&1
  { "$jsvm" "$prog" "$@" <input.txt; echo "exit $?"; } >"pipe-$prog.jsvm" 2>&1
  same "pipe-$prog"
}
export JSVM=$jsvm

for p in inquirer8.js inquirer9.mjs inquirer12.mjs prompts7.mjs prompts.js enquirer.js clack.mjs \
  readline-sync.js spinners.js; do
  on_tty "$p"
done
on_tty commander.js --loud hello
# (inquirer 12 and @inquirer/prompts are left out here: with their input ended mid-prompt,
# node's exit listeners reject the prompt and it reports the ExitPromptError, exit 0; jsvm
# exits 13 for the unsettled top-level await without reporting it.)
for p in inquirer8.js inquirer9.mjs prompts.js enquirer.js; do
  piped "$p" $'Bob\r\x1b[B\r'
done
piped commander.js $'Al\n' hello
piped spinners.js ''
{ node commander.js --help; echo "exit $?"; } >help.node 2>&1
{ "$jsvm" commander.js --help; echo "exit $?"; } >help.jsvm 2>&1
same help
exit $status
