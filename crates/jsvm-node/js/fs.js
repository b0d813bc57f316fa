// The `fs` module, minimal: the synchronous calls programs use to read and write files
// (readFileSync, writeFileSync, appendFileSync, existsSync, statSync, lstatSync, readdirSync,
// mkdirSync, mkdtempSync, unlinkSync, rmSync, rmdirSync, renameSync, realpathSync, copyFileSync,
// accessSync, symlinkSync, linkSync, readlinkSync, chmodSync, utimesSync, lutimesSync,
// chownSync, lchownSync, truncateSync, statfsSync, opendirSync (internal/fs_dir.js), cpSync
// (internal/fs_cp.js)), callback and promise forms on top of them (fs.promises, also
// require('fs/promises'), whose open gives a FileHandle: internal/fs_filehandle.js); file
// descriptors (openSync, readSync, writeSync, readvSync, writevSync, closeSync, fstatSync,
// futimesSync, fchownSync, fchmodSync, ...), the file streams (internal/fs_streams.js) and the
// watchers (watch, watchFile, promises.watch: internal/fs_watchers.js).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports

let BufferCtor = null;
function Buffer() {
  if (BufferCtor === null) BufferCtor = require('buffer').Buffer;
  return BufferCtor;
}

function invalidArgType(name, expected, value) {
  let received;
  if (value == null) received = ` Received ${value}`;
  else if (typeof value === 'function') received = ` Received function ${value.name}`;
  else if (typeof value === 'object') received = ` Received an instance of ${value.constructor && value.constructor.name || 'Object'}`;
  else {
    let shown = require('util').inspect(value);
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    received = ` Received type ${typeof value} (${shown})`;
  }
  const err = new TypeError(`The "${name}" argument must be ${expected}.${received}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

function toPath(p, name = 'path') {
  if (typeof p === 'string') return p;
  if (p instanceof Uint8Array) return Buffer().from(p).toString();
  if (p && typeof p === 'object' && typeof p.href === 'string' && p.protocol === 'file:') {
    return decodeURIComponent(p.pathname);
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', p);
}

function encodingOf(options, fallback) {
  if (typeof options === 'string') return options;
  if (options && typeof options === 'object' && options.encoding !== undefined) return options.encoding;
  return fallback;
}

function flagOf(options, fallback) {
  return options && typeof options === 'object' && options.flag ? options.flag : fallback;
}

function readFileSync(path, options) {
  if (typeof path === 'number') return readFd(path, encodingOf(options, null));
  path = toPath(path);
  const encoding = encodingOf(options, null);
  if (encoding === 'utf8' || encoding === 'utf-8') return binding.readFile(path, true);
  const bytes = binding.readFile(path, false);
  const buf = Buffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding ? buf.toString(encoding) : buf;
}

function dataOf(data, options) {
  if (typeof data === 'string') {
    const encoding = encodingOf(options, 'utf8');
    if (encoding === 'utf8' || encoding === 'utf-8') return data;
    return Buffer().from(data, encoding);
  }
  if (ArrayBuffer.isView(data)) return data;
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

function writeFileSync(path, data, options) {
  path = toPath(path, 'file');
  const flag = flagOf(options, 'w');
  binding.writeFile(path, dataOf(data, options), flag.startsWith('a'));
}

function appendFileSync(path, data, options) {
  path = toPath(path, 'file');
  binding.writeFile(path, dataOf(data, options), true);
}

function existsSync(path) {
  try {
    return binding.stat(toPath(path)) !== undefined;
  } catch {
    return false;
  }
}

class Stats {
  constructor(st) {
    this.dev = st[11];
    this.mode = st[3];
    this.nlink = st[8];
    this.uid = st[9];
    this.gid = st[10];
    this.rdev = 0;
    this.blksize = 4096;
    this.ino = st[7];
    this.size = st[1];
    this.blocks = Math.ceil(st[1] / 512);
    this.atimeMs = st[4];
    this.mtimeMs = st[2];
    this.ctimeMs = st[5];
    this.birthtimeMs = st[6];
    this.atime = new Date(st[4]);
    this.mtime = new Date(st[2]);
    this.ctime = new Date(st[5]);
    this.birthtime = new Date(st[6]);
    Object.defineProperty(this, '_kind', { value: st[0] });
  }
}

// The file-type checks of Stats and Dirent (non-enumerable, as class methods are).
const kindChecks = {
  isFile() { return this._kind === 0; },
  isDirectory() { return this._kind === 1; },
  isSymbolicLink() { return this._kind === 3; },
  isFIFO() { return this._kind === 4; },
  isSocket() { return this._kind === 5; },
  isCharacterDevice() { return this._kind === 6; },
  isBlockDevice() { return this._kind === 7; },
};
function addKindChecks(cls) {
  for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(kindChecks))) {
    Object.defineProperty(cls.prototype, name, { ...desc, enumerable: false });
  }
}
addKindChecks(Stats);

function enoent(syscall, path) {
  const err = new Error(`ENOENT: no such file or directory, ${syscall} '${path}'`);
  err.errno = -2;
  err.code = 'ENOENT';
  err.syscall = syscall;
  err.path = path;
  return err;
}

function statWith(syscall, follow, path, options) {
  path = toPath(path);
  const st = binding.stat(path, !follow);
  if (st === undefined) {
    if (options && options.throwIfNoEntry === false) return undefined;
    throw enoent(syscall, path);
  }
  return new Stats(st);
}

function statSync(path, options) {
  return statWith('stat', true, path, options);
}

function lstatSync(path, options) {
  return statWith('lstat', false, path, options);
}

class Dirent {
  constructor(name, dir, kind) {
    this.name = name;
    this.parentPath = dir;
    this.path = dir;
    Object.defineProperty(this, '_kind', { value: kind });
  }
}
addKindChecks(Dirent);

function readdirSync(path, options) {
  path = toPath(path);
  const names = binding.readdir(path);
  if (options && typeof options === 'object' && options.withFileTypes) {
    return names.map((n) => {
      const st = binding.stat(`${path}/${n}`, true);
      return new Dirent(n, path, st === undefined ? 2 : st[0]);
    });
  }
  return names;
}

function mkdirSync(path, options) {
  path = toPath(path);
  const recursive = !!(options && typeof options === 'object' && options.recursive);
  if (!recursive) return binding.mkdir(path, false);
  if (binding.stat(path) !== undefined) return undefined;
  // The result is the first directory made, spelled as the argument spells it.
  const { dirname } = require('path');
  let first = path;
  for (let parent = dirname(first); parent !== first && binding.stat(parent) === undefined;
    parent = dirname(first)) {
    first = parent;
  }
  binding.mkdir(path, true);
  return first;
}

function unlinkSync(path) {
  binding.unlink(toPath(path));
}

function rmSync(path, options) {
  path = toPath(path);
  const force = !!(options && options.force);
  const recursive = !!(options && options.recursive);
  const st = binding.stat(path, true);
  if (st === undefined) {
    if (force) return;
    throw enoent('lstat', path);
  }
  if (st[0] === 1 && !recursive) {
    const err = new Error(`Path is a directory: rm returned EISDIR (is a directory) ${path}`);
    err.name = 'SystemError';
    err.code = 'ERR_FS_EISDIR';
    err.errno = 21;
    err.syscall = 'rm';
    err.path = path;
    err.info = { code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno: 21 };
    throw err;
  }
  binding.rm(path, recursive);
}

let rmdirRecursiveWarned = false;
function rmdirSync(path, options) {
  path = toPath(path);
  if (options && options.recursive) {
    if (!rmdirRecursiveWarned) {
      rmdirRecursiveWarned = true;
      process.emitWarning('In future versions of Node.js, fs.rmdir(path, { recursive: true }) ' +
        'will be removed. Use fs.rm(path, { recursive: true }) instead', 'DeprecationWarning', 'DEP0147');
    }
    return rmSync(path, { recursive: true, force: true });
  }
  if (binding.stat(path, true) === undefined) throw enoent('rmdir', path);
  binding.rm(path, false, 'rmdir');
}

function renameSync(from, to) {
  binding.rename(toPath(from, 'oldPath'), toPath(to, 'newPath'));
}

// Node resolves a path component by component and reports the first missing one (lstat), or
// the first link whose target is missing (stat).
function realpathSync(path) {
  path = toPath(path);
  try {
    return binding.realpath(path);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    const parts = require('path').resolve(path).split('/');
    let at = '';
    for (let i = 1; i < parts.length; i++) {
      at += `/${parts[i]}`;
      const st = binding.stat(at, true);
      if (st === undefined) throw enoent('lstat', at);
      if (st[0] === 3 && binding.stat(at) === undefined) throw enoent('stat', at);
    }
    throw e;
  }
}
realpathSync.native = function realpathSync(path) {
  return binding.realpath(toPath(path));
};

function copyFileSync(src, dest) {
  binding.copyFile(toPath(src, 'src'), toPath(dest, 'dest'));
}

function accessSync(path, mode = 0) {
  binding.access(toPath(path), mode);
}

function mkdtempSync(prefix) {
  if (typeof prefix !== 'string') {
    throw invalidArgType('prefix', 'of type string or an instance of Buffer or URL', prefix);
  }
  return binding.mkdtemp(prefix);
}

function symlinkSync(target, path) {
  binding.symlink(toPath(target, 'target'), toPath(path));
}

function linkSync(existingPath, newPath) {
  binding.link(toPath(existingPath, 'existingPath'), toPath(newPath, 'newPath'));
}

function readlinkSync(path) {
  return binding.readlink(toPath(path));
}

function chmodSync(path, mode) {
  binding.chmod(toPath(path), typeof mode === 'string' ? parseInt(mode, 8) : mode);
}

// Node's time arguments: seconds (a number, or a numeric string), or a Date; a negative number
// is now.
function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time; // eslint-disable-line eqeqeq
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

function utimesSync(path, atime, mtime) {
  binding.utimes(toPath(path), toUnixTimestamp(atime), toUnixTimestamp(mtime), false);
}

function lutimesSync(path, atime, mtime) {
  binding.utimes(toPath(path), toUnixTimestamp(atime), toUnixTimestamp(mtime), true);
}

function validateId(id, name) {
  const { validateInteger } = require('internal/errors');
  validateInteger(id, name, -1, 4294967295);
}

function chownSync(path, uid, gid) {
  path = toPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  binding.chown(path, uid, gid, false);
}

function lchownSync(path, uid, gid) {
  path = toPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  binding.chown(path, uid, gid, true);
}

function truncateSync(path, len = 0) {
  if (typeof path === 'number') return ftruncateSync(path, len);
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, len);
  } finally {
    closeSync(fd);
  }
  return undefined;
}

class StatFs {
  constructor(st) {
    [this.type, this.bsize, this.blocks, this.bfree, this.bavail, this.files, this.ffree] = st;
  }
}

function statfsSync(path, options) {
  const st = binding.statfs(toPath(path));
  if (options && options.bigint) return new StatFs(st.map((n) => BigInt(n)));
  return new StatFs(st);
}

function opendirSync(path, options) {
  const dir = require('internal/fs_dir');
  dir.checkOptions(options);
  return dir.opendirSync(module.exports, path, options);
}

function cpSync(src, dest, options) {
  require('internal/fs_cp').cpSync(module.exports, src, dest, options);
}

// An error of `e`'s kind named by another call, without a path (libuv's requests on handles).
function uvError(e, syscall) {
  if (typeof e.code !== 'string' || typeof e.message !== 'string' || !e.message.startsWith(`${e.code}: `)) return e;
  const rest = e.message.slice(e.code.length + 2);
  const comma = rest.indexOf(', ');
  const desc = comma === -1 ? rest : rest.slice(0, comma);
  const err = new Error(`${e.code}: ${desc}, ${syscall}`);
  Object.assign(err, { errno: e.errno, code: e.code, syscall });
  return err;
}

// ---- file descriptors --------------------------------------------------------------------------

const O = binding.fsConstants;
const flagStrings = {
  r: O.O_RDONLY,
  rs: O.O_RDONLY | O.O_SYNC,
  sr: O.O_RDONLY | O.O_SYNC,
  'r+': O.O_RDWR,
  'rs+': O.O_RDWR | O.O_SYNC,
  'sr+': O.O_RDWR | O.O_SYNC,
  w: O.O_TRUNC | O.O_CREAT | O.O_WRONLY,
  wx: O.O_TRUNC | O.O_CREAT | O.O_WRONLY | O.O_EXCL,
  xw: O.O_TRUNC | O.O_CREAT | O.O_WRONLY | O.O_EXCL,
  'w+': O.O_TRUNC | O.O_CREAT | O.O_RDWR,
  'wx+': O.O_TRUNC | O.O_CREAT | O.O_RDWR | O.O_EXCL,
  'xw+': O.O_TRUNC | O.O_CREAT | O.O_RDWR | O.O_EXCL,
  a: O.O_APPEND | O.O_CREAT | O.O_WRONLY,
  ax: O.O_APPEND | O.O_CREAT | O.O_WRONLY | O.O_EXCL,
  xa: O.O_APPEND | O.O_CREAT | O.O_WRONLY | O.O_EXCL,
  as: O.O_APPEND | O.O_CREAT | O.O_WRONLY | O.O_SYNC,
  sa: O.O_APPEND | O.O_CREAT | O.O_WRONLY | O.O_SYNC,
  'a+': O.O_APPEND | O.O_CREAT | O.O_RDWR,
  'ax+': O.O_APPEND | O.O_CREAT | O.O_RDWR | O.O_EXCL,
  'xa+': O.O_APPEND | O.O_CREAT | O.O_RDWR | O.O_EXCL,
  'as+': O.O_APPEND | O.O_CREAT | O.O_RDWR | O.O_SYNC,
  'sa+': O.O_APPEND | O.O_CREAT | O.O_RDWR | O.O_SYNC,
};
function flagsOf(flags) {
  if (flags == null) return O.O_RDONLY;
  if (typeof flags === 'number') return flags;
  if (Object.prototype.hasOwnProperty.call(flagStrings, flags)) return flagStrings[flags];
  const err = new TypeError(`The argument 'flags' is invalid. Received ${require('util').inspect(flags)}`);
  err.code = 'ERR_INVALID_ARG_VALUE';
  throw err;
}
function modeOf(mode, fallback) {
  if (mode == null) return fallback;
  return typeof mode === 'string' ? parseInt(mode, 8) : mode;
}
function validateFd(fd) {
  if (!Number.isInteger(fd)) throw invalidArgType('fd', 'of type number', fd);
  return fd;
}

function openSync(path, flags, mode) {
  return binding.fdOpen(toPath(path), flagsOf(flags), modeOf(mode, 0o666));
}
function closeSync(fd) {
  binding.fdClose(validateFd(fd));
}
// readSync(fd, buffer, offset, length, position) or readSync(fd, buffer, { offset, length, position }).
function readSync(fd, buffer, offset, length, position) {
  validateFd(fd);
  if (!ArrayBuffer.isView(buffer)) {
    throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
  }
  if (offset !== null && typeof offset === 'object') {
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
  }
  if (offset == null) offset = 0;
  if (length == null) length = buffer.byteLength - offset;
  if (length === 0) return 0;
  const bytes = binding.fdRead(fd, length, typeof position === 'bigint' ? Number(position) : position ?? -1);
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(bytes, offset);
  return bytes.length;
}
// writeSync(fd, buffer, offset, length, position) or writeSync(fd, string, position, encoding).
function writeSync(fd, data, offsetOrPosition, lengthOrEncoding, position) {
  validateFd(fd);
  if (ArrayBuffer.isView(data)) {
    let offset = offsetOrPosition;
    let length = lengthOrEncoding;
    if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = data.byteLength - offset, position = null } = offset);
    }
    if (offset == null) offset = 0;
    if (length == null) length = data.byteLength - offset;
    const bytes = new Uint8Array(data.buffer, data.byteOffset + offset, length);
    return binding.fdWrite(fd, bytes, position ?? -1);
  }
  if (typeof data !== 'string') {
    throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  const encoding = lengthOrEncoding || 'utf8';
  const bytes = encoding === 'utf8' || encoding === 'utf-8' ? data : Buffer().from(data, encoding);
  return binding.fdWrite(fd, bytes, offsetOrPosition ?? -1);
}
function fstatSync(fd) {
  return new Stats(binding.fdStat(validateFd(fd)));
}
function ftruncateSync(fd, len = 0) {
  binding.fdTruncate(validateFd(fd), len);
}
function fsyncSync(fd) {
  binding.fdSync(validateFd(fd));
}
function futimesSync(fd, atime, mtime) {
  binding.fdUtimes(validateFd(fd), toUnixTimestamp(atime), toUnixTimestamp(mtime));
}
function fchownSync(fd, uid, gid) {
  validateFd(fd);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  binding.fdChown(fd, uid, gid);
}
function fchmodSync(fd, mode) {
  binding.fdChmod(validateFd(fd), modeOf(mode, 0));
}
// readv and writev: one buffer after another, at `position` and on (or the current position).
function buffersOf(buffers) {
  if (!Array.isArray(buffers) || !buffers.every((b) => ArrayBuffer.isView(b))) {
    throw invalidArgType('buffers', 'an instance of ArrayBufferView[]', buffers);
  }
  return buffers;
}
function readvSync(fd, buffers, position = null) {
  validateFd(fd);
  let total = 0;
  for (const buf of buffersOf(buffers)) {
    if (buf.byteLength === 0) continue;
    const n = readSync(fd, buf, 0, buf.byteLength, typeof position === 'number' ? position + total : null);
    total += n;
    if (n < buf.byteLength) break;
  }
  return total;
}
function writevSync(fd, buffers, position = null) {
  validateFd(fd);
  let total = 0;
  for (const buf of buffersOf(buffers)) {
    let done = 0;
    while (done < buf.byteLength) {
      done += writeSync(fd, buf, done, buf.byteLength - done, typeof position === 'number' ? position + total + done : null);
    }
    total += done;
  }
  return total;
}
// The rest of the file from the descriptor's current position.
function readFd(fd, encoding) {
  validateFd(fd);
  const parts = [];
  for (;;) {
    const bytes = binding.fdRead(fd, 65536, -1);
    if (bytes.length === 0) break;
    parts.push(Buffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  const buf = Buffer().concat(parts);
  return encoding ? buf.toString(encoding) : buf;
}

// Node makes the system errors of its callback and promise forms in libuv's callback, with no
// JavaScript frame: their stack is their header alone (the promise forms' gets the async frames
// of the functions awaiting them). Validation errors keep theirs.
const captureStackTrace = Error.captureStackTrace;
function noFrame() {}
function fromLoop(e) {
  if (e !== null && typeof e === 'object' && typeof e.syscall === 'string') {
    captureStackTrace(e, noFrame);
  }
  return e;
}

// Callback forms: the work is done synchronously, the callback runs as an I/O callback would.
function callbackify(fn) {
  return function (...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
    let result;
    let error = null;
    try {
      result = fn(...args);
    } catch (e) {
      error = fromLoop(e);
    }
    setImmediate(() => (error ? cb(error) : cb(null, result)));
  };
}

// Promise forms: the work is done synchronously, the promise settles from the loop (as the
// callback forms' callbacks run), as Node's settle when its thread pool is done: not within the
// microtasks of the code that asked (chokidar's stats of a new file come after the watch events
// read with its creation, as under Node).
function promisify(fn) {
  return async (...args) => {
    let result;
    let failed = false;
    try {
      result = fn(...args);
    } catch (e) {
      // A validation error rejects at once, as Node's (its checks run before any work).
      if (e === null || typeof e !== 'object' || typeof e.syscall !== 'string') throw e;
      failed = true;
      result = e;
    }
    await new Promise((settle) => setImmediate(settle));
    if (!failed) return result;
    // A system error's stack made anew after the turn: the frames are those of the
    // functions awaiting it, as Node's (made when the thread pool is done).
    captureStackTrace(result);
    throw result;
  };
}

const syncFns = {
  readFileSync, writeFileSync, appendFileSync, existsSync, statSync, lstatSync, readdirSync,
  mkdirSync, unlinkSync, rmSync, rmdirSync, renameSync, realpathSync, copyFileSync, accessSync,
  mkdtempSync, symlinkSync, linkSync, readlinkSync, chmodSync, openSync, closeSync, fstatSync,
  ftruncateSync, fsyncSync, utimesSync, lutimesSync, futimesSync, chownSync, lchownSync,
  fchownSync, fchmodSync, truncateSync, statfsSync, opendirSync, cpSync,
};
// fdatasync is fsync here (the data and the metadata both reach the disk).
syncFns.fdatasyncSync = fsyncSync;

module.exports = { ...syncFns, Stats, Dirent, readvSync, writevSync };
// `Dir`, loaded when first read. As Node's lazy property: setting it (through fs, or through
// a copy of the accessor: graceful-fs copies fs's properties) makes it a data property of fs.
{
  let Dir;
  const set = function (value) {
    Object.defineProperty(module.exports, 'Dir', { value, writable: true });
  };
  Object.defineProperty(set, 'name', { value: 'set Dir' });
  const get = function () {
    if (Dir === undefined) set(Dir = require('internal/fs_dir').Dir);
    return Dir;
  };
  Object.defineProperty(get, 'name', { value: 'get Dir' });
  Object.defineProperty(module.exports, 'Dir', { get, set, enumerable: true, configurable: true });
}
Object.defineProperty(module.exports, '_toPath', { value: toPath });
module.exports._toUnixTimestamp = toUnixTimestamp;
// lchmod exists only on macOS (O_SYMLINK): Node's fs has the names with no function, and
// fs.promises.lchmod rejects with ERR_METHOD_NOT_IMPLEMENTED.
module.exports.lchmod = undefined;
module.exports.lchmodSync = undefined;
Object.defineProperty(module.exports, '_uvError', { value: uvError });
for (const [name, fn] of Object.entries(syncFns)) {
  if (name === 'existsSync') continue;
  const base = name.slice(0, -4);
  module.exports[base] = callbackify(fn);
}
// readv and writev call back with the count and the buffers.
for (const [name, fn] of [['readv', readvSync], ['writev', writevSync]]) {
  module.exports[name] = function (fd, buffers, ...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
    let n;
    let error = null;
    try {
      n = fn(fd, buffers, ...args);
    } catch (e) {
      error = fromLoop(e);
    }
    setImmediate(() => (error ? cb(error) : cb(null, n, buffers)));
  };
  Object.defineProperty(module.exports[name], 'name', { value: name });
}
// cp's filter may answer with a promise: the copy runs from the promise form.
module.exports.cp = function cp(src, dest, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
  require('internal/fs_cp').cp(module.exports, src, dest, options).then(() => cb(null), cb);
};
module.exports.readSync = readSync;
module.exports.writeSync = writeSync;
// read and write call back with the count and the buffer (or string) given, as Node's do.
module.exports.read = function read(fd, buffer, ...args) {
  const cb = args.pop();
  if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
  let n;
  let error = null;
  try {
    n = readSync(fd, buffer, ...args);
  } catch (e) {
    error = fromLoop(e);
  }
  setImmediate(() => (error ? cb(error) : cb(null, n, buffer)));
};
module.exports.write = function write(fd, data, ...args) {
  const cb = args.pop();
  if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
  let n;
  let error = null;
  try {
    n = writeSync(fd, data, ...args);
  } catch (e) {
    error = fromLoop(e);
  }
  setImmediate(() => (error ? cb(error) : cb(null, n, data)));
};
// The stream classes, loaded when first used. As Node's, each accessor's setter replaces the
// class (graceful-fs assigns its own to a copy of fs's properties), and createReadStream and
// createWriteStream make streams of the class set.
let ReadStream;
let WriteStream;
let FileReadStream;
let FileWriteStream;
function lazyLoadStreams() {
  if (ReadStream === undefined) {
    ({ ReadStream, WriteStream } = require('internal/fs_streams'));
    FileReadStream = ReadStream;
    FileWriteStream = WriteStream;
  }
}
module.exports.createReadStream = function createReadStream(path, options) {
  lazyLoadStreams();
  return new ReadStream(path, options);
};
module.exports.createWriteStream = function createWriteStream(path, options) {
  lazyLoadStreams();
  return new WriteStream(path, options);
};
// Each accessor reads and sets its own variable (the File* names are Node's aliases).
const streamClass = (get, set) => ({ get, set, enumerable: true, configurable: true });
Object.defineProperties(module.exports, {
  ReadStream: streamClass(() => (lazyLoadStreams(), ReadStream), (v) => { ReadStream = v; }),
  WriteStream: streamClass(() => (lazyLoadStreams(), WriteStream), (v) => { WriteStream = v; }),
  FileReadStream: streamClass(() => (lazyLoadStreams(), FileReadStream), (v) => { FileReadStream = v; }),
  FileWriteStream: streamClass(() => (lazyLoadStreams(), FileWriteStream), (v) => { FileWriteStream = v; }),
});
module.exports.exists = function exists(path, cb) {
  const r = existsSync(path);
  setImmediate(() => cb(r));
};
module.exports.promises = {};
const fdFns = new Set(['openSync', 'closeSync', 'fstatSync', 'ftruncateSync', 'fsyncSync', 'fdatasyncSync',
  'futimesSync', 'fchownSync', 'fchmodSync']);
for (const [name, fn] of Object.entries(syncFns)) {
  if (name === 'existsSync' || fdFns.has(name)) continue;
  module.exports.promises[name.slice(0, -4)] = promisify(fn);
}
// Watchers (internal/fs_watchers.js), loaded on first use.
let watchers = null;
function lazyWatchers() {
  if (watchers === null) watchers = require('internal/fs_watchers')({ fs: module.exports, toPath });
  return watchers;
}
module.exports.watch = function watch(filename, options, listener) {
  return lazyWatchers().watch(filename, options, listener);
};
module.exports.watchFile = function watchFile(filename, options, listener) {
  return lazyWatchers().watchFile(filename, options, listener);
};
module.exports.unwatchFile = function unwatchFile(filename, listener) {
  return lazyWatchers().unwatchFile(filename, listener);
};
module.exports.promises.watch = function watch(filename, options = undefined) {
  return lazyWatchers().watchPromises(filename, options);
};
module.exports.promises.open = async function open(path, flags, mode) {
  const { FileHandle } = require('internal/fs_filehandle');
  return new FileHandle(module.exports, openSync(path, flags, mode));
};
module.exports.promises.cp = async function cp(src, dest, options) {
  return require('internal/fs_cp').cp(module.exports, src, dest, options);
};
// The native realpath (realpath(3)): without Node's walk for its error's path.
module.exports.realpath.native = function realpath(path, options, cb) {
  if (typeof options === 'function') cb = options;
  if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
  let result;
  let error = null;
  try {
    result = realpathSync.native(path);
  } catch (e) {
    error = fromLoop(e);
  }
  setImmediate(() => (error ? cb(error) : cb(null, result)));
};
module.exports.promises.constants = module.exports.constants = { ...O };
module.exports.promises.lchmod = async function lchmod(path, mode) { // eslint-disable-line no-unused-vars
  throw require('internal/errors').makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The lchmod() method is not implemented');
};
module.exports.F_OK = 0;
module.exports.R_OK = 4;
module.exports.W_OK = 2;
module.exports.X_OK = 1;
