// An IncomingMessage over a socket that is not net's (what HTTP mocks such as nock hand it:
// an EventEmitter with `resume`/`pause`): reading the message resumes the socket, as Node does
// with every socket, and the body comes through.
const { EventEmitter } = require('events');
const { PassThrough } = require('stream');
const http = require('http');

const socket = new EventEmitter();
socket.readable = true;
socket.resume = () => console.log('socket resumed');
socket.pause = () => console.log('socket paused');
socket.destroy = () => console.log('socket destroyed');

const msg = new http.IncomingMessage(socket);
msg.statusCode = 200;
msg.headers = { 'content-type': 'text/plain' };
const chunks = [];
msg.on('data', (d) => chunks.push(String(d)));
msg.on('end', () => console.log('end', chunks, msg.complete, msg.statusCode));
setTimeout(() => {
  msg.push('abc');
  msg.push('def');
  msg.complete = true;
  msg.push(null);
  console.log('pushed');
}, 5);

// Over a stream (a PassThrough standing for the connection).
const stream = new PassThrough();
const overStream = new http.IncomingMessage(stream);
overStream.on('data', (d) => console.log('over a stream:', String(d)));
overStream.on('end', () => console.log('over a stream: end'));
setTimeout(() => {
  overStream.push('x');
  overStream.complete = true;
  overStream.push(null);
}, 10);
