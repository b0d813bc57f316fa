// Node's `_tls_common`: secure contexts (see js/internal/tls/secure_context.js).
'use strict';

const { SecureContext, createSecureContext, translatePeerCertificate } = require('internal/tls/secure_context');

module.exports = { SecureContext, createSecureContext, translatePeerCertificate };
