// fs.promises.open's FileHandle: a file descriptor with promise methods, as Node's (read, write,
// readFile, writeFile, appendFile, stat, truncate, sync, datasync, chmod, chown, utimes,
// readv, writev, readLines, the file streams, close and Symbol.asyncDispose). The work is done
// synchronously, the promise settles from a job, as fs.promises' other calls.
'use strict';
const EventEmitter = require('events');

const { codes } = require('internal/errors');

const kFd = Symbol('kFd');
const kClosing = Symbol('kClosing');

// Node's refusal of a call on a closed handle.
function badFd(syscall) {
  const err = new Error('file closed');
  Object.assign(err, { code: 'EBADF', syscall });
  return err;
}

let BufferCtor = null;
function Buffer() {
  if (BufferCtor === null) BufferCtor = require('buffer').Buffer;
  return BufferCtor;
}

class FileHandle extends EventEmitter {
  constructor(fs, fd) {
    super();
    this[kFd] = fd;
    this[kClosing] = null;
    Object.defineProperty(this, '_fs', { value: fs });
  }

  get fd() { return this[kFd]; }

  // Runs `fn(fd)` for a promise; a closed handle refuses with EBADF named by `syscall`.
  _run(syscall, fn) {
    return new Promise((resolve, reject) => {
      if (this[kFd] === -1) {
        reject(badFd(syscall));
        return;
      }
      try {
        resolve(fn(this[kFd]));
      } catch (e) {
        reject(e);
      }
    });
  }

  read(buffer, offset, length, position) {
    return this._run('read', (fd) => {
      if (buffer !== null && typeof buffer === 'object' && !ArrayBuffer.isView(buffer)) {
        ({ buffer = Buffer().alloc(16384), offset = 0, length, position = null } = buffer);
      } else if (buffer === undefined) {
        buffer = Buffer().alloc(16384);
      }
      if (offset !== null && typeof offset === 'object') {
        ({ offset = 0, length, position = null } = offset);
      }
      if (offset == null) offset = 0;
      if (length == null) length = buffer.byteLength - offset;
      const bytesRead = this._fs.readSync(fd, buffer, offset, length, position);
      return { bytesRead, buffer };
    });
  }

  readv(buffers, position) {
    return this._run('read', (fd) => ({ bytesRead: this._fs.readvSync(fd, buffers, position), buffers }));
  }

  write(data, offsetOrPosition, lengthOrEncoding, position) {
    return this._run('write', (fd) => {
      if (ArrayBuffer.isView(data) && offsetOrPosition !== null && typeof offsetOrPosition === 'object') {
        const { offset = 0, length = data.byteLength - offset, position: at = null } = offsetOrPosition;
        return { bytesWritten: this._fs.writeSync(fd, data, offset, length, at), buffer: data };
      }
      const bytesWritten = this._fs.writeSync(fd, data, offsetOrPosition, lengthOrEncoding, position);
      return { bytesWritten, buffer: data };
    });
  }

  writev(buffers, position) {
    return this._run('write', (fd) => ({ bytesWritten: this._fs.writevSync(fd, buffers, position), buffers }));
  }

  readFile(options) {
    return this._run('read', (fd) => this._fs.readFileSync(fd, options));
  }

  writeFile(data, options) {
    return this._run('write', (fd) => {
      const encoding = typeof options === 'string' ? options : (options && options.encoding) || 'utf8';
      const bytes = typeof data === 'string' ? Buffer().from(data, encoding) : data;
      if (!ArrayBuffer.isView(bytes)) {
        throw codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
      }
      let done = 0;
      while (done < bytes.byteLength) done += this._fs.writeSync(fd, bytes, done, bytes.byteLength - done, null);
      return undefined;
    });
  }

  appendFile(data, options) {
    return this.writeFile(data, options);
  }

  stat(options) {
    return this._run('fstat', (fd) => this._fs.fstatSync(fd, options));
  }

  truncate(len = 0) {
    return this._run('ftruncate', (fd) => this._fs.ftruncateSync(fd, len));
  }

  sync() {
    return this._run('fsync', (fd) => this._fs.fsyncSync(fd));
  }

  datasync() {
    return this._run('fdatasync', (fd) => this._fs.fdatasyncSync(fd));
  }

  chmod(mode) {
    return this._run('fchmod', (fd) => this._fs.fchmodSync(fd, mode));
  }

  chown(uid, gid) {
    return this._run('fchown', (fd) => this._fs.fchownSync(fd, uid, gid));
  }

  utimes(atime, mtime) {
    return this._run('futime', (fd) => this._fs.futimesSync(fd, atime, mtime));
  }

  createReadStream(options) {
    return this._fs.createReadStream(null, { ...options, fd: this[kFd] });
  }

  createWriteStream(options) {
    return this._fs.createWriteStream(null, { ...options, fd: this[kFd] });
  }

  readLines(options) {
    return require('readline').createInterface({
      input: this.createReadStream(options),
      crlfDelay: Infinity,
    });
  }

  close() {
    if (this[kClosing] !== null) return this[kClosing];
    if (this[kFd] === -1) return Promise.resolve();
    const fd = this[kFd];
    this[kClosing] = new Promise((resolve, reject) => {
      try {
        this._fs.closeSync(fd);
      } catch (e) {
        this[kClosing] = null;
        reject(e);
        return;
      }
      this[kFd] = -1;
      this[kClosing] = null;
      resolve();
      this.emit('close');
    });
    return this[kClosing];
  }
}
if (typeof Symbol.asyncDispose === 'symbol') {
  Object.defineProperty(FileHandle.prototype, Symbol.asyncDispose, {
    value: async function asyncDispose() { return this.close(); },
    writable: true, configurable: true,
  });
}

module.exports = { FileHandle };
