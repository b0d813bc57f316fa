// The `console` module: the global console (a Console on process.stdout/stderr) and the
// Console class. Formatting is util.format / util.inspect; util is loaded on first need (it is
// the largest builtin): until then, lines of strings and plain primitives are formatted here,
// as util.format formats them with its default options.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

let utilModule = null;
function util() {
  if (utilModule === null) utilModule = require('util');
  return utilModule;
}

// util.format's text for `args` when it can be told without util: util is not loaded yet (so
// util.inspect.defaultOptions are the defaults), there is no format directive, and every
// argument is a string or, without colors, a number, bigint, boolean, undefined or null.
// Otherwise undefined.
function formatSimple(args, colors) {
  if (utilModule !== null || typeof require.isLoaded !== 'function' || require.isLoaded('util')) {
    return undefined;
  }
  let text = '';
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    let part;
    switch (typeof v) {
      case 'string':
        if (i === 0 && args.length > 1 && v.includes('%')) return undefined;
        part = v;
        break;
      case 'number':
        if (colors) return undefined;
        part = Object.is(v, -0) ? '-0' : `${v}`;
        break;
      case 'bigint':
        if (colors) return undefined;
        part = `${v}n`;
        break;
      case 'boolean':
      case 'undefined':
        if (colors) return undefined;
        part = `${v}`;
        break;
      default:
        if (v !== null || colors) return undefined;
        part = 'null';
    }
    text = i === 0 ? part : `${text} ${part}`;
  }
  return text;
}

const kCounts = Symbol('counts');
const kTimers = Symbol('timers');
const kIndent = Symbol('groupIndent');
const kOut = Symbol('stdout');
const kErr = Symbol('stderr');
const kColorMode = Symbol('colorMode');
const kInspectOptions = Symbol('inspectOptions');
const kIndentWidth = Symbol('groupIndentWidth');

function useColors(stream, mode) {
  if (mode === true || mode === false) return mode;
  if (!stream || !stream.isTTY) return false;
  const env = (typeof process === 'object' && process.env) || {};
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') {
    return env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  }
  return typeof stream.hasColors === 'function' ? stream.hasColors() : true;
}

function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms = ms % 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms = ms % 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, frac] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes;
    return `${res}:${s.padStart(2, '0')}.${frac} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function now() {
  return typeof performance === 'object' ? performance.now() : Date.now();
}

function Console(options, stderr, ignoreErrors) {
  if (!new.target) return new Console(options, stderr, ignoreErrors);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr, ignoreErrors };
  }
  const out = options.stdout;
  if (!out || typeof out.write !== 'function') {
    const err = new TypeError('The "stdout" argument must be an instance of Writable.' +
      ` Received ${out === undefined ? 'undefined' : typeof out}`);
    err.code = 'ERR_CONSOLE_WRITABLE_STREAM';
    throw err;
  }
  this[kOut] = out;
  this[kErr] = options.stderr || out;
  this[kColorMode] = options.colorMode === undefined ? 'auto' : options.colorMode;
  this[kInspectOptions] = options.inspectOptions;
  this[kCounts] = new Map();
  this[kTimers] = new Map();
  this[kIndent] = '';
  this[kIndentWidth] = options.groupIndentation === undefined ? 2 : options.groupIndentation;
  // Methods are bound, so they can be passed around (`arr.forEach(console.log)`).
  for (const key of Object.getOwnPropertyNames(Console.prototype)) {
    if (key === 'constructor') continue;
    const fn = Console.prototype[key];
    if (typeof fn === 'function') {
      Object.defineProperty(this, key, {
        value: Object.defineProperty(fn.bind(this), 'name', { value: key }),
        writable: true, enumerable: true, configurable: true,
      });
    }
  }
}

function write(con, stream, text) {
  const indent = con[kIndent];
  if (indent.length > 0) {
    if (text.includes('\n')) text = text.replace(/\n/g, `\n${indent}`);
    text = indent + text;
  }
  stream.write(`${text}\n`);
}

function formatArgs(con, stream, args) {
  const colors = useColors(stream, con[kColorMode]);
  const opts = con[kInspectOptions];
  if (!opts) {
    const text = formatSimple(args, colors);
    if (text !== undefined) return text;
  }
  if (colors || opts) return util().formatWithOptions({ ...opts, colors: opts && opts.colors !== undefined ? opts.colors : colors }, ...args);
  return util().format(...args);
}

const methods = {
  log(...args) { write(this, this[kOut], formatArgs(this, this[kOut], args)); },
  warn(...args) { write(this, this[kErr], formatArgs(this, this[kErr], args)); },
  dir(object, options) {
    const colors = useColors(this[kOut], this[kColorMode]);
    write(this, this[kOut], util().inspect(object, { customInspect: false, colors, ...this[kInspectOptions], ...options }));
  },
  time(label = 'default') {
    label = `${label}`;
    if (this[kTimers].has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this[kTimers].set(label, now());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (!this[kTimers].has(label)) {
      process.emitWarning(`No such label '${label}' for console.timeEnd()`);
      return;
    }
    const ms = now() - this[kTimers].get(label);
    this[kTimers].delete(label);
    this.log('%s: %s', label, formatTime(ms));
  },
  timeLog(label = 'default', ...data) {
    label = `${label}`;
    if (!this[kTimers].has(label)) {
      process.emitWarning(`No such label '${label}' for console.timeLog()`);
      return;
    }
    const ms = now() - this[kTimers].get(label);
    this.log('%s: %s', label, formatTime(ms), ...data);
  },
  trace(...args) {
    const err = new Error(util().format(...args));
    err.name = 'Trace';
    let stack = String(err.stack || '');
    const lines = stack.split('\n');
    // Drop the header the engine wrote and this function's own frame.
    const frames = lines.filter((l) => /^\s+at /.test(l)).slice(1);
    stack = [`Trace: ${err.message}`, ...frames].join('\n');
    this.error(stack);
  },
  assert(expression, ...args) {
    if (!expression) {
      if (typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift('Assertion failed');
      this.warn(...args);
    }
  },
  clear() {
    if (this[kOut].isTTY) this[kOut].write('\x1b[1;1H\x1b[0J');
  },
  count(label = 'default') {
    label = `${label}`;
    const n = (this[kCounts].get(label) || 0) + 1;
    this[kCounts].set(label, n);
    this.log(`${label}: ${n}`);
  },
  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this[kCounts].delete(label);
  },
  group(...data) {
    if (data.length > 0) this.log(...data);
    this[kIndent] += ' '.repeat(this[kIndentWidth]);
  },
  groupEnd() {
    this[kIndent] = this[kIndent].slice(0, this[kIndent].length - this[kIndentWidth]);
  },
  table(data, properties) {
    if (data === null || typeof data !== 'object') return this.log(data);
    const rows = [];
    const keys = [];
    const indexKey = '(index)';
    const valuesKey = 'Values';
    let hasValues = false;
    const fmt = (v) => util().inspect(v, { depth: 1, colors: false, breakLength: Infinity, compact: true });
    const entries = data instanceof Map ? Array.from(data.entries()).map(([k, v], i) => [i, { Key: k, Values: v }])
      : Object.entries(data);
    for (const [k, v] of entries) {
      const row = { [indexKey]: String(k) };
      if (v !== null && typeof v === 'object') {
        for (const c of properties || Object.keys(v)) {
          if (!keys.includes(c)) keys.push(c);
          if (c in v) row[c] = fmt(v[c]);
        }
      } else {
        hasValues = true;
        row[valuesKey] = fmt(v);
      }
      rows.push(row);
    }
    const cols = [indexKey, ...keys, ...(hasValues ? [valuesKey] : [])];
    const width = (s) => util().stripVTControlCharacters(s).length;
    const widths = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(r[c] || ''))) + 2);
    const center = (s, w) => ` ${s}${' '.repeat(w - width(s) - 1)}`;
    const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
    const out = [line('┌', '┬', '┐'), `│${cols.map((c, i) => center(c, widths[i])).join('│')}│`, line('├', '┼', '┤')];
    for (const r of rows) out.push(`│${cols.map((c, i) => center(r[c] || '', widths[i])).join('│')}│`);
    out.push(line('└', '┴', '┘'));
    this.log(out.join('\n'));
  },
};
methods.debug = methods.log;
methods.info = methods.log;
methods.dirxml = methods.log;
methods.error = methods.warn;
methods.groupCollapsed = methods.group;

for (const [k, v] of Object.entries(methods)) {
  Object.defineProperty(Console.prototype, k, { value: v, writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(Console.prototype, 'constructor', { value: Console, writable: true, configurable: true });

const globalConsole = new Console({ stdout: process.stdout, stderr: process.stderr });
// The global console is a plain object, as Node's.
const console = Object.create({});
for (const key of Object.keys(globalConsole)) console[key] = globalConsole[key];
for (const sym of [kOut, kErr, kColorMode, kInspectOptions, kCounts, kTimers, kIndent, kIndentWidth]) {
  Object.defineProperty(console, sym, {
    get() { return globalConsole[sym]; },
    set(v) { globalConsole[sym] = v; },
  });
}
console.Console = Console;
// The inspector's methods, which do nothing without an inspector attached (as in Node).
console.profile = function profile() {};
console.profileEnd = function profileEnd() {};
console.timeStamp = function timeStamp() {};
// A context's console reports to the inspector only: without one, its methods do nothing.
console.context = function context(name) {
  const c = {};
  for (const key of ['dir', 'dirXml', 'table', 'groupEnd', 'clear', 'count', 'countReset', 'profile',
    'profileEnd', 'timeLog', 'debug', 'error', 'info', 'log', 'warn', 'trace', 'group',
    'groupCollapsed', 'assert', 'time', 'timeEnd', 'timeStamp']) c[key] = function () {};
  return c;
};
console.createTask = function createTask(name) {
  if (typeof name !== 'string' || name === '') throw new Error('First argument must be a non-empty string.');
  return { run: (fn) => fn() };
};
Object.defineProperty(console, Symbol.toStringTag, { value: 'console', writable: false, enumerable: false, configurable: true });
module.exports = console;
