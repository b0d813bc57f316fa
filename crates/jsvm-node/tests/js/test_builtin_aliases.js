// The thin builtins: aliases of other modules' objects, stream/consumers, punycode,
// trace_events, inspector (as when no debugger is attached), repl over streams, node:test's
// name, and what builtinModules/isBuiltin say about them.
'use strict';
const assert = require('assert');
const { Module, isBuiltin } = require('module');
const { Readable, PassThrough } = require('stream');

const same = (a, b) => console.log(a, require(a) === b);
same('path/posix', require('path').posix);
same('path/posix', require('path'));
same('_stream_duplex', require('stream').Duplex);
same('_stream_passthrough', require('stream').PassThrough);
same('_stream_readable', require('stream').Readable);
same('_stream_transform', require('stream').Transform);
same('_stream_writable', require('stream').Writable);
console.log(require('_http_agent').Agent === require('http').Agent,
  require('_http_agent').globalAgent === require('http').globalAgent,
  require('_http_client').ClientRequest === require('http').ClientRequest,
  require('_http_incoming').IncomingMessage === require('http').IncomingMessage,
  require('_http_outgoing').OutgoingMessage === require('http').OutgoingMessage,
  require('_http_server').Server === require('http').Server,
  require('_http_server').ServerResponse === require('http').ServerResponse,
  require('_http_server').STATUS_CODES === require('http').STATUS_CODES);
const common = require('_http_common');
console.log(common.CRLF === '\r\n', common.chunkExpression, common.continueExpression,
  common._checkIsHttpToken('Content-Type'), common._checkIsHttpToken('bad header'),
  common._checkInvalidHeaderChar('ok'), common._checkInvalidHeaderChar('no\nway'),
  common.methods.includes('GET'), typeof require('_http_incoming').readStart,
  require('_http_outgoing').kHighWaterMark.toString(), require('_http_server').kServerResponse.toString());
for (const name of ['node:test', 'test', 'path/posix', 'sys', 'punycode', 'domain', 'repl', 'cluster',
  'inspector', 'inspector/promises', 'trace_events', 'stream/consumers', '_stream_wrap', '_http_common']) {
  console.log('isBuiltin', name, isBuiltin(name), Module.builtinModules.includes(name));
}
assert.throws(() => require('test'), { code: 'MODULE_NOT_FOUND' });
console.log(typeof require('node:test'), typeof require('node:test').describe);

const punycode = require('punycode');
console.log(punycode.version, punycode.encode('mañana'), punycode.decode('maana-pta'),
  punycode.toASCII('mañana.com'), punycode.toASCII('user@bücher.example'),
  punycode.toUnicode('xn--maana-pta.com'), punycode.toUnicode('xn--bcher-kva。example'),
  punycode.encode('☃-⌘'), punycode.decode('--dqo34k'), punycode.ucs2.decode('\u{1F600}a\uD800'),
  punycode.ucs2.encode([0x1F600, 97]), punycode.encode('日本語'));
for (const bad of ['ü-a', 'a-9999999999', 'xn--$']) {
  try { punycode.decode(bad); } catch (e) { console.log(bad, e.name, e.message); }
}

const tracing = require('trace_events');
console.log(tracing.getEnabledCategories());
const a = tracing.createTracing({ categories: ['node.perf', 'v8'] });
console.log(a.enabled, a.categories);
a.enable();
const b = tracing.createTracing({ categories: ['v8', 'node.async_hooks'] });
b.enable();
console.log(tracing.getEnabledCategories());
a.disable();
console.log(tracing.getEnabledCategories(), require('util').inspect(a));
b.disable();
console.log(tracing.getEnabledCategories());
for (const bad of [undefined, {}, { categories: [] }, { categories: 'a' }, { categories: [1] }]) {
  try { tracing.createTracing(bad); } catch (e) { console.log(e.name, e.code, e.message); }
}

const inspector = require('inspector');
console.log(inspector.url(), inspector.close(), typeof inspector.console.log);
try { inspector.waitForDebugger(); } catch (e) { console.log(e.code, e.message); }
const session = new inspector.Session();
try { session.post('Runtime.evaluate'); } catch (e) { console.log(e.code, e.message); }
console.log(session.disconnect(), require('inspector/promises').url());

(async () => {
  const c = require('stream/consumers');
  console.log(await c.text(Readable.from([Buffer.from([0xe2, 0x82]), Buffer.from([0xac]), 'x'])));
  console.log(await c.json(Readable.from(['{"a":', '[1,2]}'])));
  console.log(await c.buffer(Readable.from([Buffer.from('ab'), 'cd'])));
  console.log(Buffer.from(await c.arrayBuffer(Readable.from([new Uint8Array([1, 2, 3])]))));
  const blob = await c.blob(Readable.from(['hello ', 'blob']));
  console.log(blob.size, await blob.text());
  async function* gen() { yield 'from '; yield 'generator'; }
  console.log(await c.text(gen()));
  try { await c.json(Readable.from(['{bad'])); } catch (e) { console.log(e.name); }

  const repl = require('repl');
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => { out += d; });
  const r = repl.start({ input, output, prompt: '> ', terminal: false, useColors: false });
  console.log(r instanceof repl.REPLServer, typeof repl.Recoverable, repl.isValidSyntax('1 +'), repl.isValidSyntax('1 + 1'));
  r.context.answer = 42;
  r.defineCommand('hi', { help: 'say hi', action(name) { this.output.write(`hi ${name}\n`); this.displayPrompt(); } });
  await new Promise((resolve) => {
    r.on('exit', resolve);
    input.write('1 + 1\nanswer\nlet x = 5\nx * 2\nfunction f() {\nreturn 7 }\nf()\n');
    input.write('throw new Error("bad")\n.hi bob\n_\n"str"\n[1, { a: 2 }]\n.nope\n.exit\n');
  });
  console.log(JSON.stringify(out));
  out = '';
  const r2 = repl.start({ input: new PassThrough(), output, prompt: '$ ',
    eval(cmd, ctx, file, cb) { cb(null, cmd.trim().toUpperCase()); } });
  await new Promise((resolve) => { r2.on('exit', resolve); r2.input.end('abc\ndef\n'); });
  console.log(JSON.stringify(out));
})();
