// fs.ReadStream and fs.WriteStream (createReadStream, createWriteStream), as Node has them, on
// the descriptor calls of `fs`. Reads and writes are made at once (synchronously), a chunk per
// `_read`/`_write`, where Node's run on its thread pool: the same events in the same order, but
// a read from a pipe or terminal that has no data waits for it, blocking the loop.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports
const { Buffer } = require('buffer'); // not the global, which a program may delete

const { Readable, Writable } = require('stream');
const fs = require('fs');

function invalidArgType(name, expected, value) {
  return require('internal/errors').codes.ERR_INVALID_ARG_TYPE(name, expected, value);
}
function optionsOf(options) {
  if (options == null) return {};
  if (typeof options === 'string') return { encoding: options };
  if (typeof options !== 'object') throw invalidArgType('options', ['string', 'Object'], options);
  return options;
}
function pathOf(path) {
  if (path && typeof path === 'object' && typeof path.href === 'string' && path.protocol === 'file:') {
    return require('url').fileURLToPath(path);
  }
  if (path instanceof Uint8Array) return Buffer.from(path).toString();
  return path;
}
function checkRange(name, value, min) {
  if (value === undefined) return;
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!(value >= min) || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw require('internal/errors').codes.ERR_OUT_OF_RANGE(name, `>= ${min} and <= 9007199254740991`, value);
  }
}

// Opens the file in `_construct` (so 'open' and 'ready' come before any data), closes it in
// `_destroy` when autoClose.
function construct(stream, cb) {
  if (typeof stream.fd === 'number') {
    cb();
    return;
  }
  try {
    stream.fd = fs.openSync(stream.path, stream.flags, stream.mode);
  } catch (e) {
    cb(e);
    return;
  }
  cb();
  stream.emit('open', stream.fd);
  stream.emit('ready');
}
function destroy(stream, err, cb) {
  if (typeof stream.fd === 'number' && stream._autoClose) {
    const fd = stream.fd;
    stream.fd = null;
    try {
      fs.closeSync(fd);
    } catch (e) {
      err = err || e;
    }
  }
  cb(err);
}

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = optionsOf(options);
  const opts = { ...options };
  if (opts.highWaterMark === undefined) opts.highWaterMark = 64 * 1024;
  // Destroyed (the file closed, then 'close') after the end, unless autoClose is false.
  opts.autoDestroy = options.autoClose === undefined ? true : Boolean(options.autoClose);
  this.fd = options.fd === undefined ? null : options.fd;
  this.path = this.fd === null ? pathOf(path) : undefined;
  if (this.fd === null && typeof this.path !== 'string') {
    throw invalidArgType('path', ['string', 'Buffer', 'URL'], path);
  }
  this.flags = options.flags === undefined ? 'r' : options.flags;
  this.mode = options.mode === undefined ? 0o666 : options.mode;
  checkRange('start', options.start, 0);
  checkRange('end', options.end, 0);
  this.start = options.start;
  this.end = options.end === undefined ? Infinity : options.end;
  this.pos = this.start;
  this.bytesRead = 0;
  this._autoClose = options.autoClose === undefined ? true : options.autoClose;
  Reflect.apply(Readable, this, [opts]);
  if (this.start !== undefined && this.start > this.end) {
    throw require('internal/errors').codes.ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
  }
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);
Object.defineProperty(ReadStream.prototype, 'autoClose', {
  get() { return this._autoClose; },
  set(v) { this._autoClose = v; },
  configurable: true,
});
Object.defineProperty(ReadStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});
ReadStream.prototype._construct = function _construct(cb) {
  construct(this, cb);
};
// The read is made from the loop's check phase, where Node's completes in its poll phase:
// one chunk per turn of the loop, so consumers see the chunks Node gives.
ReadStream.prototype._read = function _read(n) {
  setImmediate(() => {
    if (!this.destroyed) readChunk(this, n);
  });
};
function readChunk(stream, n) {
  let want = n;
  if (stream.end !== Infinity) {
    const from = stream.pos === undefined ? stream.bytesRead : stream.pos;
    want = Math.min(stream.end - from + 1, n);
  }
  if (want <= 0) {
    stream.push(null);
    return;
  }
  let chunk;
  try {
    const buf = Buffer.allocUnsafe(want);
    const got = fs.readSync(stream.fd, buf, 0, want, stream.pos === undefined ? null : stream.pos);
    chunk = got === want ? buf : buf.subarray(0, got);
  } catch (e) {
    stream.destroy(e);
    return;
  }
  if (stream.pos !== undefined) stream.pos += chunk.length;
  stream.bytesRead += chunk.length;
  stream.push(chunk.length > 0 ? chunk : null);
}
ReadStream.prototype._destroy = function _destroy(err, cb) {
  destroy(this, err, cb);
};
ReadStream.prototype.close = function close(cb) {
  if (typeof cb === 'function') require('stream').finished(this, cb);
  this.destroy();
};

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = optionsOf(options);
  const opts = { ...options, decodeStrings: true };
  // Destroyed (the file closed, then 'close') after the end, unless autoClose is false.
  opts.autoDestroy = options.autoClose === undefined ? true : Boolean(options.autoClose);
  this.fd = options.fd === undefined ? null : options.fd;
  this.path = this.fd === null ? pathOf(path) : undefined;
  if (this.fd === null && typeof this.path !== 'string') {
    throw invalidArgType('path', ['string', 'Buffer', 'URL'], path);
  }
  this.flags = options.flags === undefined ? 'w' : options.flags;
  this.mode = options.mode === undefined ? 0o666 : options.mode;
  checkRange('start', options.start, 0);
  this.start = options.start;
  this.pos = this.start;
  this.bytesWritten = 0;
  this._autoClose = options.autoClose === undefined ? true : options.autoClose;
  Reflect.apply(Writable, this, [opts]);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);
Object.defineProperty(WriteStream.prototype, 'autoClose', {
  get() { return this._autoClose; },
  set(v) { this._autoClose = v; },
  configurable: true,
});
Object.defineProperty(WriteStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});
WriteStream.prototype._construct = function _construct(cb) {
  construct(this, cb);
};
WriteStream.prototype._write = function _write(chunk, encoding, cb) {
  try {
    let done = 0;
    while (done < chunk.length) {
      const n = fs.writeSync(this.fd, chunk, done, chunk.length - done,
        this.pos === undefined ? null : this.pos + done);
      done += n;
    }
    if (this.pos !== undefined) this.pos += done;
    this.bytesWritten += done;
  } catch (e) {
    cb(e);
    return;
  }
  cb();
};
WriteStream.prototype._final = function _final(cb) {
  cb();
};
WriteStream.prototype._destroy = function _destroy(err, cb) {
  destroy(this, err, cb);
};
WriteStream.prototype.close = function close(cb) {
  if (cb) {
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on('close', cb);
  }
  if (!this._autoClose) this.on('finish', this.destroy);
  this.end();
};
WriteStream.prototype.destroySoon = WriteStream.prototype.end;

function createReadStream(path, options) {
  return new ReadStream(path, options);
}
function createWriteStream(path, options) {
  return new WriteStream(path, options);
}

module.exports = { ReadStream, WriteStream, createReadStream, createWriteStream };
