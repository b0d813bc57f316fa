// crypto's AES ciphers (createCipheriv/createDecipheriv: ECB, CBC, CTR, GCM), their errors as
// Node's (OpenSSL's reasons), string encodings across update/final, and the stream form.
'use strict';
const crypto = require('crypto');
const key = Buffer.alloc(32, 1), iv = Buffer.alloc(16, 2);
for (const alg of ['aes-256-cbc', 'aes-128-cbc', 'aes-256-ctr', 'aes-128-ecb', 'aes-192-cbc']) {
  const k = key.subarray(0, +alg.split('-')[1] / 8); const i = alg.endsWith('ecb') ? null : iv;
  const c = crypto.createCipheriv(alg, k, i); let enc = c.update('hello world, this is a secret message!', 'utf8', 'hex'); enc += c.final('hex');
  const d = crypto.createDecipheriv(alg, k, i); let dec = d.update(enc, 'hex', 'utf8'); dec += d.final('utf8');
  console.log(alg, enc, dec);
}
const g = crypto.createCipheriv('aes-256-gcm', key, Buffer.alloc(12, 3)); g.setAAD(Buffer.from('aad'));
const ge = Buffer.concat([g.update('gcm text'), g.final()]); const tag = g.getAuthTag(); console.log('gcm', ge.toString('hex'), tag.toString('hex'));
const gd = crypto.createDecipheriv('aes-256-gcm', key, Buffer.alloc(12, 3)); gd.setAAD(Buffer.from('aad')); gd.setAuthTag(tag); console.log(Buffer.concat([gd.update(ge), gd.final()]).toString());
const bad = crypto.createDecipheriv('aes-256-gcm', key, Buffer.alloc(12, 3)); bad.setAuthTag(Buffer.alloc(16)); bad.update(ge); try { bad.final(); } catch (e) { console.log(e.message); }
try { crypto.createCipheriv('aes-256-cbc', Buffer.alloc(5), iv); } catch (e) { console.log(e.name, e.code, e.message); }
try { crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(5)); } catch (e) { console.log(e.name, e.code, e.message); }
try { crypto.createCipheriv('nope-1', key, iv); } catch (e) { console.log(e.name, e.code, e.message); }
const d2 = crypto.createDecipheriv('aes-256-cbc', key, iv); d2.update(Buffer.alloc(16)); try { d2.final(); } catch (e) { console.log(e.name, e.code, e.message, e.reason, e.library); }
const d3 = crypto.createDecipheriv('aes-256-cbc', key, iv); d3.update(Buffer.alloc(10)); try { d3.final(); } catch (e) { console.log(e.name, e.code, e.message); }
const c4 = crypto.createCipheriv('aes-128-cbc', key.subarray(0, 16), iv); c4.setAutoPadding(false); try { c4.update('short'); c4.final(); } catch (e) { console.log(e.name, e.code, e.message); }
const c5 = crypto.createCipheriv('aes-128-cbc', key.subarray(0, 16), iv); c5.final(); try { c5.update('x'); } catch (e) { console.log(e.name, e.code, e.message); } try { c5.final(); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(crypto.getCiphers().includes('aes-256-cbc'), crypto.getCiphers().length > 10);
{
  const crypto = require('crypto');
  const key = Buffer.alloc(16, 7), iv = Buffer.alloc(12, 1);
  const c = crypto.createCipheriv('aes-128-gcm', key, iv);
  try { c.getAuthTag(); } catch (e) { console.log(e.code, e.message); }
  c.update('x'); try { c.setAAD(Buffer.from('late')); } catch (e) { console.log(e.code, e.message); }
  c.final(); console.log(c.getAuthTag().length);
  const d = crypto.createDecipheriv('aes-128-gcm', key, iv);
  try { d.setAuthTag(Buffer.alloc(3)); } catch (e) { console.log(e.name, e.code, e.message); }
  try { d.final(); } catch (e) { console.log(e.code, e.message); }
  const cb = crypto.createCipheriv('aes-128-cbc', key, Buffer.alloc(16));
  try { cb.setAAD(Buffer.from('x')); } catch (e) { console.log(e.code, e.message); }
  try { cb.getAuthTag(); } catch (e) { console.log(e.code, e.message); }
  const d2 = crypto.createDecipheriv('aes-128-cbc', key, Buffer.alloc(16));
  try { d2.setAuthTag(Buffer.alloc(16)); } catch (e) { console.log(e.code, e.message); }
  try { d2.final(); } catch (e) { console.log(e.code, e.message); }
  console.log(typeof crypto.Cipheriv, crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16)) instanceof crypto.Cipheriv, crypto.Cipheriv('aes-128-ctr', key, Buffer.alloc(16)).constructor.name);
  // streaming
  const enc = crypto.createCipheriv('aes-256-cbc', Buffer.alloc(32, 9), Buffer.alloc(16, 4));
  const chunks = []; enc.on('data', (c) => chunks.push(c)); enc.on('end', () => {
    const all = Buffer.concat(chunks); console.log('stream', all.toString('base64'));
    const dec = crypto.createDecipheriv('aes-256-cbc', Buffer.alloc(32, 9), Buffer.alloc(16, 4));
    let out = ''; dec.setEncoding('utf8'); dec.on('data', (s) => out += s); dec.on('end', () => console.log('back', out)); dec.end(all);
  });
  enc.write('part one, '); enc.write(Buffer.from('part two ✓')); enc.end();
  let b64 = ''; const e2 = crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16)); for (const p of ['a', 'bc', 'def', 'ghij']) b64 += e2.update(p, 'utf8', 'base64'); b64 += e2.final('base64'); console.log(b64);
}
