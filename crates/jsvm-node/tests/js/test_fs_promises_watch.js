// fs.promises.watch: an async iterator of { eventType, filename }; the iteration waits for each
// event (a change made once the previous one is taken), ends with the AbortError of its signal,
// and ends (closing the watch) when the loop breaks. Then its argument errors, which come from
// the first next(), and the error of a path that is not there.
const fs = require('fs');
const { watch } = require('fs/promises');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-pwatch-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const at = (...p) => path.join(dir, ...p);
const guard = setTimeout(() => {
  console.log('timed out');
  process.exit(1);
}, 20000);

(async () => {
  console.log(typeof watch, watch === fs.promises.watch, watch.length);
  const ac = new AbortController();
  const iter = watch(dir, { signal: ac.signal });
  console.log(typeof iter.next, typeof iter[Symbol.asyncIterator]);
  const actions = [
    () => fs.writeFileSync(at('a.txt'), 'x'),
    () => fs.renameSync(at('a.txt'), at('b.txt')),
    () => fs.unlinkSync(at('b.txt')),
  ];
  const wanted = ['change a.txt', 'rename b.txt', 'rename b.txt'];
  let step = 0;
  let last = '';
  setImmediate(actions[0]);
  try {
    for await (const { eventType, filename } of iter) {
      const line = `${eventType} ${filename}`;
      if (line !== last) console.log(line);
      last = line;
      if (line === wanted[step]) {
        step++;
        if (step < actions.length) setImmediate(actions[step]);
        else ac.abort();
      }
    }
  } catch (e) {
    console.log('ended with', e.name, e.code, e.message);
  }

  // A break ends the watch.
  const second = watch(dir);
  setImmediate(() => fs.writeFileSync(at('c.txt'), ''));
  for await (const ev of second) {
    console.log('got', ev);
    break;
  }
  console.log('after break:', await second.next());

  for (const [label, args] of [
    ['path', [5]],
    ['options', [dir, 5]],
    ['persistent', [dir, { persistent: 'yes' }]],
    ['recursive', [dir, { recursive: 1 }]],
    ['encoding', [dir, { encoding: 'nope' }]],
    ['signal', [dir, { signal: {} }]],
    ['aborted', [dir, { signal: AbortSignal.abort() }]],
    ['missing', [at('missing')]],
  ]) {
    try {
      await watch(...args).next();
      console.log(label, 'no error');
    } catch (e) {
      console.log(label, e.name, e.code, e.message.split(dir).join('<dir>'), e.syscall);
    }
  }
  clearTimeout(guard);
})();
