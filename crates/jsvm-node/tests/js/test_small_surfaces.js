// Small surfaces real programs reach for: stream.isWritable, util.aborted, v8.cachedDataVersionTag,
// process.stdout.destroy (Node's stdio streams are never closed).
'use strict';
const stream = require('stream'), util = require('util'), v8 = require('v8');
const pt = new stream.PassThrough();
console.log(stream.isWritable(pt), stream.isWritable(new stream.Readable()), stream.isWritable(null), stream.isWritable({}));
pt.end(); console.log('ended', stream.isWritable(pt));
const w = new stream.Writable({ write(c, e, cb) { cb(); } }); w.destroy(); console.log('destroyed', stream.isWritable(w));
console.log(stream.isWritable(process.stdout), stream.isWritable(new stream.Duplex({ writable: false, read() {} })));
util.aborted({}, {}).catch((e) => console.log(e.code, e.message));
util.aborted(new AbortController().signal, null).catch((e) => console.log(e.code, e.message));
const done = new AbortController(); done.abort();
util.aborted(done.signal, {}).then(() => console.log('already aborted'));
const tag = v8.cachedDataVersionTag(); console.log(Number.isInteger(tag), tag >= 0, tag < 2 ** 32, tag === v8.cachedDataVersionTag());
process.stdout.on('close', () => console.log('close event, still writable'));
process.stdout.destroy();
