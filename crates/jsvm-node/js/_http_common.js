// `_http_common`: the parts of Node's internal HTTP helpers that jsvm's http has. Node's
// `HTTPParser`, `parsers` and `freeParser` are its llhttp binding; jsvm parses HTTP in Rust
// (src/http_parser.rs) and has no JavaScript parser object to give.
'use strict';

const http = require('http');
const { _internal } = http;

module.exports = {
  _checkInvalidHeaderChar: _internal.checkInvalidHeaderChar,
  _checkIsHttpToken: _internal.checkIsHttpToken,
  chunkExpression: /(?:^|\W)chunked(?:$|\W)/i,
  continueExpression: /(?:^|\W)100-continue(?:$|\W)/i,
  CRLF: '\r\n',
  methods: _internal.METHODS,
  kIncomingMessage: _internal.kIncomingMessage,
};
