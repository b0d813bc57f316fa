// Argument errors of fs streams, worker_threads and structuredClone in Node's words, and the
// constructors that programs call on objects of their own (Stream.call(this), ...).
const { Worker, receiveMessageOnPort } = require('worker_threads');
const fs = require('fs');
for (const f of [() => new Worker(1), () => receiveMessageOnPort(1), () => structuredClone(1, 5),
  () => new fs.ReadStream(), () => new fs.WriteStream(5)]) {
  try { f(); } catch (e) { console.log(e.name, e.code, e.message); }
}
const list = {
  'events.EventEmitter': require('events'), 'stream.Stream': require('stream').Stream,
  'stream.Readable': require('stream').Readable, 'stream.Writable': require('stream').Writable,
  'stream.Duplex': require('stream').Duplex, 'stream.Transform': require('stream').Transform,
  'stream.PassThrough': require('stream').PassThrough, 'http.Agent': require('http').Agent,
  'http.Server': require('http').Server, 'http.IncomingMessage': require('http').IncomingMessage,
  'http.OutgoingMessage': require('http').OutgoingMessage, 'net.Socket': require('net').Socket,
  'net.Server': require('net').Server, 'child_process.ChildProcess': require('child_process').ChildProcess,
  'assert.AssertionError': require('assert').AssertionError, 'url.Url': require('url').Url,
  'console.Console': require('console').Console, 'string_decoder': require('string_decoder').StringDecoder,
};
for (const [name, C] of Object.entries(list)) {
  let r;
  try {
    const o = Object.create(C.prototype);
    C.call(o, name === 'console.Console' ? process.stdout : name === 'assert.AssertionError' ? {} : undefined);
    r = 'ok';
  } catch (e) { r = `${e.constructor.name}: ${e.message}`; }
  console.log(name, r);
}
