// Stats and Dirent tell character devices, FIFOs and sockets apart, as Node's do.
const fs = require('fs');
const path = require('path');
const os = require('os');
for (const p of ['/dev/null', '/dev']) {
  const s = fs.statSync(p);
  console.log(p, s.isFile(), s.isDirectory(), s.isCharacterDevice(), s.isBlockDevice(), s.isFIFO(), s.isSocket());
}
const d = fs.readdirSync('/dev', { withFileTypes: true }).filter((e) => e.name === 'null' || e.name === 'zero');
console.log(d.map((e) => [e.name, e.isCharacterDevice(), e.isFile(), e.isSocket()]));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-kinds-'));
const server = require('net').createServer().listen(path.join(dir, 's'), () => {
  const [e] = fs.readdirSync(dir, { withFileTypes: true });
  console.log(e.name, e.isSocket(), e.isFile(), fs.lstatSync(path.join(dir, 's')).isSocket());
  server.close(() => fs.rmSync(dir, { recursive: true }));
});
