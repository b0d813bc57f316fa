const CryptoJS = require('crypto-js');
console.log(CryptoJS.SHA256('abc').toString(), CryptoJS.MD5('x').toString());
const ct = CryptoJS.AES.encrypt('secret', 'pass').toString();
console.log(CryptoJS.AES.decrypt(ct, 'pass').toString(CryptoJS.enc.Utf8));
console.log(CryptoJS.HmacSHA512('m', 'k').toString(CryptoJS.enc.Base64));
const nacl = require('tweetnacl');
const kp = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
const sig = nacl.sign.detached(new TextEncoder().encode('msg'), kp.secretKey);
console.log(Buffer.from(sig).toString('hex'), nacl.sign.detached.verify(new TextEncoder().encode('msg'), sig, kp.publicKey));
const forge = require('node-forge');
const md = forge.md.sha1.create(); md.update('abc'); console.log(md.digest().toHex());
const keys = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001, prng: (() => { const p = forge.random.createInstance(); p.seedFileSync = () => 'seed'.repeat(10); return p; })() });
console.log(typeof keys.privateKey.sign);
const cipher = forge.cipher.createCipher('AES-CBC', '0123456789abcdef'); cipher.start({ iv: 'fedcba9876543210' }); cipher.update(forge.util.createBuffer('hello')); cipher.finish();
console.log(cipher.output.toHex());
const XRegExp = require('xregexp');
const date = XRegExp(`(?<year>  [0-9]{4} ) -?  # year
          (?<month> [0-9]{2} ) -?  # month
          (?<day>   [0-9]{2} )     # day`, 'x');
const m = XRegExp.exec('2021-02-22', date);
console.log(m.groups.year, m.groups.month, XRegExp.replace('2021-02-22', date, '$<month>/$<day>/$<year>'));
console.log(XRegExp('\\p{Greek}+').test('αβγ'), XRegExp.matchRecursive('(t((e))s)t()(ing)', '\\(', '\\)', 'g'));
(async () => {
  const hw = require('hash-wasm');
  console.log(await hw.sha256('abc'), await hw.xxhash64('abc'), await hw.blake3('abc'), await hw.argon2id({ password: 'p', salt: 'saltsalt', parallelism: 1, iterations: 2, memorySize: 64, hashLength: 16, outputType: 'hex' }));
  console.log(await hw.bcrypt({ password: 'p', salt: new Uint8Array(16).fill(1), costFactor: 4 }));
})();
