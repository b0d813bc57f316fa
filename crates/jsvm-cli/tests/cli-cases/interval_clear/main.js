let n = 0;
const i = setInterval((a, b) => {
  n++;
  console.log('tick', n, a, b);
  if (n === 3) clearInterval(i);
}, 1, 'A', 'B');
const t = setTimeout(() => console.log('cleared: never'), 2);
clearTimeout(t);
const p = setTimeout(() => console.log('cleared by id: never'), 2);
clearTimeout(+p);
setImmediate(() => console.log('immediate'));
const im = setImmediate(() => console.log('cleared immediate: never'));
clearImmediate(im);
const r = setTimeout(() => console.log('refreshed'), 5);
setTimeout(() => r.refresh(), 3);
