// Readable.fromWeb/toWeb and Writable.fromWeb/toWeb: Node streams over WHATWG streams and the
// other way round, as Node's adapters behave (backpressure, end, errors, cancel/destroy).
'use strict';
const { Buffer } = require('buffer'); // not the global, which a program may delete

const { codes } = require('internal/errors');
const web = require('internal/webstreams');

function readableToWeb(streamReadable, options = {}) {
  const { Readable } = require('stream');
  if (!(streamReadable instanceof Readable) || typeof streamReadable._read !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('streamReadable', 'stream.Readable', streamReadable);
  }
  const objectMode = streamReadable.readableObjectMode;
  const strategy = options.strategy ||
    (objectMode ? new web.CountQueuingStrategy({ highWaterMark: streamReadable.readableHighWaterMark })
      : { highWaterMark: streamReadable.readableHighWaterMark, size: (c) => c.byteLength });
  let controller;
  let done = false;
  const onData = (chunk) => {
    // Bytes come out as Uint8Arrays (a Buffer is one; its pool is not shared out).
    if (Buffer.isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  };
  const finish = (err) => {
    if (done) return;
    done = true;
    if (err) controller.error(err);
    else controller.close();
  };
  streamReadable.on('data', onData);
  streamReadable.once('end', () => finish());
  streamReadable.once('error', (err) => finish(err));
  streamReadable.once('close', () => {
    if (!done && !streamReadable.readableEnded) finish(streamReadable.errored || new Error('Premature close'));
  });
  streamReadable.pause();
  return new web.ReadableStream({
    start(c) {
      controller = c;
    },
    pull() {
      streamReadable.resume();
    },
    cancel(reason) {
      done = true;
      streamReadable.destroy(reason);
    },
  }, strategy);
}

function readableFromWeb(readableStream, options = {}) {
  const { Readable } = require('stream');
  if (!web.internal.isReadableStream(readableStream)) {
    throw codes.ERR_INVALID_ARG_TYPE('readableStream', 'ReadableStream', readableStream);
  }
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  const reader = readableStream.getReader();
  let closed = false;
  const readable = new Readable({
    objectMode,
    highWaterMark,
    encoding,
    signal,
    read() {
      reader.read().then(({ value, done }) => {
        if (done) {
          closed = true;
          readable.push(null);
        } else {
          readable.push(value);
        }
      }, (err) => readable.destroy(err));
    },
    destroy(err, callback) {
      if (closed) {
        callback(err);
        return;
      }
      closed = true;
      reader.cancel(err).then(() => callback(err), (e) => callback(e || err));
    },
  });
  reader.closed.then(() => { closed = true; }, (err) => {
    closed = true;
    readable.destroy(err);
  });
  return readable;
}

function writableToWeb(streamWritable) {
  const { Writable } = require('stream');
  if (!(streamWritable instanceof Writable) || typeof streamWritable._write !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('streamWritable', 'stream.Writable', streamWritable);
  }
  let controller;
  let pending = null; // the write waiting for 'drain'
  streamWritable.on('drain', () => {
    if (pending) {
      const resolve = pending;
      pending = null;
      resolve();
    }
  });
  streamWritable.once('error', (err) => controller.error(err));
  return new web.WritableStream({
    start(c) {
      controller = c;
    },
    write(chunk) {
      if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
        return new Promise((resolve) => { pending = resolve; });
      }
      return undefined;
    },
    close() {
      return new Promise((resolve, reject) => {
        streamWritable.end((err) => (err ? reject(err) : resolve()));
      });
    },
    abort(reason) {
      streamWritable.destroy(reason);
    },
  }, { highWaterMark: streamWritable.writableHighWaterMark, size: (c) => (c == null ? 1 : c.length || 1) });
}

function writableFromWeb(writableStream, options = {}) {
  const { Writable } = require('stream');
  const { isWritableStream } = web.internal;
  if (!isWritableStream(writableStream)) {
    throw codes.ERR_INVALID_ARG_TYPE('writableStream', 'WritableStream', writableStream);
  }
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  const writer = writableStream.getWriter();
  let closed = false;
  return new Writable({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    write(chunk, encoding, callback) {
      writer.ready.then(() => writer.write(chunk)).then(() => callback(), (err) => callback(err));
    },
    final(callback) {
      closed = true;
      writer.close().then(() => callback(), (err) => callback(err));
    },
    destroy(err, callback) {
      if (closed) {
        callback(err);
        return;
      }
      closed = true;
      writer.abort(err).then(() => callback(err), (e) => callback(e || err));
    },
  });
}

module.exports = { readableToWeb, readableFromWeb, writableToWeb, writableFromWeb };
