// `_stream_duplex`: Node's old module name for `stream.Duplex` (the same class).
'use strict';

module.exports = require('stream').Duplex;
