// `_stream_wrap`: Node's deprecated (DEP0125) wrapper that makes a Duplex stream look like a
// socket handle for TLS. jsvm's sockets take any Duplex as they are, so the wrapper is a Duplex
// that passes data through to the stream it wraps and back.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { Duplex } = require('stream');

process.emitWarning('The _stream_wrap module is deprecated.', 'DeprecationWarning', 'DEP0125');

class JSStreamSocket extends Duplex {
  constructor(stream) {
    super({ allowHalfOpen: true });
    this.stream = stream;
    stream.on('data', (chunk) => {
      if (!this.push(chunk)) stream.pause();
    });
    stream.once('end', () => this.push(null));
    stream.once('error', (err) => this.destroy(err));
    stream.once('close', () => this.destroy());
  }

  _read() {
    if (typeof this.stream.resume === 'function') this.stream.resume();
  }

  _write(chunk, encoding, callback) {
    this.stream.write(chunk, encoding, callback);
  }

  _final(callback) {
    this.stream.end(callback);
  }

  _destroy(err, callback) {
    if (typeof this.stream.destroy === 'function' && !this.stream.destroyed) this.stream.destroy();
    callback(err);
  }
}

module.exports = JSStreamSocket;
