// `_http_agent`: Node's internal module behind http's Agent (the same objects as http's).
'use strict';

const http = require('http');

module.exports = { Agent: http.Agent };
Object.defineProperty(module.exports, 'globalAgent', {
  get() { return http.globalAgent; }, configurable: true, enumerable: true,
});
