module.exports = require('./a.cjs');
