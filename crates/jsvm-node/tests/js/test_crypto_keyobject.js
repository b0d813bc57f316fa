// crypto's secret KeyObjects (createSecretKey, KeyObject.from), as HMAC keys; jsonwebtoken's HS256 path.
const crypto = require('crypto');
const k = crypto.createSecretKey(Buffer.from('secret'));
console.log(k.type, k.symmetricKeySize, k.asymmetricKeyType, k.export().toString(), k.export({ format: 'jwk' }), k instanceof crypto.KeyObject);
console.log(crypto.createHmac('sha256', k).update('x').digest('hex') === crypto.createHmac('sha256', 'secret').update('x').digest('hex'));
console.log(k.equals(crypto.createSecretKey('secret', 'utf8')), k.equals(crypto.createSecretKey('other')), crypto.createSecretKey('aGk=', 'base64').export().toString());
try { crypto.createSecretKey(5) } catch (e) { console.log(e.code) }
crypto.subtle.importKey('raw', Buffer.from('ab'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']).then((ck) => console.log(crypto.KeyObject.from(ck).export().toString()));
try { ({}) instanceof undefined; } catch (e) { console.log(e.name, e.message); }
