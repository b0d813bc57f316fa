// `_http_client`: Node's internal module behind http's ClientRequest (the same class).
'use strict';

module.exports = { ClientRequest: require('http').ClientRequest };
