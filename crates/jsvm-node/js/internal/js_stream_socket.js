// JSStreamSocket: a Duplex stream made to look like a socket handle for TLS, as Node's
// internal/js_stream_socket (exported by the deprecated `_stream_wrap`; a TLSSocket over a
// stream that is not a socket shows one as its handle's `_parentWrap`). jsvm's sockets take any
// Duplex as they are, so it is a Duplex passing data through to the stream it wraps and back.
'use strict';
const { Duplex } = require('stream');

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
