// crypto's key derivation (pbkdf2, scrypt, hkdf; sync and callback forms) with Node's checks.
const c = require('crypto');
console.log(c.pbkdf2Sync('pw', 'salt', 1000, 16, 'sha256').toString('hex'), c.pbkdf2Sync(Buffer.from('pw'), new Uint8Array([1, 2]), 2, 70, 'SHA512').toString('hex'));
c.pbkdf2('pw', 'salt', 1, 8, 'sha1', (e, k) => console.log('async', e, k.toString('hex')));
for (const a of [['pw','s',0,8,'sha1'], ['pw','s',1,-1,'sha1'], ['pw','s',1,8,'nope'], ['pw','s',1,8], [1,'s',1,8,'sha1']]) { try { c.pbkdf2Sync(...a) } catch (e) { console.log(e.name, e.code, e.message) } }
console.log(c.scryptSync('pw', 'salt', 16).toString('hex'), c.scryptSync('pw', 'salt', 8, { N: 1024, r: 4, p: 2 }).toString('hex'), c.scryptSync('pw', 'salt', 8, { cost: 16 }).toString('hex'));
c.scrypt('pw', 'salt', 8, (e, k) => console.log('scrypt async', e, k.toString('hex')));
for (const o of [{ N: 3 }, { N: 2 ** 20 }, { r: 0 }, { N: 16, cost: 16 }]) { try { console.log(c.scryptSync('pw', 's', 8, o).length) } catch (e) { console.log(e.name, e.code, e.message) } }
const h = c.hkdfSync('sha256', 'key', 'salt', 'info', 16); console.log(h instanceof ArrayBuffer, Buffer.from(h).toString('hex'));
c.hkdf('sha512', Buffer.from('k'), '', '', 8, (e, k) => console.log('hkdf async', e, Buffer.from(k).toString('hex')));
for (const a of [['nope','k','s','i',8], ['sha1','k','s','i',255*20+1]]) { try { c.hkdfSync(...a) } catch (e) { console.log(e.name, e.code, e.message) } }
