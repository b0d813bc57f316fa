// fs calls programs and packages (fs-extra, graceful-fs) lean on: opendir and Dir, cp and
// cpSync, utimes/futimes/lutimes, chown, fchmod, truncate, readv/writev, statfs,
// realpath.native, and fs.promises.open's FileHandle.
'use strict';
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const os = require('os');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-fs-more-'));
const p = (...parts) => path.join(root, ...parts);
const rel = (x) => path.relative(root, x);
const show = (e) => console.log('error', e.name, e.code, e.message.split(root).join('<root>'), e.syscall);

fs.mkdirSync(p('src/sub/deep'), { recursive: true });
fs.writeFileSync(p('src/a.txt'), 'alpha');
fs.writeFileSync(p('src/sub/b.txt'), 'beta');
fs.writeFileSync(p('src/sub/deep/c.txt'), 'gamma');
fs.symlinkSync('a.txt', p('src/link'));

(async () => {
  // Dir
  const dir = fs.opendirSync(p('src'));
  console.log('Dir', dir instanceof fs.Dir, rel(dir.path));
  const names = [];
  let d;
  while ((d = dir.readSync()) !== null) names.push([d.name, d.isFile(), d.isDirectory(), d.isSymbolicLink(), rel(d.parentPath)]);
  console.log(names.sort());
  dir.closeSync();
  try { dir.readSync(); } catch (e) { show(e); }
  try { dir.closeSync(); } catch (e) { show(e); }
  try { fs.opendirSync(p('missing')); } catch (e) { show(e); }
  const listed = [];
  for await (const e of await fsp.opendir(p('src'))) listed.push(e.name);
  console.log('for await', listed.sort());
  const rec = [];
  for await (const e of await fsp.opendir(p('src'), { recursive: true })) rec.push(path.join(rel(e.parentPath), e.name));
  console.log('recursive', rec.sort());
  await new Promise((resolve) => fs.opendir(p('src/sub'), (err, dd) => {
    dd.read((err2, entry) => {
      console.log('callback', err, err2, typeof entry.name);
      dd.close((err3) => { console.log('closed', err3); resolve(); });
    });
  }));

  // cp
  fs.cpSync(p('src'), p('copy'), { recursive: true });
  console.log('cpSync', fs.readdirSync(p('copy')).sort(), fs.readFileSync(p('copy/sub/deep/c.txt'), 'utf8'),
    rel(fs.readlinkSync(p('copy/link'))));
  try { fs.cpSync(p('src'), p('copy2')); } catch (e) { show(e); }
  try { fs.cpSync(p('src'), p('src/sub/x'), { recursive: true }); } catch (e) { show(e); }
  try { fs.cpSync(p('src/a.txt'), p('copy/a.txt'), { force: false, errorOnExist: true }); } catch (e) { show(e); console.log(e.info.code, e.errno, rel(e.path)); }
  try { fs.cpSync(p('src/a.txt'), p('src/sub')); } catch (e) { show(e); }
  try { fs.cpSync(p('missing'), p('x')); } catch (e) { show(e); }
  fs.writeFileSync(p('copy/a.txt'), 'changed');
  fs.cpSync(p('src/a.txt'), p('copy/a.txt'), { force: false });
  console.log('not forced', fs.readFileSync(p('copy/a.txt'), 'utf8'));
  fs.cpSync(p('src/a.txt'), p('copy/a.txt'));
  console.log('forced', fs.readFileSync(p('copy/a.txt'), 'utf8'));
  await fsp.cp(p('src'), p('filtered'), { recursive: true, filter: async (s) => !s.endsWith('b.txt') });
  console.log('filtered', fs.readdirSync(p('filtered/sub')).sort());
  await new Promise((resolve) => fs.cp(p('src/a.txt'), p('cb/new/a.txt'), (err) => {
    console.log('cp callback', err, fs.readFileSync(p('cb/new/a.txt'), 'utf8'));
    resolve();
  }));

  // times, owners, modes, sizes
  fs.utimesSync(p('src/a.txt'), 1000000, new Date(2000000000));
  let st = fs.statSync(p('src/a.txt'));
  console.log('utimes', st.atimeMs, st.mtimeMs, st.mtime.toISOString());
  fs.utimesSync(p('src/a.txt'), '1500000', 1500000.25);
  st = fs.statSync(p('src/a.txt'));
  console.log('utimes', st.atimeMs, st.mtimeMs);
  fs.cpSync(p('src/a.txt'), p('kept.txt'), { preserveTimestamps: true });
  console.log('preserveTimestamps', fs.statSync(p('kept.txt')).mtimeMs);
  fs.lutimesSync(p('src/link'), 3000, 4000);
  console.log('lutimes', fs.lstatSync(p('src/link')).mtimeMs, fs.statSync(p('src/link')).mtimeMs);
  await fsp.utimes(p('src/a.txt'), 5, 6);
  console.log('promises.utimes', fs.statSync(p('src/a.txt')).mtimeMs);
  try { fs.utimesSync(p('missing'), 1, 1); } catch (e) { show(e); }
  try { fs.utimesSync(p('src/a.txt'), 'x', 1); } catch (e) { show(e); }
  const fd = fs.openSync(p('src/a.txt'), 'r+');
  fs.futimesSync(fd, 7, 8);
  fs.fchmodSync(fd, 0o600);
  const me = fs.fstatSync(fd);
  fs.fchownSync(fd, me.uid, me.gid);
  console.log('futimes', fs.fstatSync(fd).mtimeMs, (fs.fstatSync(fd).mode & 0o777).toString(8));
  const n = fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cd')], 0);
  const bufs = [Buffer.alloc(3), Buffer.alloc(3)];
  console.log('writev/readv', n, fs.readvSync(fd, bufs, 0), bufs.map(String));
  fs.closeSync(fd);
  try { fs.futimesSync(fd, 1, 1); } catch (e) { show(e); }
  fs.chownSync(p('src/a.txt'), me.uid, me.gid);
  fs.lchownSync(p('src/link'), me.uid, me.gid);
  try { fs.chownSync(p('missing'), me.uid, me.gid); } catch (e) { show(e); }
  try { fs.chownSync(p('src/a.txt'), 'x', 1); } catch (e) { show(e); }
  fs.truncateSync(p('src/a.txt'), 2);
  console.log('truncate', fs.readFileSync(p('src/a.txt'), 'utf8'));
  await fsp.truncate(p('src/a.txt'));
  console.log('truncate', fs.statSync(p('src/a.txt')).size);
  try { fs.truncateSync(p('missing')); } catch (e) { show(e); }
  const sfs = fs.statfsSync(root);
  console.log('statfs', Object.keys(sfs), sfs.bsize > 0, typeof fs.statfsSync(root, { bigint: true }).blocks);
  console.log('realpath.native', rel(fs.realpathSync.native(p('src/link'))));
  await new Promise((resolve) => fs.realpath.native(p('src/link'), (err, r) => { console.log('realpath.native cb', err, rel(r)); resolve(); }));

  // FileHandle
  const fh = await fsp.open(p('handle.txt'), 'w+');
  console.log('open', typeof fh.fd, fh.constructor.name);
  console.log('write', (await fh.write('hello world')).bytesWritten, (await fh.write(Buffer.from('!'), 0, 1, 11)).bytesWritten);
  const r = await fh.read(Buffer.alloc(5), 0, 5, 0);
  console.log('read', r.bytesRead, r.buffer.toString());
  const r2 = await fh.read({ buffer: Buffer.alloc(4), position: 6 });
  console.log('read options', r2.bytesRead, r2.buffer.toString());
  console.log('stat', (await fh.stat()).size);
  await fh.truncate(5);
  await fh.sync();
  await fh.datasync();
  await fh.utimes(10, 20);
  await fh.chmod(0o640);
  console.log('after', (await fh.stat()).size, (await fh.stat()).mtimeMs, ((await fh.stat()).mode & 0o777).toString(8));
  fh.on('close', () => console.log('close event'));
  await fh.close();
  console.log('fd after close', fh.fd);
  try { await fh.stat(); } catch (e) { show(e); }
  await fh.close();
  const fh2 = await fsp.open(p('handle2.txt'), 'w');
  await fh2.writeFile('line 1\nline 2\n');
  await fh2.appendFile('line 3\n');
  await fh2.close();
  const fh3 = await fsp.open(p('handle2.txt'));
  console.log('readFile', JSON.stringify(await fh3.readFile('utf8')));
  await fh3.close();
  const fh4 = await fsp.open(p('handle2.txt'));
  const lines = [];
  for await (const line of fh4.readLines()) lines.push(line);
  console.log('readLines', lines);
  try { await fsp.open(p('missing/x.txt')); } catch (e) { show(e); }

  fs.rmSync(root, { recursive: true });
  console.log('done', fs.existsSync(root));
})();
