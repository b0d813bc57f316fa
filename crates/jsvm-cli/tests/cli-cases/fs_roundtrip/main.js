const fs = require('fs');
const path = require('path');
const dir = path.join(require('os').tmpdir(), 'jsvm-fs-test-' + process.pid);
fs.mkdirSync(dir, { recursive: true });
const f = path.join(dir, 'a.txt');
fs.writeFileSync(f, 'héllo\n');
fs.appendFileSync(f, 'world');
console.log(JSON.stringify(fs.readFileSync(f, 'utf8')), fs.readFileSync(f).length, fs.statSync(f).isFile(), fs.statSync(dir).isDirectory());
console.log(fs.readdirSync(dir));
try { fs.readFileSync(path.join(dir, 'missing')); } catch (e) { console.log(e.code, e.syscall, e.errno, e.message.replace(dir, '<dir>')); }
fs.rmSync(dir, { recursive: true });
console.log(fs.existsSync(dir));
