console.log('start');
let n = 0;
const i = setInterval((a, b) => {
  n++;
  console.log('tick', n, a, b);
  if (n === 1) setImmediate(() => console.log('immediate after tick 1'));
  if (n === 3) clearInterval(i);
}, 10, 'A', 'B');
const t = setTimeout(() => console.log('cleared: never'), 2);
clearTimeout(t);
const p = setTimeout(() => console.log('cleared by id: never'), 2);
clearTimeout(+p);
const im = setImmediate(() => console.log('cleared immediate: never'));
clearImmediate(im);
const r = setTimeout(() => console.log('refreshed'), 60);
setTimeout(() => r.refresh(), 40);
setTimeout(() => console.log('at 70'), 70);
