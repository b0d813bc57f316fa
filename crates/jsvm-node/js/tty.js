// The `tty` module: isatty, and the terminal streams process.stdout, process.stderr and
// process.stdin are when they are terminals (Node's tty.WriteStream / tty.ReadStream).
// A WriteStream is lighter than Node's (a net.Socket): it writes synchronously; process.stdout
// and process.stderr re-read their size on SIGWINCH and emit 'resize' (internal/bootstrap.js).
// A ReadStream is a net.Socket reading the terminal through a thread (internal/fd_reader.js),
// with raw mode.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const EventEmitter = require('events');
const { codes, validateInteger } = require('internal/errors');

function isatty(fd) {
  if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) return false;
  const info = binding.ttyInfo(fd);
  return info !== undefined && info[0];
}

// Node's ERR_TTY_INIT_FAILED: libuv refused the descriptor.
function ttyInitFailed() {
  const err = new Error('TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)');
  err.name = 'SystemError';
  err.code = 'ERR_TTY_INIT_FAILED';
  err.info = { errno: -22, code: 'EINVAL', message: 'invalid argument', syscall: 'uv_tty_init' };
  err.errno = -22;
  err.syscall = 'uv_tty_init';
  return err;
}

function openTty(fd) {
  if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) {
    const err = new RangeError(`"fd" must be a positive integer: ${fd}`);
    err.code = 'ERR_INVALID_FD';
    throw err;
  }
  const info = binding.ttyInfo(fd);
  if (info === undefined) throw ttyInitFailed();
  return info;
}

// ---- colors (Node 20's lib/internal/tty.js) ----------------------------------------------------

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16m = 24;

const TERM_ENVS = {
  'eterm': COLORS_16, 'cons25': COLORS_16, 'console': COLORS_16, 'cygwin': COLORS_16,
  'dtterm': COLORS_16, 'gnome': COLORS_16, 'hurd': COLORS_16, 'jfbterm': COLORS_16,
  'konsole': COLORS_16, 'kterm': COLORS_16, 'mlterm': COLORS_16, 'mosh': COLORS_16m,
  'putty': COLORS_16, 'st': COLORS_16, 'rxvt-unicode-24bit': COLORS_16m,
  'terminator': COLORS_16m,
};
const CI_ENVS = [
  ['APPVEYOR', COLORS_256], ['BUILDKITE', COLORS_256], ['CIRCLECI', COLORS_256],
  ['DRONE', COLORS_256], ['GITHUB_ACTIONS', COLORS_256],
  ['GITLAB_CI', COLORS_256], ['TRAVIS', COLORS_256],
];
const TERM_ENVS_REG_EXP = [
  /ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/,
  /^vt100/, /^vt220/,
];

let warnedForceColor = false;
function warnOnDeactivatedColors(env) {
  if (warnedForceColor) return;
  let name = '';
  if (env.NO_COLOR !== undefined) name = 'NO_COLOR';
  else if (env.NODE_DISABLE_COLORS !== undefined) name = 'NODE_DISABLE_COLORS';
  if (name !== '') {
    process.emitWarning(`The '${name}' env is ignored due to the 'FORCE_COLOR' env being set.`, 'Warning');
    warnedForceColor = true;
  }
}

function getColorDepth(env = process.env) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '':
      case '1':
      case 'true':
        warnOnDeactivatedColors(env);
        return COLORS_16;
      case '2':
        warnOnDeactivatedColors(env);
        return COLORS_256;
      case '3':
        warnOnDeactivatedColors(env);
        return COLORS_16m;
      default:
        return COLORS_2;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') {
    return COLORS_2;
  }
  if (env.TMUX) return COLORS_256;
  if (env.CI) {
    for (const [name, colors] of CI_ENVS) if (name in env) return colors;
    if (env.CI_NAME === 'codeship') return COLORS_256;
    return COLORS_2;
  }
  if ('TEAMCITY_VERSION' in env) {
    return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
  }
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION)) return COLORS_256;
      return COLORS_16m;
    case 'HyperTerm':
    case 'MacTerm':
      return COLORS_16m;
    case 'Apple_Terminal':
      return COLORS_256;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
  if (env.TERM) {
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const termEnv = env.TERM.toLowerCase();
    if (TERM_ENVS[termEnv]) return TERM_ENVS[termEnv];
    if (TERM_ENVS_REG_EXP.some((re) => re.test(termEnv))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

function hasColors(count, env) {
  if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
    env = count;
    count = 16;
  } else {
    validateInteger(count, 'count', 2);
  }
  return count <= 2 ** getColorDepth(env);
}

// ---- cursor control (the ANSI sequences of Node's readline callbacks) -----------------------

function ansiCursorTo(x, y) {
  if (Number.isNaN(x) || Number.isNaN(y)) {
    const err = new TypeError('Cannot set cursor row without setting its column');
    err.code = 'ERR_INVALID_CURSOR_POS';
    throw err;
  }
  return typeof y !== 'number' ? `\x1b[${x + 1}G` : `\x1b[${y + 1};${x + 1}H`;
}

function ansiMoveCursor(dx, dy) {
  let data = '';
  if (dx < 0) data += `\x1b[${-dx}D`;
  else if (dx > 0) data += `\x1b[${dx}C`;
  if (dy < 0) data += `\x1b[${-dy}A`;
  else if (dy > 0) data += `\x1b[${dy}B`;
  return data;
}

function ansiClearLine(dir) {
  return dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K';
}

// ---- streams ------------------------------------------------------------------------------------

class WriteStream extends EventEmitter {
  constructor(fd) {
    const info = openTty(fd);
    super();
    this.fd = fd;
    this._type = 'tty';
    this.isTTY = true;
    this.writable = true;
    if (info[1] > 0) {
      this.columns = info[1];
      this.rows = info[2];
    }
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = undefined;
    }
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw codes.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
    }
    // Through `_write`, as a Writable's (strings are not decoded, as on Node's socket): a
    // program may replace it to capture what is written (@clack/core's sink over a
    // WriteStream of fd 0).
    const done = typeof cb === 'function' ? (err) => process.nextTick(cb, err) : () => {};
    if (typeof chunk === 'string') this._write(chunk, encoding || 'utf8', done);
    else this._write(chunk, 'buffer', done);
    return true;
  }

  _write(chunk, encoding, cb) {
    if (typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8') {
      chunk = require('buffer').Buffer.from(chunk, encoding);
    }
    if (this.fd === 1) binding.writeStdout(chunk);
    else if (this.fd === 2) binding.writeStderr(chunk);
    else binding.writeFd(this.fd, chunk);
    cb(null);
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = undefined;
    }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (typeof cb === 'function') process.nextTick(cb);
    return this;
  }

  cork() {}
  uncork() {}
  setDefaultEncoding() { return this; }

  getColorDepth(env) { return getColorDepth(env); }
  hasColors(count, env) { return hasColors(count, env); }

  getWindowSize() { return [this.columns, this.rows]; }

  // Re-reads the terminal's size; emits 'resize' when it changed.
  _refreshSize() {
    const info = binding.ttyInfo(this.fd);
    if (info === undefined || info[1] === 0) return;
    const changed = info[1] !== this.columns || info[2] !== this.rows;
    this.columns = info[1];
    this.rows = info[2];
    if (changed) this.emit('resize');
  }

  cursorTo(x, y, cb) {
    if (typeof y === 'function') {
      cb = y;
      y = undefined;
    }
    return this.write(ansiCursorTo(x, y), cb);
  }

  moveCursor(dx, dy, cb) { return this.write(ansiMoveCursor(dx, dy), cb); }
  clearLine(dir, cb) { return this.write(ansiClearLine(dir), cb); }
  clearScreenDown(cb) { return this.write('\x1b[0J', cb); }
}

// ---- the native handle ------------------------------------------------------------------------

// What process.binding('tty_wrap').TTY makes, and a ReadStream's `_handle` is: Node's libuv
// handle of a terminal, whose setRawMode and getWindowSize answer with 0 or a negative errno
// (readline-sync switches raw mode through it around its synchronous reads).
const kFd = Symbol('fd');
const kHandle = Symbol('handle');
class TTY {
  constructor(fd, ctx) {
    const info = openTty(fd);
    if (!info[0]) {
      // libuv opens a pipe as a tty stream, but it has no terminal modes: Node reports it
      // through `ctx` (or throws when none is given).
      if (ctx !== null && typeof ctx === 'object') {
        ctx.code = 'ENOTTY';
        ctx.errno = -25;
        ctx.syscall = 'uv_tty_init';
      }
    }
    this[kFd] = fd;
  }

  setRawMode(flag) {
    return binding.setRawMode(this[kFd], !!flag) ? 0 : -5;
  }

  getWindowSize(size) {
    const info = binding.ttyInfo(this[kFd]);
    if (info === undefined || info[1] === 0) return -25;
    size[0] = info[1];
    size[1] = info[2];
    return 0;
  }
}

function ttyWrap() {
  return { isTTY: isatty, TTY };
}

// A net.Socket, as Node's: its bytes come from a thread that copies the descriptor
// (internal/fd_reader.js), started on the first read. Made on first use: this module loads
// while the bootstrap sets up process.stdout, before net can.
let ReadStream;
function readStreamClass() {
  if (ReadStream === undefined) ReadStream = makeReadStream(require('net').Socket);
  return ReadStream;
}
function makeReadStream(Socket) {
  return class ReadStream extends Socket {
  constructor(fd, options) {
    openTty(fd);
    const reader = require('internal/fd_reader');
    const { id, ours } = reader.openFdReader(fd);
    if (id < 0) throw ttyInitFailed();
    super({ ...options, handle: id, readable: true, writable: false, pauseOnCreate: true });
    reader.readLazily(this, ours);
    this.fd = fd;
    this.isRaw = false;
    this.isTTY = true;
  }

  get _handle() {
    if (this.destroyed) return null;
    if (this[kHandle] === undefined) {
      const handle = new TTY(this.fd);
      Object.defineProperty(handle, 'id', { get: () => this._id, enumerable: true });
      this[kHandle] = handle;
    }
    return this[kHandle];
  }

  setRawMode(flag) {
    flag = !!flag;
    if (!binding.setRawMode(this.fd, flag)) {
      const err = new Error('setRawMode EIO');
      err.code = 'EIO';
      err.errno = -5;
      err.syscall = 'setRawMode';
      throw err;
    }
    this.isRaw = flag;
    return this;
  }
  };
}

module.exports = {
  isatty,
  get ReadStream() { return readStreamClass(); },
  WriteStream,
};
Object.defineProperty(module.exports, '_ttyWrap', { value: ttyWrap, enumerable: false });
