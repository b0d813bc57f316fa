exports.done = false;
const c1 = require('./cyc1');
console.log('in cyc2, cyc1.done =', c1.done);
exports.seen = c1.done;
exports.done = true;
