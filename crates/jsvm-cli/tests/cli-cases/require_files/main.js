const b = require('./b');
const data = require('./data.json');
const again = require('./b.js');
console.log('a', b.name, b === again, data, __filename.endsWith('a.js'), __dirname === require('path').dirname(__filename));
console.log(require('./dir').idx, typeof require.resolve, require.resolve('./b') === __dirname + '/b.js');
console.log(module.id, require.main === module, typeof exports, this === module.exports);
try { require('./nope') } catch (e) { console.log(e.code, e.message.split('\n')[0]) }
const c = require('./cyc1');
console.log('cycle', c.done, require('./cyc2').seen);
console.log(require('node:path') === require('path'), typeof require('util').inspect, typeof require('events'));
