// Test program for the 'buffer' module: prints one line per check.
'use strict';
const { Buffer, kMaxLength, constants, atob, btoa, isUtf8, isAscii } = require('buffer');
const util = require('util');

function show(label, value) {
  console.log(label + ': ' + util.inspect(value));
}
function check(label, fn) {
  try {
    show(label, fn());
  } catch (err) {
    console.log(label + ': ' + err.name + ' ' + err.code + ' ' + err.message);
  }
}

// construction
check('from utf8', () => Buffer.from('hello'));
check('from utf8 multibyte', () => Buffer.from('héllo €😀'));
check('from lone surrogates', () => Buffer.from('a\ud800b\udc00c'));
check('from hex', () => Buffer.from('48656C6c6f', 'hex'));
check('from hex odd', () => Buffer.from('abc', 'hex'));
check('from hex invalid', () => Buffer.from('abzz12', 'hex'));
check('from base64', () => Buffer.from('aGVsbG8gd29ybGQ=', 'base64'));
check('from base64 no padding', () => Buffer.from('aGVsbG8', 'base64'));
check('from base64 whitespace', () => Buffer.from('aGVs\nbG8g d29y bGQ=', 'base64'));
check('from base64 url chars', () => Buffer.from('-_-_', 'base64'));
check('from base64 stops at =', () => Buffer.from('YQ==YQ==', 'base64'));
check('from base64url', () => Buffer.from('-_8', 'base64url'));
check('from latin1', () => Buffer.from('héllo\u0100', 'latin1'));
check('from binary', () => Buffer.from('\xff\xfe', 'binary'));
check('from ascii', () => Buffer.from('abc\u00e9', 'ascii'));
check('from utf16le', () => Buffer.from('hé€😀', 'utf16le'));
check('from ucs2', () => Buffer.from('ab', 'ucs2'));
check('from UTF-8 upper', () => Buffer.from('ok', 'UTF-8'));
check('from unknown encoding', () => Buffer.from('a', 'nope'));
check('from empty string', () => Buffer.from(''));
check('from array', () => Buffer.from([1, 2, 3, 255, 256, -1, 3.7, '4']));
check('from array-like', () => Buffer.from({ length: 3, 0: 1, 1: '2', 2: 300 }));
check('from typed array', () => Buffer.from(new Uint16Array([1, 258])));
check('from json form', () => Buffer.from({ type: 'Buffer', data: [104, 105] }));
check('from String object', () => Buffer.from(new String('abc')));
check('from toPrimitive', () => Buffer.from({ [Symbol.toPrimitive]() { return 'xy'; } }));
check('from number', () => Buffer.from(5));
check('from null', () => Buffer.from(null));
check('from plain object', () => Buffer.from({}));
const ab = new ArrayBuffer(8);
const view = Buffer.from(ab, 2, 3);
view[0] = 7;
check('from arrayBuffer shares memory', () => [view, new Uint8Array(ab)[2], view.buffer === ab, view.byteOffset]);
check('from arrayBuffer offset oob', () => Buffer.from(new ArrayBuffer(4), 5));
check('from arrayBuffer length oob', () => Buffer.from(new ArrayBuffer(4), 1, 9));
const orig = Buffer.from('abc');
const copy = Buffer.from(orig);
copy[0] = 0x7a;
check('from buffer copies', () => [orig, copy]);
check('alloc', () => Buffer.alloc(4));
check('alloc fill number', () => Buffer.alloc(4, 257));
check('alloc fill string', () => Buffer.alloc(5, 'ab'));
check('alloc fill hex', () => Buffer.alloc(5, 'abz', 'hex'));
check('alloc fill empty', () => Buffer.alloc(3, ''));
check('alloc fill buffer', () => Buffer.alloc(5, Buffer.from([1, 2])));
check('alloc -1', () => Buffer.alloc(-1));
check('alloc string size', () => Buffer.alloc('5'));
check('alloc NaN', () => Buffer.alloc(NaN));
check('allocUnsafe length', () => Buffer.allocUnsafe(10).length);
check('allocUnsafeSlow length', () => Buffer.allocUnsafeSlow(3).length);
check('of', () => Buffer.of(1, 2, 300));
check('kMaxLength', () => [kMaxLength, constants.MAX_LENGTH, typeof constants.MAX_STRING_LENGTH]);

// identity
const b = Buffer.from('hello');
check('isBuffer', () => [Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(2)), Buffer.isBuffer('x'), Buffer.isBuffer(null)]);
check('instanceof', () => [b instanceof Buffer, b instanceof Uint8Array, b.constructor === Buffer, b.constructor.name]);
check('prototype chain', () => [Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype, Object.getPrototypeOf(Buffer) === Uint8Array]);
check('isEncoding', () => ['utf8', 'UTF-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le', 'utf-16le', 'nope', '', 5].map((e) => Buffer.isEncoding(e)));
check('Buffer static keys', () => Object.keys(Buffer));
check('Buffer.prototype keys', () => Object.keys(Buffer.prototype));

// byteLength
check('byteLength', () => [Buffer.byteLength('héllo'), Buffer.byteLength('😀'), Buffer.byteLength('\ud800'), Buffer.byteLength('abc', 'utf16le'), Buffer.byteLength('abc', 'latin1'), Buffer.byteLength('aGk=', 'base64'), Buffer.byteLength('YQ=\n=', 'base64'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('ab', 'nope')]);
check('byteLength views', () => [Buffer.byteLength(new Uint16Array(3)), Buffer.byteLength(new ArrayBuffer(7)), Buffer.byteLength(b)]);
check('byteLength bad', () => Buffer.byteLength(5));

// toString
check('toString', () => b.toString());
check('toString encodings', () => ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'ucs2', 'binary'].map((e) => Buffer.from('hé?>~').toString(e)));
check('toString range', () => [b.toString('utf8', 1, 3), b.toString('utf8', -1, 100), b.toString(undefined, 2), b.toString('utf8', 4, 2), b.toString('hex', 10)]);
check('toString unknown encoding', () => b.toString('nope'));
check('toString null encoding', () => b.toString(null));
check('toString invalid utf8', () => Buffer.from([0xff, 0x61, 0xc3, 0xe2, 0x82, 0x61, 0xf0, 0x9f, 0x98, 0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xf4, 0x90, 0x80, 0x80]).toString());
check('toString truncated utf8', () => Buffer.from([0x61, 0xe2, 0x82]).toString());
check('toString 4-byte', () => Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82, 0xac]).toString());
check('toString ascii high bytes', () => Buffer.from([0xe9, 0x41, 0xff]).toString('ascii'));
check('toString utf16le odd length', () => Buffer.from([0x61, 0, 0x62]).toString('utf16le'));
check('base64 round trip', () => {
  const all = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) all[i] = i;
  const s = all.toString('base64');
  return [s.length, s.slice(0, 20), Buffer.from(s, 'base64').equals(all), Buffer.from(all.toString('base64url'), 'base64url').equals(all)];
});
check('toLocaleString', () => b.toLocaleString());
check('String(buf)', () => String(Buffer.from('xyz')));
check('toJSON', () => [JSON.stringify(Buffer.from('hi')), Buffer.alloc(0).toJSON()]);

// slicing
const s = Buffer.from('hello world');
check('slice', () => [s.slice(0, 5), s.slice(6), s.slice(-5, -1), s.slice(3, 1), s.slice(), s.slice(2.7, 4.2)]);
check('slice is a view', () => {
  const v = s.slice(0, 1);
  v[0] = 0x48;
  return [s.toString(), v instanceof Buffer];
});
check('subarray', () => [s.subarray(6, 8), s.subarray(-3), s.subarray(6) instanceof Buffer]);
check('map returns Buffer', () => Buffer.from('ab').map((x) => x + 1));
check('filter returns Buffer', () => Buffer.from('abc').filter((x) => x !== 98));

// write
check('write', () => { const w = Buffer.alloc(6); return [w.write('héllo', 1), w]; });
check('write partial char', () => { const w = Buffer.alloc(3); return [w.write('a€'), w]; });
check('write hex at offset', () => { const w = Buffer.alloc(4); return [w.write('aabbcc', 1, 'hex'), w]; });
check('write encoding as 2nd arg', () => { const w = Buffer.alloc(4); return [w.write('aabb', 'hex'), w]; });
check('write with length', () => { const w = Buffer.alloc(6); return [w.write('abcdef', 1, 2), w]; });
check('write length and encoding', () => { const w = Buffer.alloc(6); return [w.write('abcdef', 1, 2, 'latin1'), w]; });
check('write ucs2 odd room', () => { const w = Buffer.alloc(5); return [w.write('abc', 'ucs2'), w]; });
check('write base64', () => { const w = Buffer.alloc(5); return [w.write('aGVsbG8=', 'base64'), w]; });
check('write invalid hex', () => { const w = Buffer.alloc(3); return [w.write('zz', 'hex'), w]; });
check('write offset oob', () => Buffer.alloc(3).write('a', 4));
check('write length oob', () => Buffer.alloc(3).write('abc', 1, 5));
check('write non-string', () => Buffer.alloc(3).write(5));
check('write bad encoding', () => Buffer.alloc(3).write('a', 0, 'nope'));

// integers
const r = Buffer.from([0xff, 0xfe, 0x01, 0x80, 0x00, 0x00, 0x00, 0x80, 0x7f]);
check('readUInt8', () => [r.readUInt8(0), r.readUInt8(2), r.readUint8(3), r.readUInt8()]);
check('readUInt16', () => [r.readUInt16LE(0), r.readUInt16BE(0), r.readUint16LE(1), r.readUint16BE(2)]);
check('readUInt32', () => [r.readUInt32LE(0), r.readUInt32BE(0), r.readUint32LE(4), r.readUint32BE(5)]);
check('readInt', () => [r.readInt8(0), r.readInt8(8), r.readInt16LE(0), r.readInt16BE(2), r.readInt32LE(0), r.readInt32BE(4)]);
check('readUIntLE/BE', () => [r.readUIntLE(0, 3), r.readUIntBE(0, 3), r.readUIntLE(0, 6), r.readUIntBE(1, 5), r.readUIntLE(2, 1)]);
check('readIntLE/BE', () => [r.readIntLE(0, 3), r.readIntBE(0, 3), r.readIntLE(0, 6), r.readIntBE(3, 6), r.readIntBE(8, 1)]);
check('readBig', () => [r.readBigUInt64LE(0), r.readBigUInt64BE(1), r.readBigInt64LE(0), r.readBigInt64BE(0)]);
check('readFloat/Double', () => [Buffer.from([0, 0, 0xc0, 0x3f]).readFloatLE(0), Buffer.from([0x3f, 0xc0, 0, 0]).readFloatBE(), Buffer.from([0x3f, 0xf8, 0, 0, 0, 0, 0, 0]).readDoubleBE(0), Buffer.from([0, 0, 0, 0, 0, 0, 0xf8, 0x3f]).readDoubleLE()]);
check('readUInt8 out of range', () => Buffer.alloc(4).readUInt8(4));
check('readUInt32LE out of range', () => Buffer.alloc(4).readUInt32LE(1));
check('readUInt32LE negative', () => Buffer.alloc(4).readUInt32LE(-1));
check('readUInt16LE fraction', () => Buffer.alloc(4).readUInt16LE(0.5));
check('readUInt8 string offset', () => Buffer.alloc(4).readUInt8('1'));
check('readUInt32LE too small', () => Buffer.alloc(2).readUInt32LE());
check('readUIntLE bad byteLength', () => Buffer.alloc(8).readUIntLE(0, 7));
check('readUIntLE missing byteLength', () => Buffer.alloc(8).readUIntLE(0));
check('readDoubleLE out of range', () => Buffer.alloc(8).readDoubleLE(1));
check('readBigInt64LE out of range', () => Buffer.alloc(8).readBigInt64LE(1));
function written(size, fn) {
  const w = Buffer.alloc(size);
  const ret = fn(w);
  return [ret, w];
}
check('writeUInt8', () => written(2, (w) => w.writeUInt8(0xab, 1)));
check('writeUInt16LE/BE', () => written(4, (w) => [w.writeUInt16LE(0x1234), w.writeUInt16BE(0x1234, 2)]));
check('writeUInt32LE/BE', () => written(8, (w) => [w.writeUInt32LE(0xdeadbeef), w.writeUint32BE(0xdeadbeef, 4)]));
check('writeInt8/16/32', () => written(7, (w) => [w.writeInt8(-2), w.writeInt16LE(-2, 1), w.writeInt32BE(-2, 3)]));
check('writeUIntLE/BE', () => written(12, (w) => [w.writeUIntLE(0x123456, 0, 3), w.writeUIntBE(0x123456789abc, 3, 6), w.writeUintLE(1, 9, 1)]));
check('writeIntLE/BE', () => written(12, (w) => [w.writeIntLE(-2, 0, 3), w.writeIntBE(-(2 ** 40), 3, 6), w.writeIntBE(-1, 9, 2)]));
check('writeBig', () => written(16, (w) => [w.writeBigUInt64LE(0x0102030405060708n), w.writeBigInt64BE(-2n, 8)]));
check('writeFloat/Double', () => written(12, (w) => [w.writeFloatLE(1.5), w.writeDoubleBE(-0.1, 4)]));
check('write coercion', () => written(6, (w) => [w.writeUInt32LE('258'), w.writeUInt8(NaN, 4), w.writeInt8(-1.5, 5)]));
check('writeUInt16LE fraction', () => written(2, (w) => w.writeUInt16LE(258.9)));
check('writeUInt8 256', () => Buffer.alloc(4).writeUInt8(256));
check('writeUInt16LE -1', () => Buffer.alloc(4).writeUInt16LE(-1));
check('writeInt8 -129', () => Buffer.alloc(4).writeInt8(-129));
check('writeUInt32BE 2**32', () => Buffer.alloc(4).writeUInt32BE(2 ** 32));
check('writeUInt32LE 2**40', () => Buffer.alloc(8).writeUInt32LE(2 ** 40));
check('writeUIntLE 6 too big', () => Buffer.alloc(8).writeUIntLE(2 ** 48, 0, 6));
check('writeIntLE 6 too big', () => Buffer.alloc(8).writeIntLE(2 ** 47, 0, 6));
check('writeBigInt64LE too big', () => Buffer.alloc(8).writeBigInt64LE(2n ** 63n));
check('writeBigUInt64LE negative', () => Buffer.alloc(8).writeBigUInt64LE(-1n));
check('writeUInt16LE offset oob', () => Buffer.alloc(4).writeUInt16LE(1, 3));
check('writeFloatLE too small', () => Buffer.alloc(3).writeFloatLE(1.5));
check('writeUIntLE missing byteLength', () => Buffer.alloc(4).writeUIntLE(1, 0));
check('writeUIntLE byteLength 0', () => Buffer.alloc(4).writeUIntLE(1, 0, 0));

// comparison and search
check('equals', () => [b.equals(Buffer.from('hello')), b.equals(Buffer.from('hellO')), Buffer.from('a').equals(new Uint8Array([97])), b.equals(b)]);
check('equals bad', () => b.equals('hello'));
check('Buffer.compare', () => [Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.compare(Buffer.from('b'), Buffer.from('a')), Buffer.compare(Buffer.from('ab'), Buffer.from('a')), Buffer.compare(Buffer.from('a'), Buffer.from('a'))]);
check('sort with compare', () => [Buffer.from('c'), Buffer.from('a'), Buffer.from('b')].sort(Buffer.compare).map((x) => x.toString()));
check('compare ranges', () => [Buffer.from('abcd').compare(Buffer.from('xbcx'), 1, 3, 1, 3), Buffer.from('abcd').compare(Buffer.from('xbcx'), 0, 4), Buffer.from('abcd').compare(Buffer.from('abcd'), 2)]);
check('compare range oob', () => Buffer.from('abcd').compare(Buffer.from('xbcx'), 1, 9));
check('compare bad', () => b.compare('x'));
check('Buffer.compare bad', () => Buffer.compare('a', Buffer.alloc(1)));
const h = Buffer.from('hello, hello');
check('indexOf', () => [h.indexOf('l'), h.indexOf(108), h.indexOf(Buffer.from('lo')), h.indexOf('l', 4), h.indexOf('l', -3), h.indexOf('zz'), h.indexOf(''), h.indexOf('', 100), h.indexOf(108 + 256), h.indexOf('6c6c', 0, 'hex'), h.indexOf('lo', 'latin1')]);
check('lastIndexOf', () => [h.lastIndexOf('l'), h.lastIndexOf('l', 5), h.lastIndexOf('l', -5), h.lastIndexOf('l', -100), h.lastIndexOf(104, 100), h.lastIndexOf(''), h.lastIndexOf(Buffer.from('hel'))]);
check('indexOf ucs2', () => [Buffer.from('abc', 'ucs2').indexOf('b', 'ucs2'), Buffer.from('xabc').indexOf(Buffer.from('b'), 0, 'ucs2')]);
check('includes', () => [h.includes('ello'), h.includes('xyz'), h.includes(44), h.includes('hello', 1)]);
check('indexOf bad value', () => h.indexOf({}));
check('indexOf bad encoding', () => h.indexOf('a', 0, 'nope'));

// fill and copy
check('fill', () => [Buffer.alloc(5).fill('abc', 1), Buffer.alloc(3).fill(257), Buffer.alloc(4).fill('ab', 1, 3), Buffer.alloc(7).fill('€'), Buffer.alloc(2).fill(true), Buffer.alloc(4).fill('6162', 'hex'), Buffer.alloc(4).fill(0xff).fill(0, 1, 3)]);
check('fill invalid hex', () => Buffer.alloc(3).fill('zz', 'hex'));
check('fill bad encoding', () => Buffer.alloc(3).fill('a', 'xx'));
check('fill end oob', () => Buffer.alloc(2).fill(1, 0, 5));
check('fill negative offset', () => Buffer.alloc(2).fill(1, -1));
check('copy', () => { const src = Buffer.from('hello'); const dst = Buffer.alloc(3); return [src.copy(dst, 1, 3), dst]; });
check('copy defaults', () => { const dst = Buffer.alloc(8, '.'); return [Buffer.from('abc').copy(dst), dst.toString()]; });
check('copy overlapping', () => { const o = Buffer.from('abcdef'); o.copy(o, 2, 0, 4); return o.toString(); });
check('copy to Uint8Array', () => { const u = new Uint8Array(2); Buffer.from('xy').copy(u); return u; });
check('copy negative targetStart', () => Buffer.alloc(2).copy(Buffer.alloc(2), -1));
check('copy sourceStart oob', () => Buffer.alloc(2).copy(Buffer.alloc(2), 0, 3));
check('copy bad target', () => Buffer.alloc(2).copy('x'));

// concat
check('concat', () => Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.from('de')]));
check('concat totalLength short', () => Buffer.concat([Buffer.from('ab'), Buffer.from('cd')], 3));
check('concat totalLength long', () => Buffer.concat([Buffer.from('ab')], 4));
check('concat empty', () => Buffer.concat([]));
check('concat bad element', () => Buffer.concat([Buffer.from('a'), 'b']));
check('concat not array', () => Buffer.concat('a'));

// swaps
check('swap16', () => Buffer.from([1, 2, 3, 4]).swap16());
check('swap32', () => Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap32());
check('swap64', () => Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64());
check('swap16 bad size', () => Buffer.from([1, 2, 3]).swap16());

// iteration
check('spread', () => [...Buffer.from('ab')]);
check('entries', () => [...Buffer.from('ab').entries()]);
check('Array.from', () => Array.from(Buffer.from('hi')));

// inspect
check('inspect small', () => util.inspect(Buffer.from('hello')));
check('inspect empty', () => util.inspect(Buffer.alloc(0)));
check('inspect 50 bytes', () => util.inspect(Buffer.alloc(50, 1)));
check('inspect 51 bytes', () => util.inspect(Buffer.alloc(51, 2)));
check('inspect 60 bytes', () => util.inspect(Buffer.alloc(60, 'abc')));
check('inspect nested', () => util.inspect({ a: Buffer.from('x'), b: [Buffer.from('yz')] }));
check('inspect extra properties', () => { const x = Buffer.from('ab'); x.foo = 1; x.bar = 'x'; return util.inspect(x); });
check('inspect extra on empty', () => { const x = Buffer.alloc(0); x.foo = 1; return util.inspect(x); });
check('inspect symbol property', () => { const x = Buffer.from('ab'); x[Symbol('s')] = 1; return util.inspect(x); });
check('inspect showHidden', () => util.inspect(Buffer.from('ab'), { showHidden: true }));
check('inspect subarray', () => util.inspect(Buffer.from('hello').subarray(1, 3)));
check('inspect method', () => typeof Buffer.prototype.inspect);
console.log(Buffer.from('console.log'));
console.log([Buffer.from([0, 1, 2, 253, 254, 255])]);

// base64 helpers and checks
check('atob/btoa', () => [atob('aGk='), btoa('hi'), atob(' aG k= '), btoa('\xff\xfe')]);
check('atob bad', () => atob('a'));
check('btoa bad', () => btoa('€'));
check('isUtf8/isAscii', () => [isUtf8(Buffer.from('é')), isUtf8(Buffer.from([0xff])), isUtf8(new Uint8Array([0xe2, 0x82])), isAscii(Buffer.from('a')), isAscii(Buffer.from('é'))]);
check('parent/offset', () => { const x = Buffer.from('abc'); return [x.parent === x.buffer, x.subarray(1).offset - x.offset]; });
