// os.userInfo from the password database and os.cpus from /proc, as Node's shapes.
const os = require('os');
const info = os.userInfo();
console.log(Object.getPrototypeOf(info), Object.keys(info), info.uid === process.geteuid(), info.gid === process.getegid());
console.log(typeof info.username, info.username.length > 0, typeof info.homedir, info.homedir.length > 0);
const b = os.userInfo({ encoding: 'buffer' });
console.log(Buffer.isBuffer(b.username), b.username.toString() === info.username, b.uid === info.uid);
const c = os.cpus();
console.log(c.length === os.availableParallelism(), Object.keys(c[0]), Object.keys(c[0].times));
console.log(c.every((x) => x.times.user > 0 && x.times.idle > 0 && typeof x.speed === 'number' && typeof x.model === 'string'));
// getPriority/setPriority, with Node's checks and its SystemError; the machine; the interfaces.
console.log(os.getPriority(), os.getPriority(0) === os.getPriority(process.pid), typeof os.machine(), os.machine() === os.arch().replace('x64', 'x86_64').replace('arm64', 'aarch64'));
for (const args of [[0, 100], ['x'], [0, 1.5], [999999999, 0]]) {
  try { os.setPriority(...args); } catch (e) { console.log(e.name, e.code, e.message, e.info); }
}
try { os.getPriority(999999999); } catch (e) { console.log(e.name, e.code, e.message, e.errno, e.syscall); }
const lo = os.networkInterfaces().lo;
console.log(lo.map((a) => [a.address, a.netmask, a.family, a.mac, a.internal, a.cidr, a.scopeid]));
console.log(Object.values(os.networkInterfaces()).flat().every((a) => typeof a.address === 'string' && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(a.mac)));
