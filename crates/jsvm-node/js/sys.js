// `sys`: Node's old name for `util` (the same object), deprecated (DEP0025) since Node 1.0.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

process.emitWarning('sys is deprecated. Use util instead.', 'DeprecationWarning', 'DEP0025');
module.exports = require('util');
