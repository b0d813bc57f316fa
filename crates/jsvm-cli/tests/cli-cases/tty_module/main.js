// tty: isatty, color depth from an environment, the streams on descriptors that are not
// terminals (the test runs with pipes and /dev/null).
const tty = require('tty');
console.log(Object.keys(tty));
console.log(tty.isatty(0), tty.isatty(1), tty.isatty(2), tty.isatty(-1), tty.isatty('1'), tty.isatty(1.5), tty.isatty(2 ** 40), tty.isatty(999));
console.log(process.stdout.isTTY, process.stderr.isTTY, process.stdin.isTTY, typeof process.stdout.hasColors, typeof process.stdout.getColorDepth);
console.log(process.stdout instanceof tty.WriteStream, typeof tty.WriteStream, typeof tty.ReadStream);
const depth = (env) => tty.WriteStream.prototype.getColorDepth(env);
const envs = [
  {}, { TERM: 'dumb' }, { TERM: 'xterm' }, { TERM: 'xterm-256color' }, { TERM: 'screen' },
  { TERM: 'xterm-kitty' }, { COLORTERM: 'truecolor' }, { COLORTERM: 'yes' }, { TMUX: '1' },
  { FORCE_COLOR: '0' }, { FORCE_COLOR: '1' }, { FORCE_COLOR: '2' }, { FORCE_COLOR: '3' },
  { FORCE_COLOR: '' }, { NO_COLOR: '1', TERM: 'xterm-256color' }, { CI: '1' },
  { CI: '1', GITHUB_ACTIONS: 'true' }, { CI: '1', TRAVIS: '1' }, { TERM_PROGRAM: 'Apple_Terminal' },
  { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4' }, { TEAMCITY_VERSION: '2020.1' },
  { TERM: 'linux' }, { TERM: 'mosh' }, { TERM: 'st' }, { TERM: 'rxvt-unicode-24bit' },
  { TERM: 'terminator' }, { TERM: 'ansi' }, { CI: '1', CIRCLECI: '1' }, { CI: '1', GITEA_ACTIONS: '1' },
  { CI: '1', CI_NAME: 'codeship' }, { TERM_PROGRAM: 'HyperTerm' }, { TEAMCITY_VERSION: '8.1' }, { TERM: 'vt100' }, { NODE_DISABLE_COLORS: '1' },
];
for (const env of envs) console.log(JSON.stringify(env), depth(env));
const has = (...a) => tty.WriteStream.prototype.hasColors(...a);
console.log(has({ TERM: 'xterm' }), has(256, { TERM: 'xterm' }), has(256, { TERM: 'xterm-256color' }), has(2 ** 24, { COLORTERM: 'truecolor' }), has({}));
for (const bad of [1, 1.5, 'x']) {
  try {
    has(bad, {});
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try {
  new tty.WriteStream(-1);
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  new tty.WriteStream(999);
} catch (e) {
  console.log(e.name, e.code, e.message, e.errno, e.syscall, e.info);
}
try {
  new tty.ReadStream(999);
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  new tty.WriteStream(0); // /dev/null: libuv takes it for a file
} catch (e) {
  console.log(e.name, e.code);
}
