// MessageChannel in one thread: structured clone, async delivery, receiveMessageOnPort,
// onmessage, close on both ends, ref/unref, the errors of a bad transfer.
const { MessageChannel, MessagePort, receiveMessageOnPort } = require('worker_threads');
console.log(globalThis.MessageChannel === MessageChannel, globalThis.MessagePort === MessagePort);
try { new MessagePort(); } catch (e) { console.log(e.name, e.code, e.message); }

const { port1, port2 } = new MessageChannel();
console.log(port1 instanceof MessagePort, typeof port1.on);
const shared = { n: 1 };
const value = { a: [shared, shared], m: new Map([[1, 'x']]), d: new Date(0), u: undefined };
port1.postMessage(value);
port1.postMessage(2);
const r = receiveMessageOnPort(port2);
console.log(r.message !== value, r.message.a[0] === r.message.a[1], r.message);
console.log(receiveMessageOnPort(port2), receiveMessageOnPort(port2));

try { port1.postMessage(port1, [port1]); } catch (e) { console.log(e.name, e.message); }
const other = new MessageChannel();
try { port1.postMessage({ p: other.port1 }); } catch (e) { console.log(e.name, e.message); }

let sync = true;
const got = [];
port2.on('message', (m) => {
  got.push([m, sync]);
  if (m === 'last') port2.close();
});
let port1Closed = false;
port1.on('close', () => { port1Closed = true; });
port2.on('close', () => {
  console.log('close port2', JSON.stringify(got));
  second();
});
port1.postMessage('x');
port1.postMessage('last');
port1.postMessage('after close, sent before');
sync = false;

function second() {
  // onmessage gets a MessageEvent; a port closed by its sender still delivers what was sent.
  const { port1: a, port2: b } = new MessageChannel();
  b.onmessage = (e) => console.log('onmessage', e.data, e.target === b, typeof b.onmessage);
  b.on('close', () => {
    console.log('close b');
    third();
  });
  a.postMessage({ hello: 'world' });
  a.close();
  a.postMessage('dropped');
}

function third() {
  // A port with a listener keeps the loop alive; unref() lets the program end.
  const { port1: a, port2: b } = new MessageChannel();
  b.on('message', (m) => {
    console.log('third', m);
    b.unref();
  });
  setTimeout(() => a.postMessage('late'), 20);
  process.on('exit', () => console.log('exit; port1 saw close:', port1Closed));
}
