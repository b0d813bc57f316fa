// `_stream_writable`: Node's old module name for `stream.Writable` (the same class).
'use strict';

module.exports = require('stream').Writable;
