// `_stream_wrap`: Node's deprecated (DEP0125) wrapper that makes a Duplex stream look like a
// socket handle for TLS. jsvm's sockets take any Duplex as they are, so the wrapper is a Duplex
// that passes data through to the stream it wraps and back.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

process.emitWarning('The _stream_wrap module is deprecated.', 'DeprecationWarning', 'DEP0125');

module.exports = require('internal/js_stream_socket');
