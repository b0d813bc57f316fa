// `_http_server`: Node's internal module behind http's Server (the same objects as http's).
'use strict';

const http = require('http');

module.exports = {
  STATUS_CODES: http.STATUS_CODES,
  Server: http.Server,
  ServerResponse: http.ServerResponse,
  _connectionListener: http._connectionListener,
  kServerResponse: http._internal.kServerResponse,
};
