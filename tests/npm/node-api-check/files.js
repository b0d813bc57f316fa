// fs-extra (copy through fs.opendir, realpath.native), glob, fast-glob, rimraf, graceful-fs, tar
// (minizlib reaching into zlib's _handle and _processChunk), jszip, adm-zip and archiver.
'use strict';
const fse = require('fs-extra'); const path = require('path'); const os = require('os');
const { globSync, glob } = require('glob'); const fg = require('fast-glob'); const { rimrafSync, rimraf } = require('rimraf');
(async () => {
  const d = path.join(os.tmpdir(), 'p11fsx'); rimrafSync(d);
  await fse.outputFile(path.join(d, 'a/b/c.txt'), 'hello');
  await fse.outputJson(path.join(d, 'a/x.json'), { a: 1 }, { spaces: 2 });
  fse.ensureDirSync(path.join(d, 'e/f'));
  await fse.copy(path.join(d, 'a'), path.join(d, 'copy'));
  await fse.move(path.join(d, 'copy/x.json'), path.join(d, 'moved.json'));
  console.log(await fse.readJson(path.join(d, 'moved.json')), await fse.pathExists(path.join(d, 'copy/x.json')));
  console.log(globSync('**/*', { cwd: d }).sort());
  console.log((await glob('**/*.txt', { cwd: d, dot: true })).sort());
  console.log((await fg(['**/*.{txt,json}'], { cwd: d })).sort(), fg.sync('a/**', { cwd: d, onlyFiles: false }).sort());
  const st = await fg('**', { cwd: d, stats: true }); console.log(st.map(e => [e.path, e.stats.isFile()]).sort());
  await fse.emptyDir(path.join(d, 'a'));
  console.log(fse.readdirSync(d).sort(), fse.readdirSync(path.join(d, 'a')));
  await rimraf(d); console.log(fse.existsSync(d));
  await archives();
})();

async function archives() {
  const JSZip = require('jszip');
  const AdmZip = require('adm-zip');
  const tar = require('tar');
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const gfs = require('graceful-fs');
  const z = new JSZip();
  z.file('hello.txt', 'Hello World\n');
  z.folder('img').file('a.txt', 'aaa');
  const buf = await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const z2 = await JSZip.loadAsync(buf);
  console.log(Object.keys(z2.files), await z2.file('hello.txt').async('string'));
  const az = new AdmZip(buf);
  console.log(az.getEntries().map((e) => e.entryName), az.readAsText('img/a.txt'));
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-'));
  gfs.writeFileSync(path.join(d, 'f.txt'), 'tarred');
  await tar.c({ gzip: true, file: path.join(d, 'x.tgz'), cwd: d }, ['f.txt']);
  const names = [];
  await tar.t({ file: path.join(d, 'x.tgz'), onentry: (e) => names.push(`${e.path}:${e.size}`) });
  console.log(names);
  fs.mkdirSync(path.join(d, 'out'));
  await tar.x({ file: path.join(d, 'x.tgz'), cwd: path.join(d, 'out') });
  console.log(fs.readFileSync(path.join(d, 'out/f.txt'), 'utf8'));
  const archiver = require('archiver');
  await new Promise((resolve) => {
    const out = fs.createWriteStream(path.join(d, 'a.zip'));
    const ar = new archiver.ZipArchive({ zlib: { level: 9 } });
    out.on('close', () => {
      console.log('archiver', ar.pointer() > 100, new AdmZip(path.join(d, 'a.zip')).getEntries().map((e) => e.entryName));
      resolve();
    });
    ar.pipe(out);
    ar.append('string cheese!', { name: 'file2.txt' });
    ar.file(path.join(d, 'f.txt'), { name: 'f.txt' });
    ar.finalize();
  });
  fs.rmSync(d, { recursive: true });
}
