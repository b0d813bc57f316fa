// Development loader: runs the builtin module files under node, with a `binding` built from
// node's own facilities, so a module can be compared against node's original.
// Usage: const load = require('./dev/load'); const util = load('util');
// Run node with --expose-internals for exact promise/proxy introspection.
'use strict';
const fs = require('fs');
const path = require('path');
const nodeUtil = require('util');

let internal = null;
try {
  internal = require('internal/test/binding').internalBinding('util');
} catch {}

const binding = {
  getPromiseState(p) {
    if (internal) {
      const [state, result] = internal.getPromiseDetails(p);
      return [state, result];
    }
    const s = nodeUtil.inspect(p);
    if (s.includes('<pending>')) return [0, undefined];
    return [s.includes('<rejected>') ? 2 : 1, undefined];
  },
  getProxyDetails(v) {
    if (!nodeUtil.types.isProxy(v)) return undefined;
    if (internal) return internal.getProxyDetails(v, true);
    return [{}, {}];
  },
  // The realm's global, the engine's `caller` getter and a weak collection's preview
  // (util.js reads these; node's own facilities stand in for the host's).
  globalObject: globalThis,
  callerGetter: Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get,
  previewWeak(v, max) {
    if (!internal) return undefined;
    const entries = internal.previewEntries(v);
    const per = nodeUtil.types.isWeakMap(v) ? 2 : 1;
    return [entries.length / per, entries.slice(0, max * per)];
  },
  queueMicrotask,
  writeStdout(s) { process.stdout.write(s); },
  writeStderr(s) { process.stderr.write(s); },
};

const cache = Object.create(null);
function load(name) {
  name = String(name).replace(/^node:/, '');
  if (cache[name]) return cache[name].exports;
  const file = path.join(__dirname, '..', name + '.js');
  if (!fs.existsSync(file)) return require(name); // not ours yet: node's own
  const module = { exports: {} };
  cache[name] = module;
  const fn = new Function('exports', 'require', 'module', 'binding', fs.readFileSync(file, 'utf8'));
  fn(module.exports, load, module, binding);
  return module.exports;
}
module.exports = load;
