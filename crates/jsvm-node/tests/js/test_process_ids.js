// process's user and group ids, umask, cpuUsage and resourceUsage, with Node's argument errors.
const os = require('os');
const info = os.userInfo();
console.log(process.getuid() === info.uid, process.getgid() === info.gid,
  typeof process.geteuid(), typeof process.getegid(), Array.isArray(process.getgroups()));
const start = process.umask(0o027);
console.log(process.umask().toString(8), process.umask('0022').toString(8), process.umask().toString(8));
process.umask(start);
console.log(process.umask() === start);
for (const bad of ['9', -1, 'abc', {}, 1.5, 2 ** 33]) {
  try { process.umask(bad); } catch (e) { console.log(e.name, e.code, e.message); }
}
const u = process.cpuUsage();
let x = 0;
for (let i = 0; i < 3e6; i++) x += i;
const d = process.cpuUsage(u);
console.log(Object.keys(u), d.user >= 0, d.system >= 0, typeof d.user, process.cpuUsage(null).user > 0);
for (const bad of [1, { user: 'a', system: 1 }, { user: -1, system: 0 }, { user: 1 }]) {
  try { process.cpuUsage(bad); } catch (e) { console.log(e.name, e.code, e.message); }
}
const r = process.resourceUsage();
console.log(Object.keys(r).join(), r.maxRSS > 1000, r.userCPUTime > 0);
