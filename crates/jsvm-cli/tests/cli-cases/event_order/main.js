console.log('start');
const log = (m) => console.log(m);
setTimeout(() => {
  log('timeout1');
  process.nextTick(() => log('tick in timeout1'));
  Promise.resolve().then(() => log('promise in timeout1'));
  setImmediate(() => log('immediate from timeout'));
  // (40 ms, not 0: a timer made by a timer and an immediate made by an immediate race by 1 ms.)
  setTimeout(() => { log('timeout from timeout'); startInterval(); }, 40);
}, 0);
setTimeout(() => log('timeout2'), 0);
setImmediate(() => {
  log('immediate1');
  process.nextTick(() => log('tick in immediate1'));
  setImmediate(() => log('immediate from immediate'));
});
setImmediate(() => log('immediate2'));
Promise.resolve().then(() => { log('p1'); process.nextTick(() => log('tick from p1')); }).then(() => log('p2'));
process.nextTick(() => { log('tick1'); Promise.resolve().then(() => log('p from tick1')); });
process.nextTick(() => log('tick2'));
queueMicrotask(() => log('qm'));
// The interval and the later timeouts start once the first turns of the loop are over: a 20 ms
// interval started with the rest raced them on a loaded machine.
function startInterval() {
  let n = 0;
  const i = setInterval(() => {
    log('interval');
    if (++n === 3) {
      clearInterval(i);
      setTimeout(() => log('t100'), 100);
      setTimeout(() => log('t50'), 50);
    }
  }, 20);
}
const u = setTimeout(() => log('never'), 100000); u.unref();
console.log(u.hasRef(), typeof u.ref, typeof u.refresh);
log('sync');
