// `_stream_readable`: Node's old module name for `stream.Readable` (the same class).
'use strict';

module.exports = require('stream').Readable;
