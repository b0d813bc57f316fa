// Worker pools that send functions as source text to evaluate in worker threads (workerpool)
// or load a worker file (piscina, whose pool is an EventEmitterAsyncResource and keeps
// createHistogram statistics).
const fs = require('fs');
const path = require('path');
const line = (name, ...v) => console.log(`${name}:`, ...v);

(async () => {
  const workerpool = require('workerpool');
  const pool = workerpool.pool({ maxWorkers: 2 });
  line('workerpool sum', await pool.exec((a, b) => a + b, [2, 3]));
  line('workerpool fib', await pool.exec(function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }, [15]));
  try { await pool.exec(() => { throw new TypeError('in worker'); }, []); } catch (e) { line('workerpool error', e.name, e.message); }
  await pool.terminate();

  const Piscina = require('piscina');
  fs.writeFileSync('piscina-worker.js', 'module.exports = ({ a, b }) => { if (b === 0) throw new RangeError("zero"); return a * b; };\n');
  const piscina = new Piscina({ filename: path.resolve('piscina-worker.js'), maxThreads: 2 });
  line('piscina', await Promise.all([piscina.run({ a: 2, b: 3 }), piscina.run({ a: 4, b: 5 })]));
  try { await piscina.run({ a: 1, b: 0 }); } catch (e) { line('piscina error', e.name, e.message); }
  const { runTime, waitTime } = piscina.histogram;
  line('piscina stats', piscina.completed, typeof runTime.average, Object.keys(runTime), typeof waitTime.p99);
  await piscina.destroy();
})();
