// `stream/promises`: the promise forms of `stream`'s pipeline and finished.
'use strict';

const { pipeline, finished } = require('stream').promises;

module.exports = { finished, pipeline };
