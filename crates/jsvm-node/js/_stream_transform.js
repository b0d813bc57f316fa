// `_stream_transform`: Node's old module name for `stream.Transform` (the same class).
'use strict';

module.exports = require('stream').Transform;
