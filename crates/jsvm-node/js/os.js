// The `os` module: the simple facts, read from /proc where Linux keeps them.
'use strict';

function read(p) {
  try { return binding.readFile(p, true).trim(); } catch { return ''; }
}

function meminfo(key) {
  const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(read('/proc/meminfo'));
  return m ? Number(m[1]) * 1024 : 0;
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
  cpus: () => (read('/proc/cpuinfo').match(/^model name\s*:.*$/gm) || []).map((l) => ({
    model: l.replace(/^model name\s*:\s*/, ''), speed: 0,
    times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 },
  })),
  loadavg: () => read('/proc/loadavg').split(' ').slice(0, 3).map(Number),
  networkInterfaces: () => ({}),
  userInfo: () => ({
    uid: -1, gid: -1, username: process.env.USER || '', homedir: process.env.HOME || '/', shell: process.env.SHELL || null,
  }),
  constants: {
    UV_UDP_REUSEADDR: binding.osConstants.UV_UDP_REUSEADDR,
    dlopen: binding.osConstants.dlopen,
    errno: binding.osConstants.errno,
    signals: binding.signals,
    priority: binding.osConstants.priority,
  },
};
