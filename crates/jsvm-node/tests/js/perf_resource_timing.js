// performance.markResourceTiming (what undici's fetch calls for each request) and the
// PerformanceResourceTiming entries it makes: their fields, the resource buffer, observers.
const { PerformanceObserver } = require('perf_hooks');
const timing = {
  startTime: 1, endTime: 5, redirectStartTime: 0, redirectEndTime: 0, postRedirectStartTime: 1,
  finalServiceWorkerStartTime: 0, finalNetworkRequestStartTime: 2, finalNetworkResponseStartTime: 3,
  encodedBodySize: 10, decodedBodySize: 12,
  finalConnectionTimingInfo: { domainLookupStartTime: 1.5, domainLookupEndTime: 1.6, connectionStartTime: 1.7,
    connectionEndTime: 1.8, secureConnectionStartTime: 0, ALPNNegotiatedProtocol: 'http/1.1' },
};
const obs = new PerformanceObserver((list) => {
  console.log('observed', list.getEntries().map((e) => [e.name, e.entryType]));
  obs.disconnect();
});
obs.observe({ type: 'resource' });
const r = performance.markResourceTiming(timing, 'http://x.test/', 'fetch', globalThis, '');
console.log(r);
console.log(JSON.stringify(r));
console.log(Object.prototype.toString.call(r), r instanceof PerformanceEntry, r instanceof PerformanceResourceTiming);
console.log(Object.getOwnPropertyNames(PerformanceResourceTiming.prototype).sort().join(' '));
const cached = performance.markResourceTiming({ ...timing, startTime: 6, endTime: 7 }, 'http://y.test/', 'other', globalThis, 'local');
console.log(cached.transferSize, cached.duration, cached.initiatorType);
console.log(performance.getEntriesByType('resource').map((e) => e.name), performance.getEntries().length);
performance.clearResourceTimings();
console.log(performance.getEntriesByType('resource').length);
performance.setResourceTimingBufferSize(1);
performance.markResourceTiming(timing, 'http://a/', 'fetch', globalThis, '');
performance.markResourceTiming(timing, 'http://b/', 'fetch', globalThis, '');
console.log(performance.getEntriesByType('resource').map((e) => e.name));
try { new PerformanceResourceTiming(); } catch (e) { console.log(e.name, e.code, e.message); }
try { Object.getOwnPropertyDescriptor(PerformanceResourceTiming.prototype, 'name').get.call({}); } catch (e) { console.log(e.name, e.code); }
console.log(PerformanceObserver.supportedEntryTypes.includes('resource'));
