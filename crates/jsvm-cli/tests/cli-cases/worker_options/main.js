// Worker options and helpers: stdout/stderr/stdin as streams, resourceLimits as reported on
// both sides (all four given, so the figures are Node's too), markAsUntransferable, and
// environment data copied into workers.
const wt = require('worker_threads');
const { Worker, markAsUntransferable, setEnvironmentData, getEnvironmentData, MessageChannel } = wt;

async function stdio() {
  const w = new Worker(`
console.log('to stdout');
console.error('to stderr');
process.stdout.write(Buffer.from('bytes too\\n'));
process.stdin.on('data', (d) => console.log('stdin got', String(d).trim()));
process.stdin.on('end', () => { console.log('stdin ended'); process.exit(3); });`,
  { eval: true, stdout: true, stderr: true, stdin: true });
  console.log('streams:', w.stdout instanceof require('stream').Readable,
    w.stderr instanceof require('stream').Readable, typeof w.stdin.write);
  const out = [];
  const err = [];
  w.stdout.on('data', (d) => out.push(String(d)));
  w.stderr.on('data', (d) => err.push(String(d)));
  w.stdin.write('hello\n');
  setTimeout(() => w.stdin.end(), 50);
  const ended = new Promise((r) => w.stdout.on('end', r));
  const code = await new Promise((r) => w.on('exit', r));
  await ended;
  console.log('stdout', JSON.stringify(out.join('')), 'stderr', JSON.stringify(err.join('')), 'exit', code);
  const plain = new Worker('1', { eval: true });
  console.log('without the options:', plain.stdin, plain.stdout instanceof require('stream').Readable);
  await new Promise((r) => plain.on('exit', r));
}

async function limits() {
  const resourceLimits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8, codeRangeSizeMb: 16, stackSizeMb: 2 };
  const w = new Worker('const wt = require("worker_threads"); wt.parentPort.postMessage(wt.resourceLimits)', { eval: true, resourceLimits });
  const inside = await new Promise((r) => w.once('message', r));
  console.log('inside', inside);
  console.log('outside', w.resourceLimits);
  await new Promise((r) => w.on('exit', r));
  console.log('after exit', w.resourceLimits);
  console.log('main thread', wt.resourceLimits);
}

async function untransferable() {
  const kept = new ArrayBuffer(4);
  const moved = new ArrayBuffer(4);
  markAsUntransferable(kept);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage([kept, moved], [kept, moved]);
  const [a, b] = await new Promise((r) => port2.once('message', r));
  console.log('marked buffer copied:', kept.byteLength, a.byteLength, '- unmarked moved:', moved.byteLength, b.byteLength);
  port1.close();
}

async function environment() {
  setEnvironmentData('config', { level: 3, tags: new Set(['a']) });
  setEnvironmentData('gone', 1);
  setEnvironmentData('gone', undefined);
  console.log('here', getEnvironmentData('config'), getEnvironmentData('gone'));
  const w = new Worker(`
const { getEnvironmentData, parentPort } = require('worker_threads');
parentPort.postMessage([getEnvironmentData('config'), getEnvironmentData('gone')]);`, { eval: true });
  console.log('in the worker', await new Promise((r) => w.once('message', r)));
  await new Promise((r) => w.on('exit', r));
}

stdio().then(limits).then(untransferable).then(environment);
