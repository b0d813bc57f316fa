#!/usr/bin/env bash
# Runs jest (its test files run in vm contexts: jest-environment-node) on a small suite of its
# own features under node and under jsvm, and compares the counts of jest's JSON report
# (passed, failed, pending per file) and the failure messages. jest 29 is installed from npm
# into a temporary directory (jest 30 resolves modules with a native addon); needs network and
# node, so it is not part of `cargo test`.
# Usage: tests/npm/jest-check.sh [path/to/jsvm]   (default: target/debug/jsvm)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jsvm=$(realpath "${1:-$root/target/debug/jsvm}")
[ -x "$jsvm" ] || { echo "no jsvm binary at $jsvm (cargo build)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/jsvm-jest.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
npm init -y >/dev/null 2>&1
echo "installing jest@29 into $tmp ..." >&2
npm install --no-audit --no-fund --silent jest@29 >/dev/null 2>&1 || { echo "npm install failed" >&2; exit 2; }
mkdir -p t
cat > t/lib.js <<'JS'
module.exports = { add: (a, b) => a + b, later: (cb) => setTimeout(() => cb('done'), 1000) };
JS
cat > t/basic.test.js <<'JS'
const { add } = require('./lib');
test('adds', () => { expect(add(1, 2)).toBe(3); });
test('objects and arrays', () => { expect({ a: [1, { b: 2 }] }).toEqual({ a: [1, { b: 2 }] }); });
test('throws', () => { expect(() => { throw new TypeError('bad'); }).toThrow(TypeError); });
test('fails on purpose', () => { expect(add(2, 2)).toBe(5); });
test.skip('skipped', () => {});
test.todo('todo');
describe.each([[1, 1, 2], [2, 3, 5]])('add(%i, %i)', (a, b, sum) => {
  test(`is ${sum}`, () => { expect(add(a, b)).toBe(sum); });
});
JS
cat > t/async.test.js <<'JS'
test('promise', async () => { await expect(Promise.resolve(4)).resolves.toBe(4); });
test('rejects', async () => { await expect(Promise.reject(new Error('no'))).rejects.toThrow('no'); });
test('done callback', (done) => { setTimeout(() => { expect(1).toBeTruthy(); done(); }, 5); });
JS
cat > t/mocks.test.js <<'JS'
jest.mock('./lib', () => ({ add: jest.fn(() => 42), later: jest.requireActual('./lib').later }));
const lib = require('./lib');
test('module mock', () => { expect(lib.add(1, 1)).toBe(42); expect(lib.add).toHaveBeenCalledWith(1, 1); });
test('fake timers', () => {
  jest.useFakeTimers();
  const cb = jest.fn();
  lib.later(cb);
  expect(cb).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1000);
  expect(cb).toHaveBeenCalledWith('done');
  jest.useRealTimers();
});
test('spy', () => {
  const spy = jest.spyOn(Math, 'max').mockReturnValue(-1);
  expect(Math.max(1, 2)).toBe(-1);
  spy.mockRestore();
  expect(Math.max(1, 2)).toBe(2);
});
test('globals are the context\'s', () => {
  expect(typeof globalThis.expect).toBe('function');
  expect([] instanceof Array).toBe(true);
  expect(Object.getPrototypeOf([]) === Array.prototype).toBe(true);
});
JS
report() {
  local runtime=$1 out="$tmp/$(basename "$1").json"
  rm -rf "$tmp/cache"
  timeout 300 "$runtime" node_modules/jest/bin/jest.js --runInBand --cacheDirectory "$tmp/cache" \
    --json --outputFile "$out" >/dev/null 2>"$out.err"
  node -e 'try {
      const r = require(process.argv[1]);
      for (const f of r.testResults.sort((a, b) => a.name.localeCompare(b.name))) {
        const c = (s) => f.assertionResults.filter((a) => a.status === s).length;
        console.log(require("path").basename(f.name), c("passed"), c("failed"), c("pending") + c("todo"));
        for (const a of f.assertionResults.filter((a) => a.status === "failed")) {
          console.log("  failed:", a.fullName, "|", a.failureMessages.join("").split("\n")[0]);
        }
      }
    } catch (e) { console.log("no report"); }' "$out"
}
n=$(report node)
j=$(report "$jsvm")
printf '%s\n' "--- node (file passed failed pending)" "$n" "--- jsvm" "$j"
if [ "$n" = "$j" ] && [ "$n" != "no report" ]; then
  echo "jest@$(node -p "require('./node_modules/jest/package.json').version"): same results as node"
else
  echo "jest: different results" >&2
  tail -20 "$tmp/jsvm.json.err" >&2
  exit 1
fi
