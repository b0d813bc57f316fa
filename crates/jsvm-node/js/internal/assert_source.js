// The message of a failed `assert.ok(value)` / `assert(value)` without a message, as Node words
// it from the caller's source: "The expression evaluated to a falsy value:\n\n  assert(x)\n".
// Node reads the file of the call site, tokenizes the line with acorn and takes the innermost
// call expression around the frame's column; here the call is read from that column (V8's: at
// the callee's last name) with a small scanner: back over the callee's member chain, forward over
// its balanced arguments (strings, template literals, comments and regular expressions skipped).
// Code that is no file (eval, vm scripts, Node's own modules) gets undefined, as in Node (the
// AssertionError then says `false == true`).
'use strict';

const fs = require('fs');

const cache = new Map();
const escapes = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
const meta = [
  '\\u0000', '\\u0001', '\\u0002', '\\u0003', '\\u0004',
  '\\u0005', '\\u0006', '\\u0007', '\\b', '',
  '', '\\u000b', '\\f', '', '\\u000e',
  '\\u000f', '\\u0010', '\\u0011', '\\u0012', '\\u0013',
  '\\u0014', '\\u0015', '\\u0016', '\\u0017', '\\u0018',
  '\\u0019', '\\u001a', '\\u001b', '\\u001c', '\\u001d',
  '\\u001e', '\\u001f',
];

// The first call site below `fn`, or undefined.
function callSite(fn) {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  const holder = {};
  try {
    // Node asks for 1; the engine counts the frames of `call` and `apply`, which V8 (and the
    // sites code gets) leave out.
    Error.stackTraceLimit = 4;
    Error.prepareStackTrace = (_, sites) => sites;
    Error.captureStackTrace(holder, fn);
    const sites = holder.stack;
    return Array.isArray(sites) ? sites[0] : undefined;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

const isIdent = (c) => c !== undefined && /[\w$\u00a0-\uffff]/.test(c);
const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

// The index after the end of the string, template or comment starting at `i`, or -1.
function skipQuoted(code, i) {
  const q = code[i];
  if (q === '/' && code[i + 1] === '/') {
    const nl = code.indexOf('\n', i);
    return nl < 0 ? code.length : nl;
  }
  if (q === '/' && code[i + 1] === '*') {
    const end = code.indexOf('*/', i + 2);
    return end < 0 ? -1 : end + 2;
  }
  for (let k = i + 1; k < code.length; k++) {
    const c = code[k];
    if (c === '\\') { k++; continue; }
    if (q === '`' && c === '$' && code[k + 1] === '{') {
      const end = balanced(code, k + 1);
      if (end < 0) return -1;
      k = end - 1;
      continue;
    }
    if (c === q) return k + 1;
    if (q !== '`' && c === '\n') return -1;
  }
  return -1;
}

// The index after a regular expression literal starting at `i` (a `/`), or -1.
function skipRegExp(code, i) {
  let inClass = false;
  for (let k = i + 1; k < code.length; k++) {
    const c = code[k];
    if (c === '\\') { k++; continue; }
    if (c === '\n') return -1;
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      k++;
      while (isIdent(code[k])) k++;
      return k;
    }
  }
  return -1;
}

// The index after the bracket closing the one at `open`, or -1.
function balanced(code, open) {
  const stack = [];
  let last = ''; // the last significant character, to tell a division from a regular expression
  for (let k = open; k < code.length; k++) {
    const c = code[k];
    if (c === '"' || c === "'" || c === '`' || (c === '/' && (code[k + 1] === '/' || code[k + 1] === '*'))) {
      const end = skipQuoted(code, k);
      if (end < 0) return -1;
      if (c !== '/') last = c;
      k = end - 1;
      continue;
    }
    if (c === '/' && (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last))) {
      const end = skipRegExp(code, k);
      if (end < 0) return -1;
      last = '/';
      k = end - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      const o = stack.pop();
      if ((o === '(') !== (c === ')') || (o === '[') !== (c === ']')) return -1;
      if (stack.length === 0) return k + 1;
    }
    if (!isSpace(c)) last = c;
  }
  return -1;
}

// [start, text] of the call whose callee's last name is at `offset` of `code`, or undefined.
function callAt(code, offset) {
  let end = offset;
  while (isIdent(code[end])) end++;
  while (isSpace(code[end])) end++;
  if (code[end] === '?' && code[end + 1] === '.') end += 2;
  if (code[end] !== '(') return undefined;
  const close = balanced(code, end);
  if (close < 0) return undefined;
  // Back over the member chain (`t.assert.ok`, `this.assert`).
  let start = offset;
  for (;;) {
    while (isIdent(code[start - 1])) start--;
    let k = start;
    while (isSpace(code[k - 1])) k--;
    if (code[k - 1] === '.' && code[k - 2] === '?') k -= 2;
    else if (code[k - 1] === '.') k--;
    else break;
    while (isSpace(code[k - 1])) k--;
    if (!isIdent(code[k - 1])) break;
    start = k;
  }
  return [start, code.slice(start, close).replace(escapes, (s) => meta[s.charCodeAt(0)])];
}

function falsyMessage(fn) {
  const site = callSite(fn);
  if (site === undefined) return undefined;
  let filename = site.getFileName();
  const line = site.getLineNumber() - 1;
  const column = site.getColumnNumber() - 1;
  if (!filename) return undefined;
  const identifier = `${filename}${line}${column}`;
  if (filename.startsWith('node:')) return undefined;
  if (cache.has(identifier)) return cache.get(identifier);
  let message;
  try {
    if (filename.startsWith('file:')) filename = require('url').fileURLToPath(filename);
    const source = fs.readFileSync(filename, 'utf8');
    let at = 0;
    for (let i = 0; i < line; i++) {
      at = source.indexOf('\n', at);
      if (at < 0) throw null;
      at++;
    }
    const found = callAt(source.slice(at, at + 65536), column);
    if (found === undefined) throw null;
    let [start, text] = found;
    if (text.includes('\n')) {
      const lines = text.replace(/\r\n/g, '\n').split('\n');
      text = lines.shift();
      for (const l of lines) {
        let pos = 0;
        while (pos < start && (l[pos] === ' ' || l[pos] === '\t')) pos++;
        text += `\n  ${l.slice(pos)}`;
      }
    }
    message = `The expression evaluated to a falsy value:\n\n  ${text}\n`;
  } catch {
    message = undefined;
  }
  cache.set(identifier, message);
  return message;
}

module.exports = { falsyMessage };
