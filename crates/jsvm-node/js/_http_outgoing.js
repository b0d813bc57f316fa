// `_http_outgoing`: Node's internal module behind http's OutgoingMessage (the same objects).
'use strict';

const http = require('http');

module.exports = {
  kHighWaterMark: http._internal.kHighWaterMark,
  validateHeaderName: http.validateHeaderName,
  validateHeaderValue: http.validateHeaderValue,
  OutgoingMessage: http.OutgoingMessage,
};
