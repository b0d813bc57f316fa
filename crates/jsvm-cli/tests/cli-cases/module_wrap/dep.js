module.exports = typeof injected + ' ' + __filename.endsWith('dep.js');
