// `http2`: jsvm has no HTTP/2 sessions. The module loads (programs such as axios and
// superagent require it at load and read its constants) with Node's constants, default
// settings and settings packing; making a session or a server (connect, createServer,
// createSecureServer, performServerHandshake) throws ERR_METHOD_NOT_IMPLEMENTED.
'use strict';

const { Buffer } = require('buffer');
const { makeError, codes, isArrayBufferView } = require('internal/errors');
const constants = require('internal/http2_constants');

function notImplemented(name) {
  return function () {
    throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED',
      `The ${name}() method is not implemented (jsvm has no HTTP/2)`);
  };
}

// Settings by their identifiers (RFC 7540 6.5.2, RFC 8441): [name, id, min, max or 'bool'].
const SETTINGS = [
  ['headerTableSize', 1, 0, 2 ** 32 - 1],
  ['enablePush', 2, 0, 'bool'],
  ['maxConcurrentStreams', 3, 0, 2 ** 32 - 1],
  ['initialWindowSize', 4, 0, 2 ** 31 - 1],
  ['maxFrameSize', 5, 16384, 2 ** 24 - 1],
  ['maxHeaderListSize', 6, 0, 2 ** 32 - 1],
  ['enableConnectProtocol', 8, 0, 'bool'],
];

function invalidSetting(name, value) {
  const shown = typeof value === 'string' ? value : String(value);
  return makeError(TypeError, 'ERR_HTTP2_INVALID_SETTING_VALUE', `Invalid value for setting "${name}": ${shown}`);
}

function getDefaultSettings() {
  return {
    headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384,
    maxConcurrentStreams: 4294967295, maxHeaderSize: 65535, maxHeaderListSize: 65535,
    enableConnectProtocol: false,
  };
}

function getPackedSettings(settings = {}) {
  if (settings === null || typeof settings !== 'object') throw codes.ERR_INVALID_ARG_TYPE('settings', 'Object', settings);
  settings = { ...settings };
  if (settings.maxHeaderSize !== undefined) settings.maxHeaderListSize = settings.maxHeaderSize;
  const parts = [];
  for (const [name, id, min, max] of SETTINGS) {
    const v = settings[name];
    if (v === undefined) continue;
    let n;
    if (max === 'bool') {
      if (typeof v !== 'boolean') throw invalidSetting(name, v);
      n = v ? 1 : 0;
    } else {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        throw makeError(RangeError, 'ERR_HTTP2_INVALID_SETTING_VALUE', `Invalid value for setting "${name}": ${v}`);
      }
      n = v;
    }
    const b = Buffer.alloc(6);
    b.writeUInt16BE(id, 0);
    b.writeUInt32BE(n, 2);
    parts.push(b);
  }
  return Buffer.concat(parts);
}

function getUnpackedSettings(buf, options = {}) {
  if (!isArrayBufferView(buf)) throw codes.ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray'], buf);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length % 6 !== 0) {
    throw makeError(RangeError, 'ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH', 'Packed settings length must be a multiple of six');
  }
  const settings = {};
  for (let i = 0; i < b.length; i += 6) {
    const id = b.readUInt16BE(i);
    const value = b.readUInt32BE(i + 2);
    const known = SETTINGS.find((s) => s[1] === id);
    if (known === undefined) {
      if (!settings.customSettings) settings.customSettings = {};
      settings.customSettings[id] = value;
    } else if (known[3] === 'bool') {
      settings[known[0]] = value !== 0;
    } else {
      if (id === 6) settings.maxHeaderSize = value;
      settings[known[0]] = value;
    }
  }
  if (options && options.validate) {
    for (const [name, , min, max] of SETTINGS) {
      const v = settings[name];
      if (v !== undefined && max !== 'bool' && (v < min || v > max)) throw invalidSetting(name, v);
    }
  }
  return settings;
}

// The compatibility API's classes (never made here: no server makes requests).
class Http2ServerRequest extends require('stream').Readable {}
class Http2ServerResponse extends require('stream').Stream {}

module.exports = {
  connect: notImplemented('connect'),
  constants,
  createServer: notImplemented('createServer'),
  createSecureServer: notImplemented('createSecureServer'),
  getDefaultSettings,
  getPackedSettings,
  getUnpackedSettings,
  performServerHandshake: notImplemented('performServerHandshake'),
  sensitiveHeaders: Symbol('sensitiveHeaders'),
  Http2ServerRequest,
  Http2ServerResponse,
};
