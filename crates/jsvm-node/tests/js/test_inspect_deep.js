// util.inspect of deeply nested values (objects, arrays, Maps, Sets, long strings) with
// depth Infinity and the layout options that decide between one line and one entry per line
// (breakLength, compact, sorted, colors): the text a deep value's levels are joined into.
'use strict';
const util = require('util');
const crypto = require('crypto');

// Large texts are shown by length, line count and digest, with their first and last lines.
function show(label, text) {
  const lines = text.split('\n');
  if (text.length <= 4000) {
    console.log(`--- ${label} (${text.length} chars, ${lines.length} lines)`);
    console.log(text);
    return;
  }
  const digest = crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
  console.log(`--- ${label} (${text.length} chars, ${lines.length} lines, sha256 ${digest})`);
  console.log(lines.slice(0, 6).join('\n'));
  console.log('  ...');
  console.log(lines.slice(-6).join('\n'));
}

function chain(n, make) {
  let node = make(0);
  for (let i = 1; i <= n; i++) node = make(i, node);
  return node;
}

// An object chain: { next: { i: 0, next: { i: 1, ... } } }.
function objChain(n) {
  const root = {};
  let node = root;
  for (let i = 0; i < n; i++) {
    node.next = { i };
    node = node.next;
  }
  return root;
}

// An array chain: [0, [1, [2, ...]]].
function arrChain(n) {
  const root = [];
  let node = root;
  for (let i = 0; i < n; i++) {
    const next = [];
    node.push(i, next);
    node = next;
  }
  return root;
}

// Objects with several keys at each level, one of which nests further.
function wideChain(n) {
  const root = { a: 1, b: 'two', c: [1, 2, 3] };
  let node = root;
  for (let i = 0; i < n; i++) {
    node.child = { level: i, name: `level-${i}`, flags: [i % 2 === 0, i % 3 === 0], nested: { x: i } };
    node = node.child;
  }
  return root;
}

function mapChain(n) {
  let inner = new Map([['leaf', true]]);
  for (let i = 0; i < n; i++) inner = new Map([[`k${i}`, inner], [i, 'v']]);
  return inner;
}

function setChain(n) {
  let inner = new Set(['leaf']);
  for (let i = 0; i < n; i++) inner = new Set([i, inner]);
  return inner;
}

function mixedChain(n) {
  let inner = { end: 'here' };
  for (let i = 0; i < n; i++) {
    switch (i % 4) {
      case 0: inner = [i, inner]; break;
      case 1: inner = new Map([['m', inner]]); break;
      case 2: inner = new Set([inner]); break;
      default: inner = { o: inner, s: `s${i}` }; break;
    }
  }
  return inner;
}

const long = 'x'.repeat(120);
const longLines = 'line one\nline two\n'.repeat(5);

const values = {
  obj10: objChain(10),
  obj20: objChain(20),
  obj30: objChain(30),
  arr10: arrChain(10),
  arr30: arrChain(30),
  wide12: wideChain(12),
  map10: mapChain(10),
  set10: setChain(10),
  mixed24: mixedChain(24),
  strings15: chain(15, (i, next) => (next === undefined ? { s: long } : { s: `${long}${i}`, t: longLines, next })),
  arrays15: chain(15, (i, next) => (next === undefined ? [long] : [long, i, [next, 'short', longLines]])),
};

const optionSets = [
  ['depth Infinity', { depth: Infinity }],
  ['breakLength 40', { depth: Infinity, breakLength: 40 }],
  ['breakLength Infinity', { depth: Infinity, breakLength: Infinity }],
  ['compact false', { depth: Infinity, compact: false }],
  ['compact true', { depth: Infinity, compact: true }],
  ['compact 1', { depth: Infinity, compact: 1 }],
  ['compact true breakLength Infinity', { depth: Infinity, compact: true, breakLength: Infinity }],
  ['sorted', { depth: Infinity, sorted: true }],
  ['sorted by a comparator', { depth: Infinity, sorted: (a, b) => (a < b ? 1 : a > b ? -1 : 0) }],
  ['colors', { depth: Infinity, colors: true }],
  ['colors compact true', { depth: Infinity, colors: true, compact: true, breakLength: 60 }],
];

for (const [name, value] of Object.entries(values)) {
  for (const [label, opts] of optionSets) show(`${name}, ${label}`, util.inspect(value, opts));
}

// The default depth (2) and a finite depth cut a deep value short.
show('obj30, default depth', util.inspect(values.obj30));
show('obj30, depth 12', util.inspect(values.obj30, { depth: 12 }));
show('mixed24, depth 7', util.inspect(values.mixed24, { depth: 7 }));

// Circular references deep inside.
const circ = objChain(15);
let tail = circ;
while (tail.next) tail = tail.next;
tail.back = circ;
tail.self = tail;
show('circular at depth 15', util.inspect(circ, { depth: Infinity }));

// A custom inspector deep inside returns a multi-line string, re-indented at its level.
const custom = objChain(12);
tail = custom;
while (tail.next) tail = tail.next;
tail.custom = { [util.inspect.custom]: () => 'first\nsecond\nthird' };
tail.nested = { [util.inspect.custom]: (depth, opts, inspect) => ({ depth, deep: objChain(3) }) };
show('custom inspectors at depth 12', util.inspect(custom, { depth: Infinity }));

// Console and format go through the same text.
show('format %o', util.format('%o', objChain(6)));
show('format %O', util.format('%O', objChain(12)));
show('formatWithOptions', util.formatWithOptions({ depth: Infinity, breakLength: 50 }, 'x', objChain(12), arrChain(8)));

// A 1000-deep chain (the benchmark's shape) and a 300-deep array chain.
show('obj1000, depth Infinity', util.inspect(objChain(1000), { depth: Infinity }));
show('arr300, depth Infinity', util.inspect(arrChain(300), { depth: Infinity }));
show('obj300, compact true', util.inspect(objChain(300), { depth: Infinity, compact: true }));
show('obj300, compact false', util.inspect(objChain(300), { depth: Infinity, compact: false }));
show('map200, depth Infinity', util.inspect(mapChain(200), { depth: Infinity }));
