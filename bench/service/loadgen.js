// The load generator of the service benchmark: keeps IN_FLIGHT requests in flight over
// kept-alive connections to POST /rules/shop, each with its own order (user, age, items),
// checks every answer, and prints one JSON line: requests/s, latency percentiles (ms), errors.
// Usage: node loadgen.js PORT WARMUP_S MEASURE_S [IN_FLIGHT]
'use strict';
const http = require('http');

const [port, warmupS, measureS, inFlight = '50'] = process.argv.slice(2);
const IN_FLIGHT = Number(inFlight);
const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function order(i) {
  const age = 10 + (i % 60);
  const items = [];
  for (let k = 0; k < 1 + (i % 5); k++) items.push({ price: 1 + k * 2.5, qty: 1 + (i % 3), adult: k === 3 });
  return JSON.stringify({
    user: { id: `u${i}`, age, tier: i % 2 ? 'gold' : 'basic', country: 'C' + (i % 20) },
    cart: { items, coupon: i % 3 ? 'SAVE5' : null },
  });
}

let sent = 0;
let measuring = false;
let stopping = false;
const latencies = [];
let errors = 0;
const failures = {};
let done = 0;
let t0 = 0;

function one() {
  if (stopping) return;
  const body = order(sent++);
  const start = performance.now();
  const req = http.request({
    host: '127.0.0.1', port: Number(port), path: '/rules/shop', method: 'POST', agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { text += c; });
    res.on('end', () => {
      let ok = res.statusCode === 200;
      if (ok) { try { ok = typeof JSON.parse(text).allowed === 'boolean'; } catch { ok = false; } }
      if (measuring) {
        latencies.push(performance.now() - start);
        done++;
        if (!ok) { errors++; failures[res.statusCode] = (failures[res.statusCode] || 0) + 1; }
      }
      one();
    });
  });
  req.on('error', () => { if (measuring) { errors++; failures.connection = (failures.connection || 0) + 1; } setTimeout(one, 10); });
  req.end(body);
}

for (let i = 0; i < IN_FLIGHT; i++) one();
setTimeout(() => {
  measuring = true;
  t0 = performance.now();
  setTimeout(() => {
    measuring = false;
    stopping = true;
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
    console.log(JSON.stringify({
      requests: done, errors, failures, rps: done / seconds,
      p50_ms: pct(0.5), p99_ms: pct(0.99), max_ms: latencies[latencies.length - 1],
    }));
    agent.destroy();
    process.exit(0);
  }, Number(measureS) * 1000);
}, Number(warmupS) * 1000);
