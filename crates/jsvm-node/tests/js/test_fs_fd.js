// fs with file descriptors: open/read/write/close/fstat (sync, callback, promise forms) and
// the file streams createReadStream/createWriteStream.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pipeline } = require('stream/promises');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-fd-'));
const file = path.join(dir, 'a.txt');
const err = (e) => `${e.code} ${e.syscall} ${e.message.replace(dir, '<dir>')}`;

(async () => {
  // sync
  let fd = fs.openSync(file, 'w');
  console.log(typeof fd, fd > 2);
  console.log(fs.writeSync(fd, 'hello '), fs.writeSync(fd, Buffer.from('world!')), fs.writeSync(fd, 'XY', 0));
  console.log(fs.writeSync(fd, Buffer.from('abcdef'), 1, 2), fs.fstatSync(fd).size, fs.fstatSync(fd).isFile());
  fs.closeSync(fd);
  console.log(fs.readFileSync(file, 'utf8'));
  fd = fs.openSync(file, 'r+');
  const buf = Buffer.alloc(8);
  console.log(fs.readSync(fd, buf, 0, 5, 0), buf.toString());
  console.log(fs.readSync(fd, buf, 2, 4, null), buf.toString());
  console.log(fs.readSync(fd, buf, { position: 6, length: 3 }), buf.toString());
  console.log(fs.readSync(fd, buf, 0, 8, 100));
  fs.ftruncateSync(fd, 4);
  fs.fsyncSync(fd);
  console.log(fs.readFileSync(fd, 'utf8'), fs.fstatSync(fd).size);
  fs.closeSync(fd);
  fd = fs.openSync(file, 'a');
  fs.writeSync(fd, '+appended');
  fs.closeSync(fd);
  console.log(fs.readFileSync(file, 'utf8'));
  try { fs.openSync(path.join(dir, 'missing'), 'r'); } catch (e) { console.log(err(e)); }
  try { fs.openSync(file, 'wx'); } catch (e) { console.log(err(e)); }
  try { fs.openSync(file, 'zz'); } catch (e) { console.log(e.code, e.message); }
  try { fs.closeSync(fd); } catch (e) { console.log(err(e)); }
  try { fs.readSync(fd, Buffer.alloc(1)); } catch (e) { console.log(err(e)); }
  console.log(fs.constants.O_RDONLY, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC);
  const numeric = fs.openSync(file, fs.constants.O_RDONLY);
  console.log(fs.readFileSync(numeric, 'utf8').length);
  fs.closeSync(numeric);

  // callbacks and promises
  await new Promise((resolve) => fs.open(file, 'r', (e, cfd) => {
    const b = Buffer.alloc(4);
    fs.read(cfd, b, 0, 4, 0, (e2, n, same) => {
      console.log('callback read', e2, n, same === b, b.toString());
      fs.fstat(cfd, (e3, st) => {
        console.log('fstat', e3, st.size);
        fs.close(cfd, (e4) => { console.log('closed', e4); resolve(); });
      });
    });
  }));
  await new Promise((resolve) => fs.write(fs.openSync(path.join(dir, 'b.txt'), 'w'), 'written', (e, n, s) => {
    console.log('callback write', e, n, s);
    resolve();
  }));

  // streams
  const big = path.join(dir, 'big.txt');
  fs.writeFileSync(big, 'x'.repeat(70000) + 'END');
  const rs = fs.createReadStream(big);
  const events = [];
  rs.on('open', (f) => events.push(`open ${typeof f}`));
  rs.on('ready', () => events.push('ready'));
  let total = 0;
  let chunks = 0;
  rs.on('data', (c) => { total += c.length; chunks++; });
  await new Promise((resolve) => rs.on('close', resolve));
  events.push('close');
  console.log(events, total, chunks, rs.bytesRead, rs.path === big, rs.pending);
  const part = fs.createReadStream(big, { start: 69998, end: 70001, encoding: 'utf8' });
  let s = '';
  for await (const c of part) s += c;
  console.log(JSON.stringify(s));
  const small = fs.createReadStream(big, { highWaterMark: 16, start: 0, end: 40 });
  const sizes = [];
  for await (const c of small) sizes.push(c.length);
  console.log(sizes);
  const missing = fs.createReadStream(path.join(dir, 'nope'));
  await new Promise((resolve) => missing.on('error', (e) => { console.log('stream error', err(e)); resolve(); }));

  const out = path.join(dir, 'out.txt');
  const ws = fs.createWriteStream(out);
  ws.on('open', () => console.log('write stream open'));
  ws.write('one ');
  ws.write(Buffer.from('two '));
  ws.end('three', () => console.log('end callback', fs.readFileSync(out, 'utf8'), ws.bytesWritten));
  await new Promise((resolve) => ws.on('close', resolve));
  const ap = fs.createWriteStream(out, { flags: 'a' });
  ap.end('!');
  await new Promise((resolve) => ap.on('finish', resolve));
  console.log(fs.readFileSync(out, 'utf8'));
  await pipeline(fs.createReadStream(big, { start: 69990 }), fs.createWriteStream(path.join(dir, 'copy.txt')));
  console.log(fs.readFileSync(path.join(dir, 'copy.txt'), 'utf8'));
  fs.rmSync(dir, { recursive: true });
})();
