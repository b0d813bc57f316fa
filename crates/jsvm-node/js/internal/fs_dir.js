// fs.Dir (opendir, opendirSync, fs.promises.opendir): a directory's entries read one at a time,
// as Node's. The entries are listed when the directory is opened (Node reads them in batches
// from the open directory; a file made or removed while reading may or may not be seen there).
'use strict';
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals

const { codes, makeError, validateFunction } = require('internal/errors');

const kEntries = Symbol('kDirEntries');
const kClosed = Symbol('kDirClosed');
const kOperation = Symbol('kDirOperationQueue');

function dirClosed() {
  return makeError(Error, 'ERR_DIR_CLOSED', 'Directory handle was closed');
}

// The entries of `path` (and below, for `recursive`) as Dirents, in the order read.
function listEntries(fs, path, recursive) {
  const out = [];
  const walk = (dir) => {
    for (const dirent of fs.readdirSync(dir, { withFileTypes: true })) {
      out.push(dirent);
      if (recursive && dirent.isDirectory()) walk(`${dir}/${dirent.name}`);
    }
  };
  walk(path);
  return out;
}

class Dir {
  constructor(path, entries) {
    this[kEntries] = entries;
    this[kClosed] = false;
    this[kOperation] = null;
    Object.defineProperty(this, 'path', { value: path, enumerable: true });
  }

  readSync() {
    if (this[kClosed]) throw dirClosed();
    return this[kEntries].length > 0 ? this[kEntries].shift() : null;
  }

  read(callback) {
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        try {
          resolve(this.readSync());
        } catch (e) {
          reject(e);
        }
      });
    }
    validateFunction(callback, 'callback');
    let entry;
    let error = null;
    try {
      entry = this.readSync();
    } catch (e) {
      error = e;
    }
    setImmediate(() => (error ? callback(error) : callback(null, entry)));
    return undefined;
  }

  closeSync() {
    if (this[kClosed]) throw dirClosed();
    this[kClosed] = true;
    this[kEntries] = [];
  }

  close(callback) {
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        try {
          this.closeSync();
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    }
    validateFunction(callback, 'callback');
    let error = null;
    try {
      this.closeSync();
    } catch (e) {
      error = e;
    }
    setImmediate(() => callback(error));
    return undefined;
  }

  async* entries() {
    try {
      for (;;) {
        const entry = await this.read();
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this[kClosed]) this.closeSync();
    }
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }
}

function opendirSync(fs, path, options) {
  path = fs._toPath(path);
  const recursive = !!(options && typeof options === 'object' && options.recursive);
  let st;
  try {
    st = fs.statSync(path);
  } catch (e) {
    // Node's message names the call, not the path (libuv's opendir request).
    throw fs._uvError(e, 'opendir');
  }
  if (!st.isDirectory()) {
    const err = new Error('ENOTDIR: not a directory, opendir');
    Object.assign(err, { errno: -20, code: 'ENOTDIR', syscall: 'opendir' });
    throw err;
  }
  return new Dir(path, listEntries(fs, path, recursive));
}

function checkOptions(options) {
  if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'string') {
    throw codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  }
}

module.exports = { Dir, opendirSync, checkOptions };
