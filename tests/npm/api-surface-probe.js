// Lists the Node API surface a runtime exposes: for each builtin module, each export's name and
// typeof, and one level down (own names of object exports; of a function's prototype too).
// Run under node and jsvm with --dump to get JSON, or with `--diff node.json jsvm.json` to
// print what the first has and the second lacks. Used to find gaps real programs hit:
//   node tests/npm/api-surface-probe.js --dump > node.json
//   jsvm tests/npm/api-surface-probe.js --dump > jsvm.json
//   node tests/npm/api-surface-probe.js --diff node.json jsvm.json
// Prototype members are own names only: jsvm may inherit one Node defines on the class itself.
'use strict';
const fs = require('fs');
function dump() {
  const { builtinModules } = require('module');
  const out = {};
  const names = builtinModules.filter((n) => !n.startsWith('_') && !n.startsWith('internal/'));
  for (const extra of ['test']) if (!names.includes(extra)) names.push(extra);
  for (const name of names) {
    let m;
    try {
      m = require(name === 'test' ? 'node:test' : name);
    } catch (e) {
      out[name] = { error: String(e && e.code || e) };
      continue;
    }
    const entry = {};
    const keys = new Set(Object.getOwnPropertyNames(m));
    if (typeof m === 'function') for (const k of ['length', 'name', 'prototype', 'arguments', 'caller']) keys.delete(k);
    for (const k of keys) {
      let v;
      try { v = m[k]; } catch { v = undefined; }
      entry[k] = typeof v;
      // Arrays and the process's data tables (environment, versions, config) are values, not API.
      const data = Array.isArray(v) ||
        (name === 'process' && ['env', 'versions', 'config', 'release', 'features'].includes(k)) ||
        (name === 'module' && ['_cache', '_pathCache'].includes(k));
      if (v && (typeof v === 'object' || typeof v === 'function') && k !== 'default' && !data) {
        let sub;
        try { sub = Object.getOwnPropertyNames(v); } catch { sub = []; }
        for (const s of sub) {
          if (typeof v === 'function' && ['length', 'name', 'prototype', 'arguments', 'caller'].includes(s)) continue;
          if (s === 'withoutStackTrace') continue; // V8-specific marker of Node's internal helpers
          entry[k + '.' + s] = 'x';
        }
        if (typeof v === 'function' && v.prototype && typeof v.prototype === 'object') {
          for (const s of Object.getOwnPropertyNames(v.prototype)) {
            if (s === 'constructor') continue;
            entry[k + '.prototype.' + s] = 'x';
          }
        }
      }
    }
    out[name] = entry;
  }
  return out;
}
if (process.argv[2] === '--dump') {
  process.stdout.write(JSON.stringify(dump()));
} else if (process.argv[2] === '--diff') {
  const a = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const b = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
  let count = 0;
  for (const mod of Object.keys(a)) {
    if (a[mod].error) continue;
    if (!b[mod] || b[mod].error) {
      console.log(`MODULE ${mod}: ${b[mod] ? b[mod].error : 'not listed'}`);
      count++;
      continue;
    }
    for (const k of Object.keys(a[mod])) {
      if (!(k in b[mod])) {
        console.log(`${mod}: ${k}`);
        count++;
      } else if (a[mod][k] !== 'x' && a[mod][k] !== b[mod][k]) {
        console.log(`${mod}: ${k} is ${b[mod][k]}, node ${a[mod][k]}`);
        count++;
      }
    }
  }
  console.log(`missing: ${count}`);
} else {
  console.error('usage: api-surface-probe.js --dump | --diff A.json B.json');
  process.exit(2);
}
