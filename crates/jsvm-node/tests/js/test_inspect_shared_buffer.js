'use strict';
// util.inspect with showHidden: a SharedArrayBuffer lists its prototype's accessors (node's
// set of builtin classes lacks SharedArrayBuffer), an ArrayBuffer does not.
const util = require('util');
console.log(util.inspect(new SharedArrayBuffer(4), { showHidden: true }));
console.log(util.inspect(new ArrayBuffer(4), { showHidden: true }));
console.log(util.inspect({ s: new SharedArrayBuffer(2) }, { showHidden: true }));
console.log(util.inspect(new SharedArrayBuffer(2)));
