// sys (DEP0025) and _stream_wrap (DEP0125) warn once when first loaded; punycode's DEP0040 is
// only a pending deprecation in Node 20 (no warning without --pending-deprecation).
const util = require('util');
console.log(require('sys') === util, require('node:sys') === util);
require('punycode');
const JSStreamSocket = require('_stream_wrap');
const { PassThrough } = require('stream');
const inner = new PassThrough();
const wrapped = new JSStreamSocket(inner);
wrapped.on('data', (d) => console.log('wrapped read', String(d)));
wrapped.write('through', () => console.log('written'));
inner.on('data', (d) => console.log('inner got', String(d)));
