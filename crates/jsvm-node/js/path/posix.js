// `path/posix`: the same object as `path.posix` (which is `path` itself on a POSIX system).
'use strict';

module.exports = require('path').posix;
