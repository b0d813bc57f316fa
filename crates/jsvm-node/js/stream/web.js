// The WHATWG Streams, as Node's `stream/web` (the same classes are globals); written in
// internal/webstreams.js.
'use strict';

const web = require('internal/webstreams');

module.exports = {
  ReadableStream: web.ReadableStream,
  ReadableStreamDefaultReader: web.ReadableStreamDefaultReader,
  ReadableStreamBYOBReader: web.ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest: web.ReadableStreamBYOBRequest,
  ReadableByteStreamController: web.ReadableByteStreamController,
  ReadableStreamDefaultController: web.ReadableStreamDefaultController,
  TransformStream: web.TransformStream,
  TransformStreamDefaultController: web.TransformStreamDefaultController,
  WritableStream: web.WritableStream,
  WritableStreamDefaultWriter: web.WritableStreamDefaultWriter,
  WritableStreamDefaultController: web.WritableStreamDefaultController,
  ByteLengthQueuingStrategy: web.ByteLengthQueuingStrategy,
  CountQueuingStrategy: web.CountQueuingStrategy,
  TextEncoderStream: web.TextEncoderStream,
  TextDecoderStream: web.TextDecoderStream,
  CompressionStream: web.CompressionStream,
  DecompressionStream: web.DecompressionStream,
};
