// AsyncLocalStorage through the awaits of async generators (`for await`, `next` called while
// the body awaits), and an `enterWith` before an async function's first `await` (or in a
// function it calls) seen after it, as Node's.
'use strict';
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const turn = () => new Promise((r) => setImmediate(r));

async function* gen(tag) {
  console.log(tag, 'gen start', als.getStore());
  await null;
  console.log(tag, 'gen after await null', als.getStore());
  await turn();
  console.log(tag, 'gen after a turn', als.getStore());
  yield 1;
  console.log(tag, 'gen after yield 1', als.getStore());
  await Promise.resolve();
  yield 2;
  console.log(tag, 'gen end', als.getStore());
}

async function consume(tag) {
  for await (const v of gen(tag)) {
    console.log(tag, 'got', v, als.getStore());
    await turn();
  }
  console.log(tag, 'consumer done', als.getStore());
}

async function* entering() {
  als.enterWith('entered in the generator');
  await null;
  console.log('generator after enterWith and await', als.getStore());
  yield 'x';
}

async function* delegating() {
  yield* gen('D');
  console.log('after yield*', als.getStore());
}

async function generators() {
  await Promise.all([als.run('A', () => consume('A')), als.run('B', () => consume('B'))]);
  await als.run('C', async () => {
    const it = gen('C');
    const first = it.next();
    // Queued while the body awaits: it goes on under the body's own store.
    const second = als.run('other', () => it.next());
    console.log('C next 1', (await first).value, als.getStore());
    console.log('C next 2', (await second).value, als.getStore());
    await it.return();
    console.log('C returned', als.getStore());
  });
  await als.run('E', async () => {
    for await (const v of entering()) console.log('E got', v, als.getStore());
  });
  await als.run('F', async () => {
    for await (const v of delegating()) console.log('F got', v, als.getStore());
  });
}

async function f() {
  als.enterWith('f');
  await null;
  console.log('f after await', als.getStore());
  await turn();
  console.log('f after a turn', als.getStore());
}
async function g() {
  await null;
  als.enterWith('g2');
  await null;
  console.log('g after await', als.getStore());
}
async function callsF() {
  await f();
  console.log('callsF after f', als.getStore());
}
function setsSync() { als.enterWith('sync'); }
async function h() {
  setsSync();
  await null;
  console.log('h after await', als.getStore());
}
async function inner() { als.enterWith('inner'); }
async function outer() {
  inner();
  console.log('outer after inner', als.getStore());
  await null;
  console.log('outer after await', als.getStore());
}
async function runs() {
  als.run('r', () => {});
  await null;
  console.log('runs after await', als.getStore());
}

// A frame set inside a `run` (enterWith in its callback) does not outlive it.
async function scoped() {
  als.enterWith('a');
  als.run('b', () => als.enterWith('c'));
  await null;
  console.log('scoped after await', als.getStore());
  als.run('d', () => {});
  await null;
  console.log('scoped after run', als.getStore());
}

als.run('top', async () => {
  await callsF();
  console.log('top after callsF', als.getStore());
  await g();
  await h();
  await outer();
  als.enterWith('top2');
  await runs();
  await scoped();
  console.log('enterWith done', als.getStore());
  await als.run('gens', generators);
  console.log('end', als.getStore());
});
console.log('sync after run', als.getStore());
