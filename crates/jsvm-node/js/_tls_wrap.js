// Node's `_tls_wrap`: TLS sockets and servers (see js/internal/tls/socket.js).
'use strict';

const { TLSSocket, Server, createServer, connect } = require('internal/tls/socket');

module.exports = { TLSSocket, Server, createServer, connect };
