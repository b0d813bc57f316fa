// crypto.constants (OpenSSL's numbers, read by packages such as jose when they load), the
// `constants` module's copy of them, and the shape of the signature functions jose reads.
const crypto = require('crypto');
const util = require('util');

const c = crypto.constants;
console.log(Object.getPrototypeOf(c), Object.keys(c).length);
console.log(util.inspect(c, { breakLength: 120 }));
console.log(c.RSA_PKCS1_PSS_PADDING, c.RSA_PKCS1_OAEP_PADDING, c.POINT_CONVERSION_UNCOMPRESSED, c.TLS1_3_VERSION);
console.log(c.defaultCipherList === c.defaultCoreCipherList);
console.log(Object.getOwnPropertyDescriptor(c, 'defaultCipherList'));
c.defaultCipherList = 'HIGH';
console.log(c.defaultCipherList);
const merged = require('constants');
console.log(merged.RSA_PKCS1_PSS_PADDING, merged.defaultCoreCipherList === c.defaultCoreCipherList);
console.log(require('tls').DEFAULT_CIPHERS === c.defaultCoreCipherList);
for (const name of ['sign', 'verify', 'createSign', 'createVerify']) {
  console.log(name, typeof crypto[name], crypto[name].name, crypto[name].length);
}
