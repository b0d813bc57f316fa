// Web Crypto: digests and HMAC keys (crypto.subtle), and the classes as globals, as Node 20's.
(async () => {
const s = crypto.subtle;
console.log(Buffer.from(await s.digest('SHA-256', new TextEncoder().encode('abc'))).toString('hex'));
console.log(Buffer.from(await s.digest({name:'sha-1'}, new Uint8Array([1]))).toString('hex'));
const k = await s.importKey('raw', new TextEncoder().encode('key'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
console.log(k.type, k.extractable, k.algorithm, k.usages, Object.prototype.toString.call(k), k instanceof CryptoKey);
const sig = await s.sign('HMAC', k, new TextEncoder().encode('data'));
console.log(Buffer.from(sig).toString('hex'), await s.verify('HMAC', k, sig, new TextEncoder().encode('data')), await s.verify('HMAC', k, sig, new TextEncoder().encode('x')));
console.log(Buffer.from(await s.exportKey('raw', k)).toString());
const g = await s.generateKey({ name: 'HMAC', hash: 'SHA-512' }, false, ['sign']); console.log(g.algorithm, g.extractable);
await s.digest('MD5', new Uint8Array()).catch(e => console.log(e.name, e.message));
await s.exportKey('raw', g).catch(e => console.log(e.name, e.message));
await s.sign('HMAC', g, 'str').catch(e => console.log(e.name, e.message));
console.log(typeof Crypto, typeof SubtleCrypto, crypto.subtle instanceof SubtleCrypto, Object.prototype.toString.call(crypto.subtle), require('crypto').subtle === crypto.subtle);
try { new CryptoKey() } catch (e) { console.log(e.name, e.code) }
})();
