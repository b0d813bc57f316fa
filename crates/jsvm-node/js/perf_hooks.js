// `perf_hooks`: `performance` (the global too) with now, timeOrigin, marks and measures and
// their timeline, PerformanceObserver for 'mark' and 'measure' entries, and createHistogram
// (Node's HDR histogram), timerify ('function' entries), the event loop's utilization and
// delay histogram (monitorEventLoopDelay), nodeTiming, resource entries (markResourceTiming,
// what undici's fetch calls). No gc, dns, net or http entries.
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

const kSkipThrow = Symbol('kSkipThrow');
class PerformanceEntry {
  constructor(name, type, start, duration, detail) {
    // A resource entry reads its fields from its timing info (getters).
    if (name === kSkipThrow) return;
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

// Node's PerformanceResourceTiming: made by `performance.markResourceTiming` (undici's fetch
// marks each request), read from the fetch timing info it was given.
const kResource = Symbol('kResource');
function resourceOf(entry) {
  const r = entry != null && typeof entry === 'object' ? entry[kResource] : undefined;
  if (r === undefined) throw codes.ERR_INVALID_ARG_TYPE('this', 'PerformanceResourceTiming', entry);
  return r;
}
class PerformanceResourceTiming extends PerformanceEntry {
  constructor(skipThrow = undefined, name = undefined, type = undefined) {
    if (skipThrow !== kSkipThrow) throw codes.ERR_ILLEGAL_CONSTRUCTOR();
    super(kSkipThrow);
    this.entryType = 'resource';
  }
  get name() { return resourceOf(this).url; }
  get startTime() { return resourceOf(this).timing.startTime; }
  get duration() { const t = resourceOf(this).timing; return t.endTime - t.startTime; }
  get initiatorType() { return resourceOf(this).initiatorType; }
  get workerStart() { return resourceOf(this).timing.finalServiceWorkerStartTime; }
  get redirectStart() { return resourceOf(this).timing.redirectStartTime; }
  get redirectEnd() { return resourceOf(this).timing.redirectEndTime; }
  get fetchStart() { return resourceOf(this).timing.postRedirectStartTime; }
  get domainLookupStart() { return resourceOf(this).timing.finalConnectionTimingInfo?.domainLookupStartTime; }
  get domainLookupEnd() { return resourceOf(this).timing.finalConnectionTimingInfo?.domainLookupEndTime; }
  get connectStart() { return resourceOf(this).timing.finalConnectionTimingInfo?.connectionStartTime; }
  get connectEnd() { return resourceOf(this).timing.finalConnectionTimingInfo?.connectionEndTime; }
  get secureConnectionStart() { return resourceOf(this).timing.finalConnectionTimingInfo?.secureConnectionStartTime; }
  get nextHopProtocol() { return resourceOf(this).timing.finalConnectionTimingInfo?.ALPNNegotiatedProtocol; }
  get requestStart() { return resourceOf(this).timing.finalNetworkRequestStartTime; }
  get responseStart() { return resourceOf(this).timing.finalNetworkResponseStartTime; }
  get responseEnd() { return resourceOf(this).timing.endTime; }
  get encodedBodySize() { return resourceOf(this).timing.encodedBodySize; }
  get decodedBodySize() { return resourceOf(this).timing.decodedBodySize; }
  get transferSize() {
    const r = resourceOf(this);
    if (r.cacheMode === 'local') return 0;
    if (r.cacheMode === 'validated') return 300;
    return r.timing.encodedBodySize + 300;
  }
  toJSON() {
    return {
      name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration,
      initiatorType: this.initiatorType, nextHopProtocol: this.nextHopProtocol,
      workerStart: this.workerStart, redirectStart: this.redirectStart, redirectEnd: this.redirectEnd,
      fetchStart: this.fetchStart, domainLookupStart: this.domainLookupStart,
      domainLookupEnd: this.domainLookupEnd, connectStart: this.connectStart,
      connectEnd: this.connectEnd, secureConnectionStart: this.secureConnectionStart,
      requestStart: this.requestStart, responseStart: this.responseStart,
      responseEnd: this.responseEnd, transferSize: this.transferSize,
      encodedBodySize: this.encodedBodySize, decodedBodySize: this.decodedBodySize,
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    return `${this.constructor.name} ${inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
  get [Symbol.toStringTag]() { return 'PerformanceResourceTiming'; }
}
// The resource timing buffer (Node's: 250 entries unless set otherwise; full, new ones are
// dropped).
const resourceBuffer = [];
let resourceBufferSize = 250;
function markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode = '') {
  const entry = new PerformanceResourceTiming(kSkipThrow, requestedUrl, 'resource');
  entry[kResource] = { url: requestedUrl, initiatorType, timing: timingInfo, cacheMode };
  for (const o of observers) o._enqueue(entry);
  if (resourceBuffer.length < resourceBufferSize) resourceBuffer.push(entry);
  return entry;
}

const byTime = (a, b) => a.startTime - b.startTime;

class PerformanceObserverEntryList {
  constructor(entries) { this._entries = entries.sort(byTime); }
  getEntries() { return this._entries.slice(); }
  getEntriesByType(type) { return this._entries.filter((e) => e.entryType === type); }
  getEntriesByName(name, type) {
    return this._entries.filter((e) => e.name === name && (type === undefined || e.entryType === type));
  }
}

const supportedEntryTypes = ['function', 'mark', 'measure', 'resource'];

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
  // Only marks and measures are kept in the timeline (Node buffers no others).
  if (entry.entryType === 'mark' || entry.entryType === 'measure') timeline.push(entry);
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

// The loop's timing, kept by the bootstrap (internal/bootstrap.js): -1 until the loop starts.
function loopTiming() {
  return binding.loopTiming || { loopStart: -1, idleTime: 0, bootstrapComplete: -1 };
}

// Node's PerformanceNodeTiming: milestones of the process in ms of performance.now(). jsvm's
// runtime and environment exist from the time origin on (nodeStart, v8Start, environment 0).
class PerformanceNodeTiming {
  constructor() { throw new TypeError('Illegal constructor'); }
  get name() { return 'node'; }
  get entryType() { return 'node'; }
  get startTime() { return 0; }
  get duration() { return binding.now(); }
  get nodeStart() { return 0; }
  get v8Start() { return 0; }
  get environment() { return 0; }
  get bootstrapComplete() { return loopTiming().bootstrapComplete; }
  get loopStart() { return loopTiming().loopStart; }
  get loopExit() { return -1; }
  get idleTime() { return loopTiming().idleTime; }
  toJSON() {
    return {
      name: 'node', entryType: 'node', startTime: 0, duration: this.duration, nodeStart: 0,
      v8Start: 0, bootstrapComplete: this.bootstrapComplete, environment: 0,
      loopStart: this.loopStart, loopExit: -1, idleTime: this.idleTime,
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    if (depth < 0) return this;
    return `PerformanceNodeTiming ${require('util').inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
const nodeTiming = Object.create(PerformanceNodeTiming.prototype);

// Node's: the share of the time since the loop started that it was not waiting for events.
function eventLoopUtilization(util1, util2) {
  const { loopStart, idleTime } = loopTiming();
  if (loopStart <= 0) return { idle: 0, active: 0, utilization: 0 };
  if (util2) {
    const idle = util1.idle - util2.idle;
    const active = util1.active - util2.active;
    return { idle, active, utilization: active / (idle + active) };
  }
  const idle = idleTime;
  const active = binding.now() - loopStart - idle;
  if (!util1) return { idle, active, utilization: active / (idle + active) };
  const idleDelta = idle - util1.idle;
  const activeDelta = active - util1.active;
  return { idle: idleDelta, active: activeDelta, utilization: activeDelta / (idleDelta + activeDelta) };
}

// A 'function' entry for each call of the wrapper (observers only: not in the timeline).
function timerify(fn, options = {}) {
  validateFunction(fn, 'fn');
  if (options === null || typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  const { histogram } = options;
  if (histogram !== undefined && !(histogram instanceof RecordableHistogram)) {
    throw codes.ERR_INVALID_ARG_TYPE('options.histogram', 'RecordableHistogram', histogram);
  }
  const complete = (start, args) => {
    const duration = binding.now() - start;
    if (histogram !== undefined) histogram.record(Math.ceil(duration * 1e6));
    const entry = new PerformanceEntry(fn.name, 'function', start, duration, args);
    for (let n = 0; n < args.length; n++) entry[n] = args[n];
    enqueue(entry);
  };
  function timerified(...args) {
    const construct = new.target !== undefined;
    const start = binding.now();
    const result = construct ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    if (!construct && result !== null && result !== undefined && typeof result.finally === 'function') {
      return result.finally(() => complete(start, args));
    }
    complete(start, args);
    return result;
  }
  Object.defineProperties(timerified, {
    length: { configurable: false, enumerable: true, value: fn.length },
    name: { configurable: false, enumerable: true, value: `timerified ${fn.name}` },
  });
  return timerified;
}

class Performance {
  get timeOrigin() { return timeOrigin; }
  get nodeTiming() { return nodeTiming; }
  eventLoopUtilization(util1, util2) { return eventLoopUtilization(util1, util2); }
  timerify(fn, options) { return timerify(fn, options); }
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
  getEntries() { return timeline.concat(resourceBuffer).sort(byTime); }
  getEntriesByType(type) { return this.getEntries().filter((e) => e.entryType === type); }
  markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode) {
    return markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode);
  }
  clearResourceTimings() { resourceBuffer.length = 0; }
  setResourceTimingBufferSize(maxSize) {
    validateInteger(maxSize, 'maxSize', 0);
    resourceBufferSize = maxSize;
  }
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

// monitorEventLoopDelay's histogram: while enabled, a timer of `resolution` ms (not keeping
// the loop alive) records the time between its runs in nanoseconds, as Node's ELDHistogram.
const kTimer = Symbol('kTimer');
class IntervalHistogram extends Histogram {
  constructor() { throw new TypeError('Illegal constructor'); }
  enable() {
    if (this[kTimer] !== null) return false;
    this[kRecordDelta] = undefined;
    const { setInterval } = binding.timers;
    this[kTimer] = setInterval(() => {
      const now = binding.now();
      if (this[kRecordDelta] !== undefined) {
        this[kHandle].record(Math.max(1, Math.round((now - this[kRecordDelta]) * 1e6)));
      }
      this[kRecordDelta] = now;
    }, this.resolution);
    this[kTimer].unref();
    return true;
  }
  disable() {
    if (this[kTimer] === null) return false;
    binding.timers.clearInterval(this[kTimer]);
    this[kTimer] = null;
    return true;
  }
}

function monitorEventLoopDelay(options = {}) {
  if (options === null || typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  const { resolution = 10 } = options;
  validateInteger(resolution, 'options.resolution', 1);
  const h = Object.create(IntervalHistogram.prototype);
  h[kHandle] = new HdrBuckets(1, Number.MAX_SAFE_INTEGER, 3);
  h[kTimer] = null;
  Object.defineProperty(h, 'resolution', { value: resolution });
  return h;
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
  PerformanceObserverEntryList, PerformanceResourceTiming, performance: new Performance(), createHistogram,
  monitorEventLoopDelay, timerify,
};
// Node's constants: the GC kinds and flags enumerable (monitoring libraries such as prom-client
// name GC kinds by them; QuickJS makes no 'gc' entries), the entry types and milestones not.
{
  const constants = {};
  const enumerable = [
    ['NODE_PERFORMANCE_GC_MAJOR', 4], ['NODE_PERFORMANCE_GC_MINOR', 1],
    ['NODE_PERFORMANCE_GC_INCREMENTAL', 8], ['NODE_PERFORMANCE_GC_WEAKCB', 16],
    ['NODE_PERFORMANCE_GC_FLAGS_NO', 0], ['NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED', 2],
    ['NODE_PERFORMANCE_GC_FLAGS_FORCED', 4],
    ['NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING', 8],
    ['NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE', 16],
    ['NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY', 32],
    ['NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE', 64],
  ];
  const hidden = [
    ['NODE_PERFORMANCE_ENTRY_TYPE_GC', 0], ['NODE_PERFORMANCE_ENTRY_TYPE_HTTP', 1],
    ['NODE_PERFORMANCE_ENTRY_TYPE_HTTP2', 2], ['NODE_PERFORMANCE_ENTRY_TYPE_NET', 3],
    ['NODE_PERFORMANCE_ENTRY_TYPE_DNS', 4],
    ['NODE_PERFORMANCE_MILESTONE_TIME_ORIGIN_TIMESTAMP', 0],
    ['NODE_PERFORMANCE_MILESTONE_TIME_ORIGIN', 1], ['NODE_PERFORMANCE_MILESTONE_ENVIRONMENT', 2],
    ['NODE_PERFORMANCE_MILESTONE_NODE_START', 3], ['NODE_PERFORMANCE_MILESTONE_V8_START', 4],
    ['NODE_PERFORMANCE_MILESTONE_LOOP_START', 5], ['NODE_PERFORMANCE_MILESTONE_LOOP_EXIT', 6],
    ['NODE_PERFORMANCE_MILESTONE_BOOTSTRAP_COMPLETE', 7],
  ];
  for (const [name, value] of enumerable) Object.defineProperty(constants, name, { value, enumerable: true });
  for (const [name, value] of hidden) Object.defineProperty(constants, name, { value });
  Object.defineProperty(module.exports, 'constants', { value: constants, enumerable: true });
}
