// `constants` (deprecated in Node, still required by packages such as graceful-fs): the
// constants of os (but signals' object form), fs and crypto in one object, as Node merges them.
'use strict';

const os = require('os').constants;

module.exports = {
  ...os.dlopen,
  ...os.errno,
  ...os.priority,
  ...os.signals,
  ...require('fs').constants,
};
// Node merges its binding's crypto constants, without the cipher list crypto adds to them
// (a getter, not read here).
const crypto = require('crypto').constants;
for (const key of Object.keys(crypto)) {
  if (key !== 'defaultCipherList') module.exports[key] = crypto[key];
}
