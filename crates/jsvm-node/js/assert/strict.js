// assert/strict: the strict-mode assert, i.e. require('assert').strict.
'use strict';
module.exports = require('assert').strict;
