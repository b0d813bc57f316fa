// Duplex.from, stream.compose, Readable.prototype.compose and stream.duplexPair, written from
// Node's documentation and its observed behaviour (the same Duplex shapes, errors and codes).
'use strict';

const process = require('process');
const { codes, validateObject, validateAbortSignal, abortError } = require('internal/errors');

const kOther = Symbol('kOther');
const kPending = Symbol('kPending');


function install(Stream) {
  const { Readable, Writable, Duplex } = Stream;
  const { eos, destroyer, fromIterable, isReadableNodeStream, isWritableNodeStream } = Stream.internal;
  const isNodeStream = (s) => isReadableNodeStream(s) || isWritableNodeStream(s);
  const isDuplexNodeStream = (s) => isReadableNodeStream(s) && isWritableNodeStream(s);
  const isIterable = (v) => v != null &&
    (typeof v[Symbol.asyncIterator] === 'function' || typeof v[Symbol.iterator] === 'function');

  // A WHATWG stream, only once internal/webstreams is loaded (none exists before).
  function webKind(v) {
    if (v === null || typeof v !== 'object' || !require.isLoaded('internal/webstreams')) return undefined;
    const web = require('stream/web');
    if (v instanceof web.ReadableStream) return 'readable';
    if (v instanceof web.WritableStream) return 'writable';
    return undefined;
  }

  // `fn(source, { signal })` for Duplex.from(asyncGeneratorFunction): `source` yields what is
  // written to the duplex; each write's callback is called once the generator takes it.
  function fromAsyncGen(fn) {
    const { AbortController } = require('internal/abort_controller');
    const ac = new AbortController();
    let waiting = null;
    let slot = null;
    const deliver = (item) => {
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(item);
      } else {
        slot = item;
      }
    };
    const source = (async function* () {
      for (;;) {
        let item = slot;
        if (item) slot = null;
        else item = await new Promise((resolve) => { waiting = resolve; });
        process.nextTick(item.cb);
        if (item.done) return;
        if (ac.signal.aborted) throw abortError(ac.signal);
        yield item.chunk;
      }
    })();
    const value = fn(source, { signal: ac.signal });
    return {
      value,
      write(chunk, encoding, cb) { deliver({ chunk, done: false, cb }); },
      final(cb) { deliver({ done: true, cb }); },
      destroy(err, cb) {
        ac.abort();
        cb(err);
      },
    };
  }

  // One duplex over a readable and/or a writable (either may be missing).
  function pairDuplex(readable, writable) {
    let onreadable = null;
    let ondrain = null;
    let onfinish = null;
    let onclose = null;
    let pendingEnds = (readable ? 1 : 0) + (writable ? 1 : 0);
    const d = new Duplex({
      readableObjectMode: !!(readable && readable.readableObjectMode),
      writableObjectMode: !!(writable && writable.writableObjectMode),
      readable: !!readable,
      writable: !!writable,
    });
    // A readable that decodes (fromWeb's `encoding`) gives strings: so does the duplex.
    if (readable && readable.readableEncoding) d.setEncoding(readable.readableEncoding);
    function ended(err) {
      if (--pendingEnds > 0 && !err) return;
      const cb = onclose;
      onclose = null;
      if (cb) cb(err);
      else if (err) d.destroy(err);
    }
    if (writable) {
      eos(writable, { readable: false, writable: true }, (err) => {
        const cb = onfinish;
        onfinish = null;
        if (cb) cb(err);
        else if (err) d.destroy(err);
        ended(err);
      });
      d._write = (chunk, encoding, callback) => {
        if (writable.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      d._final = (callback) => {
        writable.end();
        onfinish = callback;
      };
      writable.on('drain', () => {
        const cb = ondrain;
        ondrain = null;
        if (cb) cb();
      });
    }
    if (readable) {
      eos(readable, { readable: true, writable: false }, (err) => {
        if (!err) d.push(null);
        ended(err);
      });
      readable.on('readable', () => {
        const cb = onreadable;
        onreadable = null;
        if (cb) cb();
      });
      d._read = function read() {
        for (;;) {
          const chunk = readable.read();
          if (chunk === null) {
            onreadable = read;
            return;
          }
          if (!d.push(chunk)) return;
        }
      };
    }
    d._destroy = (err, callback) => {
      // Destroyed before both sides ended: the parts are torn down, with an AbortError.
      if (!err && pendingEnds > 0) err = abortError();
      onreadable = ondrain = onfinish = null;
      if (pendingEnds <= 0) {
        callback(err);
      } else {
        onclose = callback;
        if (writable) destroyer(writable, err);
        if (readable) destroyer(readable, err);
      }
    };
    return d;
  }

  function duplexify(body, name) {
    if (isDuplexNodeStream(body)) return body;
    if (isReadableNodeStream(body)) return pairDuplex(body, undefined);
    if (isWritableNodeStream(body)) return pairDuplex(undefined, body);
    const kind = webKind(body);
    if (kind === 'readable') return pairDuplex(Readable.fromWeb(body), undefined);
    if (kind === 'writable') return pairDuplex(undefined, Writable.fromWeb(body));
    if (typeof body === 'function') {
      const { value, write, final, destroy } = fromAsyncGen(body);
      if (isIterable(value)) {
        return fromIterable(Duplex, value, { objectMode: true, write, final, destroy });
      }
      const then = value != null ? value.then : undefined;
      if (typeof then === 'function') {
        let d;
        const promise = then.call(value, (val) => {
          if (val != null) throw codes.ERR_INVALID_RETURN_VALUE('nully', 'body', val);
        }, (err) => { destroyer(d, err); });
        d = new Duplex({
          objectMode: true,
          readable: false,
          write,
          final(cb) {
            final(async () => {
              try {
                await promise;
                process.nextTick(cb, null);
              } catch (err) {
                process.nextTick(cb, err);
              }
            });
          },
          destroy,
        });
        return d;
      }
      throw codes.ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or AsyncFunction', name, value);
    }
    const { Blob } = require('buffer');
    if (body instanceof Blob) return duplexify(body.arrayBuffer(), name);
    if (isIterable(body)) return fromIterable(Duplex, body, { objectMode: true, writable: false });
    if (body != null && (typeof body.readable === 'object' || typeof body.writable === 'object')) {
      const side = (s) => {
        if (!s) return undefined;
        const k = webKind(s);
        if (k === 'readable') return Readable.fromWeb(s);
        if (k === 'writable') return Writable.fromWeb(s);
        return isNodeStream(s) ? s : duplexify(s, name);
      };
      return pairDuplex(side(body.readable), side(body.writable));
    }
    const then = body != null ? body.then : undefined;
    if (typeof then === 'function') {
      const d = new Duplex({ objectMode: true, writable: false, read() {} });
      then.call(body, (val) => {
        if (val != null) d.push(val);
        d.push(null);
      }, (err) => { destroyer(d, err); });
      return d;
    }
    throw codes.ERR_INVALID_ARG_TYPE(name, ['Blob', 'ReadableStream', 'WritableStream', 'Stream',
      'Iterable', 'AsyncIterable', 'Function', '{ readable, writable } pair', 'Promise'], body);
  }

  Duplex.from = (body) => duplexify(body, 'body');

  // A WHATWG { readable, writable } pair (a TransformStream is one) as one duplex, and a duplex
  // as such a pair.
  Duplex.fromWeb = (pair, options = {}) => {
    validateObject(pair, 'pair');
    const { isReadableStream, isWritableStream } = require('internal/webstreams').internal;
    if (!isReadableStream(pair.readable)) {
      throw codes.ERR_INVALID_ARG_TYPE('pair.readable', 'ReadableStream', pair.readable);
    }
    if (!isWritableStream(pair.writable)) {
      throw codes.ERR_INVALID_ARG_TYPE('pair.writable', 'WritableStream', pair.writable);
    }
    validateObject(options, 'options');
    const { encoding, objectMode = false, decodeStrings = true, highWaterMark, signal } = options;
    return pairDuplex(
      Readable.fromWeb(pair.readable, { encoding, objectMode, highWaterMark, signal }),
      Writable.fromWeb(pair.writable, { decodeStrings, objectMode, highWaterMark, signal }));
  };
  Duplex.toWeb = (duplex) => {
    if (!isDuplexNodeStream(duplex)) throw codes.ERR_INVALID_ARG_TYPE('duplex', 'stream.Duplex', duplex);
    return { readable: Readable.toWeb(duplex), writable: Writable.toWeb(duplex) };
  };

  function compose(...streams) {
    if (streams.length === 0) throw codes.ERR_MISSING_ARGS('streams');
    if (streams.length === 1) return Duplex.from(streams[0]);
    const given = [...streams];
    if (typeof streams[0] === 'function') streams[0] = Duplex.from(streams[0]);
    const last = streams.length - 1;
    if (typeof streams[last] === 'function') streams[last] = Duplex.from(streams[last]);
    for (let n = 0; n < streams.length; n++) {
      if (!isNodeStream(streams[n])) continue;
      if (n < last && !Stream.isReadable(streams[n])) {
        throw codes.ERR_INVALID_ARG_VALUE(`streams[${n}]`, given[n], 'must be readable');
      }
      if (n > 0 && !Stream.isWritable(streams[n])) {
        throw codes.ERR_INVALID_ARG_VALUE(`streams[${n}]`, given[n], 'must be writable');
      }
    }
    let ondrain = null;
    let onfinish = null;
    let onreadable = null;
    let onclose = null;
    let d;
    let done = false;
    function onfinished(err) {
      done = true;
      const cb = onclose;
      onclose = null;
      if (cb) cb(err);
      else if (err) d.destroy(err);
      else if (!readable && !writable) d.destroy();
    }
    const head = streams[0];
    const tail = Stream.pipeline(streams, onfinished);
    const writable = isWritableNodeStream(head);
    const readable = isReadableNodeStream(tail);
    d = new Duplex({
      writableObjectMode: !!(head && head.writableObjectMode),
      readableObjectMode: !!(tail && tail.readableObjectMode),
      writable,
      readable,
    });
    if (writable) {
      d._write = (chunk, encoding, callback) => {
        if (head.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      d._final = (callback) => {
        head.end();
        onfinish = callback;
      };
      head.on('drain', () => {
        const cb = ondrain;
        ondrain = null;
        if (cb) cb();
      });
      // All written has gone through: the tail finished writing (or, read-only, ended).
      eos(tail, { readable: false, writable: isWritableNodeStream(tail) }, (err) => {
        const cb = onfinish;
        onfinish = null;
        if (cb) cb(err);
      });
    }
    if (readable) {
      tail.on('readable', () => {
        const cb = onreadable;
        onreadable = null;
        if (cb) cb();
      });
      tail.on('end', () => { d.push(null); });
      d._read = function read() {
        for (;;) {
          const chunk = tail.read();
          if (chunk === null) {
            onreadable = read;
            return;
          }
          if (!d.push(chunk)) return;
        }
      };
    }
    d._destroy = (err, callback) => {
      if (!err && !done) err = abortError();
      onreadable = ondrain = onfinish = null;
      if (done) {
        callback(err);
      } else {
        onclose = callback;
        destroyer(tail, err);
      }
    };
    return d;
  }
  Stream.compose = compose;

  // readable.compose(stream, { signal }): this readable piped into `stream`, as one duplex.
  Readable.prototype.compose = function (stream, options) {
    if (options != null) validateObject(options, 'options');
    const signal = options != null ? options.signal : undefined;
    if (signal != null) validateAbortSignal(signal, 'options.signal');
    if (isNodeStream(stream) && !Stream.isWritable(stream)) {
      throw codes.ERR_INVALID_ARG_VALUE('stream', stream, 'must be writable');
    }
    const composed = compose(this, stream);
    if (signal != null) Stream.addAbortSignal(signal, composed);
    return composed;
  };

  // Two duplexes, each reading what the other writes; a write completes once the other side
  // has taken the chunk (its _read), which gives backpressure across the pair.
  class DuplexSide extends Duplex {
    constructor(options) {
      super(options);
      this[kOther] = null;
      this[kPending] = null;
    }

    _read() {
      const cb = this[kPending];
      if (cb) {
        this[kPending] = null;
        cb();
      }
    }

    _write(chunk, encoding, callback) {
      if (chunk.length === 0) {
        process.nextTick(callback);
      } else {
        this[kOther].push(chunk);
        this[kOther][kPending] = callback;
      }
    }

    _final(callback) {
      this[kOther].on('end', callback);
      this[kOther].push(null);
    }
  }
  function duplexPair(options) {
    const a = new DuplexSide(options);
    const b = new DuplexSide(options);
    a[kOther] = b;
    b[kOther] = a;
    return [a, b];
  }
  Stream.duplexPair = duplexPair;
}

module.exports = { install };
