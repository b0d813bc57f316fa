// `perf_hooks`: `performance` (the global too) with now, timeOrigin, marks and measures and
// their timeline, and PerformanceObserver for 'mark' and 'measure' entries. No event loop
// utilization or delay histograms, no node timing, no resource or gc entries.
'use strict';
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const { codes, validateFunction, validateString } = require('internal/errors');

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

module.exports = {
  Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver,
  PerformanceObserverEntryList, performance: new Performance(),
};
