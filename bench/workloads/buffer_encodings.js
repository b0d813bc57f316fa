// Buffer's encodings on a 10 KB text: UTF-8 out and back (Buffer.from, toString, byteLength,
// TextEncoder), base64 and hex out and back. Each was a per-byte JavaScript loop in jsvm.
'use strict';
const { bench } = require('./_harness');

const text = 'héllo wörld, ünïcödé 日本語 '.repeat(400);
const bytes = Buffer.from(text);
const b64 = bytes.toString('base64');
const hex = bytes.toString('hex');
const encoder = new TextEncoder();

bench('buffer_utf8', () => {
  Buffer.from(text).toString();
  Buffer.byteLength(text);
  encoder.encode(text);
}, { minMs: 500 });
bench('buffer_base64_hex', () => {
  bytes.toString('base64');
  Buffer.from(b64, 'base64');
  bytes.toString('hex');
  Buffer.from(hex, 'hex');
}, { minMs: 500 });
