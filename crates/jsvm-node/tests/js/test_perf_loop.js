// perf_hooks' event loop utilization (hapi's server load monitor reads it when made), nodeTiming,
// timerify's 'function' entries and monitorEventLoopDelay's histogram.
const { performance, PerformanceObserver, monitorEventLoopDelay, createHistogram } = require('perf_hooks');
console.log(performance.eventLoopUtilization(), globalThis.performance === performance);
console.log(performance.nodeTiming.loopStart, performance.nodeTiming.name, performance.nodeTiming.idleTime);
const h = monitorEventLoopDelay({ resolution: 20 }); console.log(h.enable(), h.enable());
function slow(a, b) { let s = 0; for (let i = 0; i < 1e5; i++) s += i; return a + b; }
const hist = createHistogram();
const t = performance.timerify(slow, { histogram: hist });
console.log(t.name, t.length, performance.timerify(slow) === t);
const obs = new PerformanceObserver((list) => { const e = list.getEntries(); console.log('observed', e.length, e[0].name, e[0].entryType, e[0][0], e[0].detail); obs.disconnect(); });
obs.observe({ entryTypes: ['function'] });
console.log(t(1, 2), hist.count);
setTimeout(() => {
  const u = performance.eventLoopUtilization();
  console.log(performance.nodeTiming.loopStart > 0, u.idle > 0, u.active > 0, u.utilization > 0 && u.utilization < 1);
  const u2 = performance.eventLoopUtilization(u); console.log(Object.keys(u2));
  console.log(h.disable(), h.disable(), h.count > 3, h.min > 1e6, h.max < 200e6);
  try { monitorEventLoopDelay({ resolution: 0 }); } catch (e) { console.log(e.code, e.message); }
  try { performance.timerify(1); } catch (e) { console.log(e.code, e.message); }
  console.log(performance.getEntries().length, PerformanceObserver.supportedEntryTypes.includes('function'));
}, 200);
