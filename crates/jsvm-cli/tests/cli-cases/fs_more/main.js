// fs: mkdtemp, symlink, readlink, realpath, link, chmod, access, copyFile, rm/rmdir/mkdir with
// recursive, readdir withFileTypes, the callback and promise forms, fs/promises, error shapes.
const fs = require('fs');
const os = require('os');
const path = require('path');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-fs-more-'));
console.log(path.basename(tmp).startsWith('jsvm-fs-more-'), path.basename(tmp).length, fs.statSync(tmp).isDirectory());
process.chdir(tmp);
const show = (f) => {
  try {
    const r = f();
    console.log('ok', r);
  } catch (e) {
    console.log(e.name, e.message, e.code, e.errno, e.syscall, e.path, e.dest);
  }
};
fs.writeFileSync('file.txt', 'hello');
fs.appendFileSync('file.txt', ' world');
fs.mkdirSync('d/e/f', { recursive: true });
fs.symlinkSync('file.txt', 'link');
fs.symlinkSync('missing', 'dangling');
fs.linkSync('file.txt', 'hard');
show(() => fs.readlinkSync('link'));
show(() => fs.lstatSync('link').isSymbolicLink() && fs.statSync('link').isFile());
show(() => fs.statSync('hard').nlink);
show(() => path.relative(tmp, fs.realpathSync('link')));
const showRel = (f) => {
  try {
    f();
  } catch (e) {
    console.log(e.message.replace(tmp, '<tmp>'), e.code, e.syscall, path.relative(tmp, e.path));
  }
};
showRel(() => fs.realpathSync('dangling'));
show(() => fs.realpathSync.native('link') === fs.realpathSync('link'));
show(() => fs.readdirSync('.'));
show(() => fs.readdirSync('.', { withFileTypes: true }).map((d) => [d.name, d.isFile(), d.isDirectory(), d.isSymbolicLink()]));
fs.copyFileSync('file.txt', 'copy.txt');
show(() => fs.readFileSync('copy.txt', 'utf8'));
fs.chmodSync('copy.txt', 0o600);
show(() => (fs.statSync('copy.txt').mode & 0o777).toString(8));
fs.chmodSync('copy.txt', '640');
show(() => (fs.statSync('copy.txt').mode & 0o777).toString(8));
show(() => fs.accessSync('copy.txt', fs.constants.R_OK));
show(() => fs.existsSync('copy.txt') && !fs.existsSync('nope'));
fs.renameSync('copy.txt', 'moved.txt');
show(() => fs.readdirSync('.').includes('moved.txt'));
show(() => fs.rmSync('d'));
show(() => fs.rmdirSync('d'));
show(() => fs.rmSync('d', { recursive: true }));
show(() => fs.rmSync('nope', { force: true }));
show(() => fs.mkdirSync('x/y/z', { recursive: true }));
show(() => fs.mkdirSync('x/y/z/w', { recursive: true }));
show(() => fs.mkdirSync('x/y/z', { recursive: true }));
show(() => fs.rmdirSync('x', { recursive: true }));
for (const f of [() => fs.rmSync('nope'), () => fs.rmdirSync('nope'), () => fs.unlinkSync('nope'),
  () => fs.accessSync('nope'), () => fs.readlinkSync('nope'), () => fs.symlinkSync('a', 'nodir/x'),
  () => fs.mkdirSync('.'), () => fs.renameSync('nope', 'x'), () => fs.copyFileSync('nope', 'x'),
  () => fs.readdirSync('nope'), () => fs.statSync('nope'), () => fs.mkdtempSync('nodir/x'),
  () => fs.chmodSync('nope', 0o644), () => fs.readFileSync('nope'), () => fs.linkSync('nope', 'x'),
  () => fs.readlinkSync('file.txt'), () => fs.mkdtempSync(1)]) {
  show(f);
}
showRel(() => fs.realpathSync('nope'));
showRel(() => fs.realpathSync('nope/deeper'));
// callback and promise forms, fs/promises
const fsp = require('fs/promises');
console.log(fsp === fs.promises, typeof fsp.mkdtemp, typeof fsp.readFile, fsp.constants === fs.constants);
fs.readlink('link', (err, target) => {
  console.log('callback readlink', err, target);
  fs.mkdtemp('t-', (err2, dir) => {
    console.log('callback mkdtemp', err2, dir.startsWith('t-'), dir.length);
    fs.access('nope', (err3) => {
      console.log('callback access', err3.code, err3.syscall);
      (async () => {
        await fsp.writeFile('p.txt', 'promised');
        console.log(await fsp.readFile('p.txt', 'utf8'), (await fsp.stat('p.txt')).size);
        await fsp.symlink('p.txt', 'plink');
        console.log(await fsp.readlink('plink'), (await fsp.readdir('.')).length);
        await fsp.rm('p.txt');
        try {
          await fsp.readFile('p.txt');
        } catch (e) {
          console.log('rejected', e.code, e.syscall, e.path);
        }
        process.chdir(os.tmpdir());
        await fsp.rm(tmp, { recursive: true });
        console.log('removed', fs.existsSync(tmp));
      })();
    });
  });
});
