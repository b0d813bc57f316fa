exports.done = false;
const c2 = require('./cyc2');
console.log('in cyc1, cyc2.done =', c2.done);
exports.done = true;
