// `_stream_passthrough`: Node's old module name for `stream.PassThrough` (the same class).
'use strict';

module.exports = require('stream').PassThrough;
