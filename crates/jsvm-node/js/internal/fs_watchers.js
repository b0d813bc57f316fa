// fs.watch, fs.watchFile/unwatchFile and fs.promises.watch, written from Node 20's docs and
// behaviour on Linux.
//
// A watcher's handle (FSEvent) is an inotify instance in the loop's poll
// (src/net_binding/watch.rs, reached through net's handle table, as child processes are), whose
// events come as I/O callbacks. `recursive` is done here, as Node 20 does it on Linux: every
// file and directory of the tree gets a watcher of its own, and a directory's change makes it
// be read again. watchFile polls (libuv's fs_poll): a timer stats the path every `interval` ms
// and reports a change of the stats (or of the error) to the 'change' listeners.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setTimeout, clearTimeout } = binding.timers; // the host's: fake timers replace the globals
const EventEmitter = require('events');
const { Buffer } = require('buffer');
const pathModule = require('path');
const {
  codes, validateBoolean, validateAbortSignal, validateObject, validateUint32, validateFunction,
  abortError,
} = require('internal/errors');

// Event types of src/net_binding.rs.
const EV_WATCH = 40;
const EV_WATCH_ERROR = 41;
const UV_ENOSPC = -28;

let netInternal = null;
function net() {
  if (netInternal === null) netInternal = require('net')._internal;
  return netInternal;
}

// fs.js's helpers (set by fs.js when it first needs this module).
let fsHelpers = null;

// Node's UVException: `ENOENT: no such file or directory, watch 'path'`.
function uvException(errno, syscall, path, message) {
  const [code, desc] = net().nb.errname(errno);
  const err = new Error(`${code}: ${message || desc}, ${syscall} '${path}'`);
  err.errno = errno;
  err.syscall = syscall;
  err.code = code;
  err.path = path;
  // The stack starts where Node's does (the watcher's start), without this helper.
  Error.captureStackTrace(err, uvException);
  return err;
}


// The name of an event, in the watcher's encoding ('buffer': a Buffer; an unknown name is
// utf8, as Node's native side reads it).
function decodeName(bytes, encoding) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === 'buffer') return b;
  return b.toString(typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
}

// ---- FSEvent: one inotify watch ----------------------------------------------------------------

class FSEvent {
  constructor() {
    this.onchange = null;
    this._id = 0;
    this._refed = true;
    this._encoding = undefined;
    this._path = '';
  }

  get initialized() { return this._id !== 0; }

  // 0, or the negative errno the watch could not be made with.
  start(path, persistent, encoding) {
    const id = net().nb.watch(path);
    if (id < 0) return id;
    this._refed = !!persistent;
    this._encoding = encoding;
    this._path = path;
    net().attach(this, id);
    return 0;
  }

  close() { net().detach(this); }
  ref() { net().setRef(this, true); }
  unref() { net().setRef(this, false); }

  _onIo(type, payload) {
    if (typeof this.onchange !== 'function') return;
    if (type === EV_WATCH) this.onchange(0, payload[0], decodeName(payload[1], this._encoding));
    else if (type === EV_WATCH_ERROR) this.onchange(payload, undefined, this._path);
  }
}

// ---- FSWatcher ---------------------------------------------------------------------------------

const kFSWatchStart = Symbol('kFSWatchStart');

function emitCloseNT(self) {
  self.emit('close');
}

function FSWatcher() {
  EventEmitter.call(this);
  this._handle = new FSEvent();
  this._handle.onchange = (status, eventType, filename) => {
    if (status < 0) {
      if (this._handle !== null) {
        // Not this.close(): an error is no 'close'.
        this._handle.close();
        this._handle = null;
      }
      const error = uvException(status, 'watch', filename);
      error.filename = filename;
      this.emit('error', error);
    } else {
      this.emit('change', eventType, filename);
    }
  };
}
Object.setPrototypeOf(FSWatcher.prototype, EventEmitter.prototype);
Object.setPrototypeOf(FSWatcher, EventEmitter);

FSWatcher.prototype[kFSWatchStart] = function (filename, persistent, recursive, encoding) {
  if (this._handle === null || this._handle.initialized) return; // closed, or started
  filename = fsHelpers.toPath(filename, 'filename');
  const err = this._handle.start(filename, persistent, encoding);
  if (err) {
    const error = uvException(err, 'watch', filename,
      err === UV_ENOSPC ? 'System limit for number of file watchers reached' : '');
    error.filename = filename;
    throw error;
  }
};

// Node's no-op, kept for programs that call it.
FSWatcher.prototype.start = () => {};

FSWatcher.prototype.close = function () {
  if (this._handle === null || !this._handle.initialized) return;
  this._handle.close();
  this._handle = null;
  process.nextTick(emitCloseNT, this);
};

FSWatcher.prototype.ref = function () {
  if (this._handle) this._handle.ref();
  return this;
};

FSWatcher.prototype.unref = function () {
  if (this._handle) this._handle.unref();
  return this;
};

// ---- recursive watching (Node 20 on Linux) ---------------------------------------------------

class RecursiveWatcher extends EventEmitter {
  #options;
  #closed = false;
  #files = new Map(); // path -> its Stats when last seen
  #watchers = new Map(); // path -> its FSWatcher
  #links = new Set();
  #root = pathModule.resolve();
  #rootIsFile = false;

  constructor(options) {
    super();
    const { persistent, recursive, signal, encoding } = options;
    if (recursive != null) validateBoolean(recursive, 'options.recursive');
    if (persistent != null) validateBoolean(persistent, 'options.persistent');
    if (signal != null) validateAbortSignal(signal, 'options.signal');
    if (encoding != null && typeof encoding !== 'string') {
      throw codes.ERR_INVALID_ARG_VALUE(encoding, 'options.encoding');
    }
    this.#options = { persistent, recursive, signal, encoding };
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    for (const file of this.#files.keys()) {
      this.#watchers.get(file)?.close();
      this.#watchers.delete(file);
    }
    this.#files.clear();
    this.#links.clear();
    this.emit('close');
  }

  #unwatch(prefix) {
    this.#links.delete(prefix);
    for (const file of this.#files.keys()) {
      if (file.startsWith(prefix)) {
        this.#files.delete(file);
        this.#watchers.get(file)?.close();
        this.#watchers.delete(file);
      }
    }
  }

  // Reads a directory: each entry not seen before is told as a 'rename' and watched.
  #watchFolder(folder) {
    try {
      for (const entry of fsHelpers.fs.readdirSync(folder, { withFileTypes: true })) {
        if (this.#closed) break;
        const f = pathModule.join(folder, entry.name);
        if (this.#files.has(f)) continue;
        this.emit('change', 'rename', pathModule.relative(this.#root, f));
        if (entry.isSymbolicLink()) this.#links.add(f);
        try {
          this.#watchFile(f);
          if (entry.isDirectory() && !entry.isSymbolicLink()) this.#watchFolder(f);
        } catch (err) {
          if (err.code !== 'ENOENT') throw err;
        }
      }
    } catch (error) {
      this.emit('error', error);
    }
  }

  #watchFile(file) {
    if (this.#closed || this.#files.has(file)) return;
    this.#files.set(file, fsHelpers.fs.statSync(file));
    const watcher = watch(file, { persistent: this.#options.persistent }, () => {
      const seen = this.#files.get(file);
      let now;
      try {
        now = fsHelpers.fs.statSync(file);
        this.#files.set(file, now);
      } catch {
        // Removed.
      }
      if (now === undefined || (now.birthtimeMs === 0 && seen.birthtimeMs !== 0)) {
        this.#files.delete(file);
        this.#watchers.delete(file);
        watcher.close();
        this.emit('change', 'rename', pathModule.relative(this.#root, file));
        this.#unwatch(file);
      } else if (file === this.#root && this.#rootIsFile) {
        this.emit('change', 'change', pathModule.basename(file));
      } else if (this.#links.has(file)) {
        this.emit('change', 'rename', pathModule.relative(this.#root, file));
      } else if (now.isDirectory()) {
        this.#watchFolder(file);
      } else {
        this.emit('change', 'change', pathModule.relative(this.#root, file));
      }
    });
    this.#watchers.set(file, watcher);
  }

  [kFSWatchStart](filename) {
    filename = pathModule.resolve(fsHelpers.toPath(filename));
    try {
      const st = fsHelpers.fs.statSync(filename);
      this.#root = filename;
      this.#closed = false;
      this.#rootIsFile = st.isFile();
      this.#watchFile(filename);
      if (st.isDirectory()) this.#watchFolder(filename);
    } catch (error) {
      if (error.code === 'ENOENT') {
        error.filename = filename;
        throw error;
      }
    }
  }

  // As Node 20's: the tree's watchers keep their own `persistent`.
  ref() {}
  unref() {}

  [Symbol.asyncIterator]() {
    const { signal } = this.#options;
    const wait = (resolve, reject) => {
      let onAbort;
      if (signal != null) {
        onAbort = () => {
          this.close();
          reject(abortError(signal));
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
      }
      this.once('change', (eventType, filename) => {
        if (onAbort) signal.removeEventListener('abort', onAbort);
        resolve({ __proto__: null, value: { eventType, filename } });
      });
    };
    return {
      next: () => (this.#closed ? { __proto__: null, done: true } : new Promise(wait)),
      return: () => {
        this.close();
        return { __proto__: null, done: true };
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }
}
Object.defineProperty(RecursiveWatcher, 'name', { value: 'FSWatcher' });

// ---- fs.watch ----------------------------------------------------------------------------------

// fs's getOptions for watch: a string is the encoding.
function watchOptions(options) {
  if (options == null || typeof options === 'function') return {};
  if (typeof options === 'string') options = { encoding: options };
  else if (typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  const { encoding } = options;
  if (encoding !== 'buffer' && encoding && !Buffer.isEncoding(encoding)) {
    throw codes.ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function watch(filename, options, listener) {
  if (typeof options === 'function') listener = options;
  options = { ...watchOptions(options) };
  if (options.persistent === undefined) options.persistent = true;
  if (options.recursive === undefined) options.recursive = false;
  const path = fsHelpers.toPath(filename);
  let watcher;
  if (options.recursive) {
    watcher = new RecursiveWatcher(options);
    watcher[kFSWatchStart](path);
  } else {
    watcher = new FSWatcher();
    watcher[kFSWatchStart](path, options.persistent, options.recursive, options.encoding);
  }
  if (listener) watcher.addListener('change', listener);
  const { signal } = options;
  if (signal) {
    if (signal.aborted) {
      process.nextTick(() => watcher.close());
    } else {
      const onAbort = () => watcher.close();
      signal.addEventListener('abort', onAbort);
      watcher.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return watcher;
}

// ---- fs.promises.watch -------------------------------------------------------------------------

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// An event that comes while the previous one waits to be taken is dropped, as in Node 20.
async function* watchPromises(filename, options = {}) {
  const path = fsHelpers.toPath(filename);
  validateObject(options, 'options');
  const { persistent = true, recursive = false, encoding = 'utf8', signal } = options;
  validateBoolean(persistent, 'options.persistent');
  validateBoolean(recursive, 'options.recursive');
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  if (encoding && !Buffer.isEncoding(encoding)) {
    throw codes.ERR_INVALID_ARG_VALUE(encoding, 'encoding', 'is invalid encoding');
  }
  if (signal?.aborted) throw abortError(signal);

  const handle = new FSEvent();
  let next = deferred();
  const oncancel = () => {
    handle.close();
    next.reject(abortError(signal));
  };
  try {
    if (signal) signal.addEventListener('abort', oncancel, { once: true });
    handle.onchange = (status, eventType, name) => {
      if (status < 0) {
        const error = uvException(status, 'watch', name);
        error.filename = name;
        handle.close();
        next.reject(error);
        return;
      }
      next.resolve({ eventType, filename: name });
    };
    const err = handle.start(path, persistent, encoding);
    if (err) {
      const error = uvException(err, 'watch', filename,
        err === UV_ENOSPC ? 'System limit for number of file watchers reached' : '');
      error.filename = filename;
      handle.close();
      throw error;
    }
    while (!signal?.aborted) {
      yield await next.promise;
      next = deferred();
    }
    throw abortError(signal);
  } finally {
    handle.close();
    signal?.removeEventListener('abort', oncancel);
  }
}

// ---- watchFile: StatWatcher (libuv's fs_poll) ----------------------------------------------------

const kOldStatus = Symbol('kOldStatus');
const kUseBigint = Symbol('kUseBigint');
const kRefCount = Symbol('KFSStatWatcherRefCount');
const kMaxRefCount = Symbol('KFSStatWatcherMaxRefCount');
const kFSStatWatcherStart = Symbol('kFSStatWatcherStart');
const kFSStatWatcherAddOrCleanRef = Symbol('kFSStatWatcherAddOrCleanRef');

// Stats of nothing: what a poll tells for a path that is not there.
function zeroStats() {
  const st = new fsHelpers.fs.Stats([-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  st.blksize = 0;
  return st;
}

// What libuv compares (statbuf_eq): times of change, modification and birth, size, mode,
// owner, inode and device.
function sameStats(a, b) {
  return a.ctimeMs === b.ctimeMs && a.mtimeMs === b.mtimeMs && a.birthtimeMs === b.birthtimeMs &&
    a.size === b.size && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid &&
    a.ino === b.ino && a.dev === b.dev;
}

// One path polled with stat every `interval` ms. onchange(status, curr, prev): status is 0 or
// the stat's negative errno; a repeated error is told once.
class StatPoll {
  constructor() {
    this.onchange = null;
    this._path = '';
    this._interval = 1;
    this._timer = null;
    this._refed = true;
    this._last = null; // the last stats read
    this._busy = 0; // 0 before the first stat, 1 after a good one, else the error's errno
    this._start = 0;
  }

  // The first stat comes from the loop, as libuv's (so the listeners added after start hear
  // of a path that is not there).
  start(path, interval) {
    this._path = path;
    this._interval = interval || 1;
    this._schedule(0);
    return 0;
  }

  _schedule(wait) {
    this._timer = setTimeout(() => {
      this._timer = null;
      this._start = Date.now();
      this._poll();
    }, wait);
    if (!this._refed) this._timer.unref();
  }

  _poll() {
    let st;
    let status = 0;
    try {
      st = fsHelpers.fs.statSync(this._path);
    } catch (e) {
      status = typeof e.errno === 'number' ? e.errno : -2;
    }
    if (status !== 0) {
      if (this._busy !== status) {
        this._busy = status;
        this._emit(status, zeroStats(), this._last ?? zeroStats());
      }
    } else {
      if (this._busy !== 0 && (this._busy < 0 || !sameStats(this._last, st))) {
        this._emit(0, st, this._last ?? zeroStats());
      }
      this._last = st;
      this._busy = 1;
    }
    if (this._path === null) return; // closed by a listener
    this._schedule(this._interval - ((Date.now() - this._start) % this._interval));
  }

  _emit(status, curr, prev) {
    if (typeof this.onchange === 'function') this.onchange(status, curr, prev);
  }

  close() {
    this._path = null;
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }

  ref() {
    this._refed = true;
    if (this._timer !== null) this._timer.ref();
  }

  unref() {
    this._refed = false;
    if (this._timer !== null) this._timer.unref();
  }
}

function onStatChange(newStatus, curr, prev) {
  if (this[kOldStatus] === -1 && newStatus === -1 && curr.nlink === prev.nlink) return;
  this[kOldStatus] = newStatus;
  this.emit('change', curr, prev);
}

function StatWatcher(bigint) {
  EventEmitter.call(this);
  this._handle = null;
  this[kOldStatus] = -1;
  this[kUseBigint] = bigint;
  this[kRefCount] = 1;
  this[kMaxRefCount] = 1;
}
Object.setPrototypeOf(StatWatcher.prototype, EventEmitter.prototype);
Object.setPrototypeOf(StatWatcher, EventEmitter);

StatWatcher.prototype[kFSStatWatcherStart] = function (filename, persistent, interval) {
  if (this._handle !== null) return;
  this._handle = new StatPoll();
  this._handle.onchange = onStatChange.bind(this);
  if (!persistent) this.unref();
  this[kOldStatus] = -1;
  filename = fsHelpers.toPath(filename, 'filename');
  validateUint32(interval, 'interval');
  this._handle.start(filename, interval);
};

StatWatcher.prototype[kFSStatWatcherAddOrCleanRef] = function (operate) {
  if (operate === 'add') {
    this[kRefCount]++;
    this[kMaxRefCount]++;
  } else if (operate === 'clean') {
    this[kMaxRefCount]--;
    this.unref();
  } else if (operate === 'cleanAll') {
    this[kMaxRefCount] = 0;
    this[kRefCount] = 0;
    this._handle?.unref();
  }
};

StatWatcher.prototype.start = () => {};

function emitStop(self) {
  self.emit('stop');
}

StatWatcher.prototype.stop = function () {
  if (this._handle === null) return;
  process.nextTick(emitStop, this);
  this._handle.close();
  this._handle = null;
};

StatWatcher.prototype.ref = function () {
  if (this[kRefCount] === this[kMaxRefCount]) return this;
  if (this._handle && this[kRefCount]++ === 0) this._handle.ref();
  return this;
};

StatWatcher.prototype.unref = function () {
  if (this[kRefCount] === 0) return this;
  if (this._handle && --this[kRefCount] === 0) this._handle.unref();
  return this;
};

const statWatchers = new Map(); // resolved path -> StatWatcher

function watchFile(filename, options, listener) {
  filename = pathModule.resolve(fsHelpers.toPath(filename));
  if (options === null || typeof options !== 'object') {
    listener = options;
    options = null;
  }
  options = { interval: 5007, persistent: true, ...options };
  validateFunction(listener, 'listener');
  let stat = statWatchers.get(filename);
  if (stat === undefined) {
    stat = new StatWatcher(options.bigint);
    stat[kFSStatWatcherStart](filename, options.persistent, options.interval);
    statWatchers.set(filename, stat);
  } else {
    stat[kFSStatWatcherAddOrCleanRef]('add');
  }
  stat.addListener('change', listener);
  return stat;
}

function unwatchFile(filename, listener) {
  filename = pathModule.resolve(fsHelpers.toPath(filename));
  const stat = statWatchers.get(filename);
  if (stat === undefined) return;
  if (typeof listener === 'function') {
    const before = stat.listenerCount('change');
    stat.removeListener('change', listener);
    if (stat.listenerCount('change') < before) stat[kFSStatWatcherAddOrCleanRef]('clean');
  } else {
    stat.removeAllListeners('change');
    stat[kFSStatWatcherAddOrCleanRef]('cleanAll');
  }
  if (stat.listenerCount('change') === 0) {
    stat.stop();
    statWatchers.delete(filename);
  }
}

module.exports = function init(helpers) {
  fsHelpers = helpers;
  return { watch, watchFile, unwatchFile, watchPromises, FSWatcher, StatWatcher };
};
