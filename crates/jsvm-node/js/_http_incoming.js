// `_http_incoming`: Node's internal module behind http's IncomingMessage (the same objects).
'use strict';

const http = require('http');

module.exports = {
  IncomingMessage: http.IncomingMessage,
  readStart: http._internal.readStart,
  readStop: http._internal.readStop,
};
