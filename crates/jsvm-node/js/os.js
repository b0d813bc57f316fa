// The `os` module: the simple facts, read from /proc where Linux keeps them.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { Buffer } = require('buffer'); // not the global, which a program may delete

function read(p) {
  try { return binding.readFile(p, true).trim(); } catch { return ''; }
}

function meminfo(key) {
  const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(read('/proc/meminfo'));
  return m ? Number(m[1]) * 1024 : 0;
}

// libuv's speed: the current frequency the kernel's cpufreq gives (0 without it).
function cpuSpeed(i) {
  const khz = Number(read(`/sys/devices/system/cpu/cpu${i}/cpufreq/scaling_cur_freq`));
  return khz > 0 ? Math.floor(khz / 1000) : 0;
}

// One entry per processor: /proc/cpuinfo's model and speed, /proc/stat's times (in ticks of
// 1/100 s, given in milliseconds as Node's).
function cpus() {
  const info = read('/proc/cpuinfo');
  const models = info.match(/^model name\s*:.*$/gm) || [];
  const value = (line) => line.replace(/^[^:]*:\s*/, '');
  const stats = read('/proc/stat').split('\n').filter((l) => /^cpu\d+ /.test(l));
  return stats.map((line, i) => {
    const [user, nice, sys, idle, , irq] = line.split(/\s+/).slice(1).map((n) => Number(n) * 10);
    return {
      model: models[i] ? value(models[i]) : 'unknown',
      speed: cpuSpeed(i),
      times: { user, nice, sys, idle, irq },
    };
  });
}

// Node's SystemError for a failed libuv call (`errno` positive, as the system gives it).
function systemError(syscall, errno) {
  const [code, message] = binding.os.uvErrname(-errno);
  const err = new Error(`A system error occurred: ${syscall} returned ${code} (${message})`);
  err.name = 'SystemError';
  Object.assign(err, { code: 'ERR_SYSTEM_ERROR', info: { errno: -errno, code, message, syscall } });
  Object.assign(err, { errno: -errno, syscall });
  return err;
}

function getPriority(pid = 0) {
  require('internal/errors').validateInt32(pid, 'pid');
  const [priority, errno] = binding.os.getPriority(pid);
  if (errno !== 0) throw systemError('uv_os_getpriority', errno);
  return priority;
}

function setPriority(pid, priority) {
  const errors = require('internal/errors');
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  errors.validateInt32(pid, 'pid');
  errors.validateInt32(priority, 'priority', -20, 19);
  const errno = binding.os.setPriority(pid, priority);
  if (errno !== 0) throw systemError('uv_os_setpriority', errno);
}

// Each interface's IPv4 and IPv6 addresses, as Node lists them.
function networkInterfaces() {
  const result = {};
  for (const e of binding.os.interfaces()) {
    const family = e.family === 4 ? 'IPv4' : 'IPv6';
    const bits = e.netmask.split(e.family === 4 ? '.' : ':').reduce((n, part) => {
      const v = e.family === 4 ? Number(part) : parseInt(part || '0', 16);
      return n + v.toString(2).split('').filter((b) => b === '1').length;
    }, 0);
    const entry = { address: e.address, netmask: e.netmask, family, mac: e.mac, internal: e.internal,
      cidr: `${e.address}/${bits}` };
    if (e.family === 6) entry.scopeid = e.scopeid;
    (result[e.name] || (result[e.name] = [])).push(entry);
  }
  return result;
}

// The password-database entry of the effective user, as Node's (a SystemError without one).
function userInfo(options) {
  const entry = binding.passwd();
  if (entry === undefined) throw systemError('uv_os_get_passwd', 2);
  const [uid, gid, username, homedir, shell] = entry;
  const asBuffer = options !== null && typeof options === 'object' && options.encoding === 'buffer';
  const text = (s) => (asBuffer ? Buffer.from(s) : s);
  return Object.assign(Object.create(null), {
    uid: Number(uid), gid: Number(gid), username: text(username), homedir: text(homedir), shell: shell ? text(shell) : null,
  });
}

module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => process.arch,
  platform: () => process.platform,
  type: () => (process.platform === 'linux' ? 'Linux' : process.platform),
  release: () => read('/proc/sys/kernel/osrelease'),
  version: () => read('/proc/sys/kernel/version'),
  hostname: () => read('/proc/sys/kernel/hostname') || 'localhost',
  homedir: () => process.env.HOME || '/',
  tmpdir: () => {
    let t = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
    if (t.length > 1 && t.endsWith('/')) t = t.slice(0, -1);
    return t;
  },
  endianness: () => 'LE',
  uptime: () => Number(read('/proc/uptime').split(' ')[0]) || 0,
  totalmem: () => meminfo('MemTotal'),
  freemem: () => meminfo('MemAvailable'),
  availableParallelism: () => Math.max(1, (read('/proc/cpuinfo').match(/^processor\s*:/gm) || []).length),
  cpus,
  loadavg: () => read('/proc/loadavg').split(' ').slice(0, 3).map(Number),
  networkInterfaces,
  getPriority,
  setPriority,
  machine: () => binding.os.machine(),
  userInfo,
  constants: {
    UV_UDP_REUSEADDR: binding.osConstants.UV_UDP_REUSEADDR,
    dlopen: binding.osConstants.dlopen,
    errno: binding.osConstants.errno,
    signals: binding.signals,
    priority: binding.osConstants.priority,
  },
};
