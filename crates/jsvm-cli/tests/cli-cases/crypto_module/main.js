const crypto = require('crypto');
for (const alg of ['md5', 'sha1', 'sha256', 'sha384', 'sha512', 'SHA256', 'RSA-SHA1']) {
  console.log(alg, crypto.createHash(alg).update('hello ').update(Buffer.from('world')).digest('hex'));
}
console.log(crypto.createHash('sha256').update('68656c6c6f', 'hex').digest('base64'));
console.log(crypto.createHash('sha1').update('aGk=', 'base64').digest());
console.log(crypto.createHash('md5').update(new Uint16Array([1, 2, 3])).digest('base64url'));
const h = crypto.createHash('sha256').update('ab');
const c = h.copy();
console.log(h.digest('hex') === crypto.createHash('sha256').update('ab').digest('hex'));
console.log(c.update('c').digest('hex') === crypto.createHash('sha256').update('abc').digest('hex'));
console.log(crypto.createHash('sha512').update('x').digest().length, crypto.createHash('md5').digest('latin1').length);
console.log(crypto.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'));
console.log(crypto.createHmac('md5', Buffer.from('key')).update('data').digest('hex'));
console.log(crypto.createHmac('sha512', 'k'.repeat(200)).update('long key').digest('base64'));
console.log(crypto.createHmac('sha1', '').update('').digest('hex'));
for (const f of [
  () => crypto.createHash('foo'),
  () => crypto.createHmac('foo', 'k'),
  () => { const x = crypto.createHash('md5'); x.digest(); x.update('a'); },
  () => { const x = crypto.createHash('md5'); x.digest(); x.digest(); },
  () => crypto.createHash('md5').update(42),
  () => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')),
  () => crypto.timingSafeEqual('a', 'b'),
  () => crypto.randomInt(5, 2),
  () => crypto.randomBytes(-1),
  () => crypto.getRandomValues(new Float32Array(2)),
  () => crypto.getRandomValues(new Uint8Array(70000)),
]) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.code, e.message); }
}
console.log(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')));
const r = crypto.randomBytes(16);
console.log(Buffer.isBuffer(r), r.length);
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
let inRange = true;
for (let i = 0; i < 1000; i++) { const n = crypto.randomInt(-3, 4); if (n < -3 || n >= 4 || !Number.isInteger(n)) inRange = false; }
console.log('randomInt in range', inRange, crypto.randomInt(1) === 0);
const a = new Uint32Array(8);
console.log(crypto.getRandomValues(a) === a, crypto.webcrypto.getRandomValues(new Uint8Array(4)).length);
console.log(typeof globalThis.crypto.getRandomValues, typeof crypto.webcrypto.randomUUID(), globalThis.crypto.randomUUID().length);
console.log(['md5', 'sha1', 'sha256', 'sha384', 'sha512'].every((x) => crypto.getHashes().includes(x)));
let order = [];
crypto.randomBytes(8, (err, buf) => { order.push('randomBytes ' + err + ' ' + buf.length); });
crypto.randomInt(10, (err, n) => { order.push('randomInt ' + err + ' ' + (n >= 0 && n < 10)); });
order.push('sync');
setTimeout(() => console.log(order.join(', ')), 10);
