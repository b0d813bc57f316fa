// chokidar 4 under node and jsvm: a temp directory watched with fs.watch (the default) and with
// polling (fs.watchFile): the initial scan, then a file added, changed and removed and a
// directory added and removed, each step waiting for its event before the next.
const chokidar = require('chokidar');
const fs = require('fs');
const path = require('path');
const os = require('os');

const guard = setTimeout(() => {
  console.log('timed out');
  process.exit(1);
}, 60000);

async function run(label, options) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokidar-check-'));
  fs.writeFileSync(path.join(dir, 'existing.txt'), 'e');
  const watcher = chokidar.watch(dir, options);
  const seen = [];
  let waiting = null;
  watcher.on('all', (event, p) => {
    const line = `${label}: ${event} ${path.relative(dir, p) || '.'}`;
    if (seen[seen.length - 1] !== line) {
      seen.push(line);
      console.log(line);
    }
    if (waiting && waiting.line === line) {
      const w = waiting;
      waiting = null;
      w.resolve();
    }
  });
  watcher.on('error', (e) => console.log(`${label}: error ${e.code} ${e.message}`));
  await new Promise((resolve) => watcher.on('ready', resolve));
  console.log(`${label}: ready`);
  // chokidar sets up a new directory's watcher after telling of it: each change waits a little.
  const step = (event, name, action) => new Promise((resolve) => {
    waiting = { line: `${label}: ${event} ${name}`, resolve };
    setTimeout(action, 150);
  });
  const at = (n) => path.join(dir, n);
  await step('add', 'a.txt', () => fs.writeFileSync(at('a.txt'), 'one'));
  await step('change', 'a.txt', () => fs.writeFileSync(at('a.txt'), 'one two'));
  await step('unlink', 'a.txt', () => fs.unlinkSync(at('a.txt')));
  await step('addDir', 'sub', () => fs.mkdirSync(at('sub')));
  await step('add', path.join('sub', 'b.txt'), () => fs.writeFileSync(at('sub/b.txt'), 'b'));
  await step('unlink', path.join('sub', 'b.txt'), () => fs.unlinkSync(at('sub/b.txt')));
  await step('unlinkDir', 'sub', () => fs.rmdirSync(at('sub')));
  console.log(`${label}: watched`, Object.keys(watcher.getWatched()).map((d) => path.relative(dir, d) || '.').sort());
  await watcher.close();
  console.log(`${label}: closed`);
  fs.rmSync(dir, { recursive: true, force: true });
}

(async () => {
  await run('fs.watch', { ignoreInitial: false });
  await run('polling', { ignoreInitial: false, usePolling: true, interval: 20, binaryInterval: 20 });
  clearTimeout(guard);
})();
