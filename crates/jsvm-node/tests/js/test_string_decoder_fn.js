// StringDecoder as Node's: a function programs call on their own objects (iconv-lite), state out of Object.keys.
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
console.log(Object.keys(d), Object.getOwnPropertyNames(StringDecoder.prototype), d.lastNeed, d.lastTotal, d.lastChar);
console.log(JSON.stringify(d.write(Buffer.from([0xe2, 0x82]))), d.lastNeed, d.lastTotal, d.lastChar);
console.log(JSON.stringify(d.write(Buffer.from([0xac]))), JSON.stringify(d.end(Buffer.from([0xe2]))));
const o = {}; StringDecoder.call(o, 'hex'); console.log(o.encoding);
function Sub(enc) { StringDecoder.call(this, enc); } Sub.prototype = Object.create(StringDecoder.prototype);
const s = new Sub('utf16le'); console.log(s.write(Buffer.from('hi', 'utf16le')), s instanceof StringDecoder, typeof StringDecoder, StringDecoder.name, StringDecoder.length);
try { new StringDecoder('nope') } catch (e) { console.log(e.code, e.message) }
