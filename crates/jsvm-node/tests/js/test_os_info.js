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
