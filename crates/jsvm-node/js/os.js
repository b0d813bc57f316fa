// The `os` module: the simple facts, read from /proc where Linux keeps them.
'use strict';

function read(p) {
  try { return binding.readFile(p, true).trim(); } catch { return ''; }
}

function meminfo(key) {
  const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(read('/proc/meminfo'));
  return m ? Number(m[1]) * 1024 : 0;
}

// One entry per processor: /proc/cpuinfo's model and speed, /proc/stat's times (in ticks of
// 1/100 s, given in milliseconds as Node's).
function cpus() {
  const info = read('/proc/cpuinfo');
  const models = info.match(/^model name\s*:.*$/gm) || [];
  const speeds = info.match(/^cpu MHz\s*:.*$/gm) || [];
  const value = (line) => line.replace(/^[^:]*:\s*/, '');
  const stats = read('/proc/stat').split('\n').filter((l) => /^cpu\d+ /.test(l));
  return stats.map((line, i) => {
    const [user, nice, sys, idle, , irq] = line.split(/\s+/).slice(1).map((n) => Number(n) * 10);
    return {
      model: models[i] ? value(models[i]) : 'unknown',
      speed: speeds[i] ? Math.floor(Number(value(speeds[i]))) : 0,
      times: { user, nice, sys, idle, irq },
    };
  });
}

// The password-database entry of the effective user, as Node's (a SystemError without one).
function userInfo(options) {
  const entry = binding.passwd();
  if (entry === undefined) {
    const err = new Error('A system error occurred: uv_os_get_passwd returned ENOENT (no such file or directory)');
    err.name = 'SystemError';
    Object.assign(err, { code: 'ERR_SYSTEM_ERROR', errno: -2, syscall: 'uv_os_get_passwd' });
    throw err;
  }
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
  networkInterfaces: () => ({}),
  userInfo,
  constants: {
    UV_UDP_REUSEADDR: binding.osConstants.UV_UDP_REUSEADDR,
    dlopen: binding.osConstants.dlopen,
    errno: binding.osConstants.errno,
    signals: binding.signals,
    priority: binding.osConstants.priority,
  },
};
