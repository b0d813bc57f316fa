exports['a-b'] = 1;
exports.let = 2;
exports.default = 3;
exports.ok = 4;
module.exports.viaModule = 5;
Object.defineProperty(exports, 'g1', { enumerable: true, get: function () { return q.p; } });
Object.defineProperty(exports, 'g2', { enumerable: true, get () { return q; } });
Object.defineProperty(exports, 'bad', { get () { return 'nope'; } });
exports.bad = 6;
Object.defineProperty(exports, 'v', { value: 7 });
var q = { p: 8 };
if (false) exports.never = 9;
exports.eq == 1;
exports.arrow = (x) => 1;
`${exports.tpl = 1}`;
// exports.comment = 1
/* exports.block = 1 */
var re = /exports.inregex = 1/;
'exports.instr = 1';
