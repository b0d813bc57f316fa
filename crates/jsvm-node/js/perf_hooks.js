// `perf_hooks`: `performance` (the global too) with now, timeOrigin, marks and measures and
// their timeline, PerformanceObserver for 'mark' and 'measure' entries, and createHistogram
// (Node's HDR histogram). No event loop utilization or delay histograms, no node timing, no
// resource or gc entries.
'use strict';
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const { codes, validateFunction, validateString, validateInteger, validateNumber } = require('internal/errors');

const timeOrigin = Date.now() - binding.now();
const timeline = [];
const observers = new Set();

function domException(message, name) {
  if (typeof DOMException === 'function') return new DOMException(message, name);
  const err = new Error(message);
  err.name = name;
  return err;
}

class PerformanceEntry {
  constructor(name, type, start, duration, detail) {
    this.name = name;
    this.entryType = type;
    this.startTime = start;
    this.duration = duration;
    this.detail = detail;
  }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
  }
}
class PerformanceMark extends PerformanceEntry {
  constructor(name, options = {}) {
    const start = options.startTime !== undefined ? options.startTime : binding.now();
    super(String(name), 'mark', start, 0, options.detail === undefined ? null : structuredClone(options.detail));
  }
}
class PerformanceMeasure extends PerformanceEntry {}

const byTime = (a, b) => a.startTime - b.startTime;

class PerformanceObserverEntryList {
  constructor(entries) { this._entries = entries.sort(byTime); }
  getEntries() { return this._entries.slice(); }
  getEntriesByType(type) { return this._entries.filter((e) => e.entryType === type); }
  getEntriesByName(name, type) {
    return this._entries.filter((e) => e.name === name && (type === undefined || e.entryType === type));
  }
}

const supportedEntryTypes = ['mark', 'measure'];

// An observer gets its entries in one call, from the loop after the code that made them.
class PerformanceObserver {
  constructor(callback) {
    validateFunction(callback, 'callback');
    this._callback = callback;
    this._types = new Set();
    this._pending = [];
    this._scheduled = false;
  }
  static get supportedEntryTypes() { return supportedEntryTypes.slice(); }
  observe(options = {}) {
    const types = options.entryTypes !== undefined ? options.entryTypes : [options.type];
    this._types = new Set(types.filter((t) => supportedEntryTypes.includes(t)));
    if (this._types.size === 0) observers.delete(this);
    else observers.add(this);
  }
  disconnect() {
    observers.delete(this);
    this._pending = [];
  }
  takeRecords() {
    const list = this._pending;
    this._pending = [];
    return list;
  }
  _enqueue(entry) {
    if (!this._types.has(entry.entryType)) return;
    this._pending.push(entry);
    if (this._scheduled) return;
    this._scheduled = true;
    setImmediate(() => {
      this._scheduled = false;
      const list = this.takeRecords();
      if (list.length) this._callback.call(this, new PerformanceObserverEntryList(list), this);
    });
  }
}

function enqueue(entry) {
  timeline.push(entry);
  for (const o of observers) o._enqueue(entry);
  return entry;
}

function markTime(value) {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const mark = timeline.findLast((e) => e.entryType === 'mark' && e.name === value);
  if (mark === undefined) throw domException(`The "${value}" performance mark has not been set`, 'SyntaxError');
  return mark.startTime;
}

class Performance {
  get timeOrigin() { return timeOrigin; }
  now() { return binding.now(); }
  mark(name, options) {
    if (name === undefined) throw codes.ERR_MISSING_ARGS('name');
    return enqueue(new PerformanceMark(name, options));
  }
  measure(name, startOrOptions, endMark) {
    validateString(name, 'name');
    let start, end, detail = null, duration;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      ({ start, end, duration } = startOrOptions);
      if (startOrOptions.detail !== undefined) detail = structuredClone(startOrOptions.detail);
    } else {
      start = startOrOptions;
      end = endMark;
    }
    start = markTime(start);
    end = markTime(end);
    if (end === undefined) end = duration !== undefined && start !== undefined ? start + duration : binding.now();
    if (start === undefined) start = duration !== undefined ? end - duration : 0;
    return enqueue(new PerformanceMeasure(name, 'measure', start, end - start, detail));
  }
  getEntries() { return timeline.slice().sort(byTime); }
  getEntriesByType(type) { return this.getEntries().filter((e) => e.entryType === type); }
  getEntriesByName(name, type) {
    return this.getEntries().filter((e) => e.name === name && (type === undefined || e.entryType === type));
  }
  clearMarks(name) { clear('mark', name); }
  clearMeasures(name) { clear('measure', name); }
  toJSON() { return { timeOrigin }; }
  get [Symbol.toStringTag]() { return 'Performance'; }
}

function clear(type, name) {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i];
    if (e.entryType === type && (name === undefined || e.name === name)) timeline.splice(i, 1);
  }
}

// ---- createHistogram ----------------------------------------------------------------------
// Node records into an HDR histogram (hdr_histogram's buckets: values within `figures`
// significant digits share a bucket) and reports bucket bounds, not the values recorded:
// min is a bucket's lowest value, max its highest, mean and stddev use bucket midpoints, and
// percentiles walk the buckets as hdr_histogram's percentile iterator does. The same here, with
// the counts kept by bucket (numbers, exact up to Number.MAX_SAFE_INTEGER, Node's limit).

const INT64_MAX = 9223372036854775807; // a double: what Node shows for an empty histogram's min

// Bit length of a positive integer (exact for safe integers, where Math.log2 may round).
function bitLength(v) {
  if (v < 1) return 0;
  let b = Math.floor(Math.log2(v));
  if (2 ** b > v) b--;
  else if (2 ** (b + 1) <= v) b++;
  return b + 1;
}

class HdrBuckets {
  constructor(lowest, highest, figures) {
    this.unit = Math.floor(Math.log2(lowest));
    const subBucketCountMagnitude = Math.ceil(Math.log2(2 * 10 ** figures));
    this.halfMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    this.subBucketCount = 2 ** (this.halfMagnitude + 1);
    this.maskLength = bitLength(this.subBucketCount - 1) + this.unit;
    this.highest = highest;
    this.reset();
  }
  reset() {
    this.counts = new Map(); // a bucket's lowest value -> its count
    this.total = 0;
    this.minValue = INT64_MAX;
    this.maxValue = 0;
    this.exceeds = 0;
  }
  // The lowest value and the size of the bucket holding `v`.
  bucket(v) {
    const bucketIndex = Math.max(bitLength(v), this.maskLength) - this.unit - (this.halfMagnitude + 1);
    const shift = 2 ** (bucketIndex + this.unit);
    const subIndex = Math.floor(v / shift);
    const adjusted = subIndex >= this.subBucketCount ? bucketIndex + 1 : bucketIndex;
    return [subIndex * shift, 2 ** (this.unit + adjusted)];
  }
  lowestEquivalent(v) { return this.bucket(v)[0]; }
  highestEquivalent(v) { const [low, size] = this.bucket(v); return low + size - 1; }
  medianEquivalent(v) { const [low, size] = this.bucket(v); return low + Math.floor(size / 2); }
  record(v, n = 1) {
    if (v > this.highest) {
      this.exceeds += n;
      return;
    }
    const low = this.lowestEquivalent(v);
    this.counts.set(low, (this.counts.get(low) || 0) + n);
    this.total += n;
    if (v < this.minValue && v !== 0) this.minValue = v;
    if (v > this.maxValue) this.maxValue = v;
  }
  // [lowest value, count] of the buckets, in value order.
  entries() { return [...this.counts].sort((a, b) => a[0] - b[0]); }
  min() { return this.minValue === INT64_MAX ? INT64_MAX : this.lowestEquivalent(this.minValue); }
  max() { return this.maxValue === 0 ? 0 : this.highestEquivalent(this.maxValue); }
  mean() {
    let sum = 0;
    for (const [low, count] of this.counts) sum += this.medianEquivalent(low) * count;
    return sum / this.total;
  }
  stddev() {
    const mean = this.mean();
    let dev = 0;
    for (const [low, count] of this.counts) dev += (this.medianEquivalent(low) - mean) ** 2 * count;
    return Math.sqrt(dev / this.total);
  }
  valueAtPercentile(p) {
    const requested = p < 100 ? p : 100;
    let atCount = Math.trunc((requested / 100) * this.total + 0.5);
    if (atCount < 1) atCount = 1;
    let value = 0;
    let seen = 0;
    for (const [low, count] of this.entries()) {
      seen += count;
      if (seen >= atCount) { value = low; break; }
    }
    return p === 0 ? this.lowestEquivalent(value) : this.highestEquivalent(value);
  }
  // hdr_histogram's percentile iterator with one tick per half distance: [percentile, value].
  percentiles() {
    const out = [];
    let next = 0;
    let cumulative = 0;
    let value = 0;
    for (const [low, count] of this.entries()) {
      cumulative += count;
      value = low;
      while (next <= (100 * cumulative) / this.total) {
        out.push([next, value]);
        const ticks = 2 ** (Math.trunc(Math.log(100 / (100 - next)) / Math.log(2)) + 1);
        next += 100 / ticks;
        if (cumulative >= this.total) break;
      }
    }
    out.push([100, value]);
    return out;
  }
}

// What Node's internals name their Map (util.inspect shows `SafeMap(n) [Map]`).
class SafeMap extends Map {}

const kHandle = Symbol('kHandle');
const kRecordDelta = Symbol('kRecordDelta');

class Histogram {
  constructor() { throw new TypeError('Illegal constructor'); }
  get count() { return this[kHandle].total; }
  get countBigInt() { return BigInt(this[kHandle].total); }
  get min() { return this[kHandle].min(); }
  get minBigInt() { return BigInt(this[kHandle].min()); }
  get max() { return this[kHandle].max(); }
  get maxBigInt() { return BigInt(this[kHandle].max()); }
  get mean() { return this[kHandle].mean(); }
  get exceeds() { return this[kHandle].exceeds; }
  get exceedsBigInt() { return BigInt(this[kHandle].exceeds); }
  get stddev() { return this[kHandle].stddev(); }
  percentile(percentile) {
    validateNumber(percentile, 'percentile');
    if (!(percentile > 0 && percentile <= 100)) throw codes.ERR_OUT_OF_RANGE('percentile', '> 0 && <= 100', percentile);
    return this[kHandle].valueAtPercentile(percentile);
  }
  percentileBigInt(percentile) { return BigInt(this.percentile(percentile)); }
  get percentiles() { return new SafeMap(this[kHandle].percentiles()); }
  get percentilesBigInt() { return new SafeMap(this[kHandle].percentiles().map(([k, v]) => [k, BigInt(v)])); }
  reset() { this[kHandle].reset(); }
  toJSON() {
    return {
      count: this.count, min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds,
      stddev: this.stddev, percentiles: Object.fromEntries(this.percentiles),
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    const { min, max, mean, exceeds, stddev, count, percentiles } = this;
    return `Histogram ${require('util').inspect({ min, max, mean, exceeds, stddev, count, percentiles }, opts)}`;
  }
}

class RecordableHistogram extends Histogram {
  constructor() { throw new TypeError('Illegal constructor'); }
  record(val) {
    if (typeof val === 'bigint') {
      // Node's native check, worded as it is; a value above `highest` counts as exceeding.
      if (val < 1n) throw require('internal/errors').makeError(RangeError, 'ERR_OUT_OF_RANGE', 'value is out of range');
      val = Number(val);
    } else {
      validateInteger(val, 'val', 1);
    }
    this[kHandle].record(val);
  }
  recordDelta() {
    const now = binding.now();
    if (this[kRecordDelta] !== undefined) {
      this[kHandle].record(Math.max(1, Math.round((now - this[kRecordDelta]) * 1e6)));
    }
    this[kRecordDelta] = now;
  }
  add(other) {
    if (!(other instanceof RecordableHistogram)) {
      throw codes.ERR_INVALID_ARG_TYPE('other', 'RecordableHistogram', other);
    }
    for (const [low, count] of other[kHandle].counts) this[kHandle].record(low, count);
  }
}

function createHistogram(options = {}) {
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  if (typeof lowest !== 'bigint') validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== 'bigint') validateInteger(highest, 'options.highest', 2 * Number(lowest), Number.MAX_SAFE_INTEGER);
  else if (highest < 2n * BigInt(lowest)) throw codes.ERR_OUT_OF_RANGE('options.highest', `>= ${2 * Number(lowest)}`, highest);
  validateInteger(figures, 'options.figures', 1, 5);
  const h = Object.create(RecordableHistogram.prototype);
  h[kHandle] = new HdrBuckets(Number(lowest), Number(highest), figures);
  return h;
}

module.exports = {
  Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver,
  PerformanceObserverEntryList, performance: new Performance(), createHistogram,
};
