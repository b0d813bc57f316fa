module.exports = { a, 'b': b, c: c, ...d, e: require('./c.cjs'), f };
var a, b, c, d, f;
