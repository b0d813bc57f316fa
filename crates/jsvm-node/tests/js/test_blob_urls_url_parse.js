// URL.parse, URL.createObjectURL/revokeObjectURL, buffer.resolveObjectURL and util.log, as
// Node 20 has them.
'use strict';
const { Blob, resolveObjectURL } = require('buffer');
const util = require('util');

function show(label, fn) {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, err.message);
  }
}
show('parse relative', () => URL.parse('x'));
show('parse with base', () => String(URL.parse('/b?q#h', 'http://c.example')));
show('parse bad base', () => URL.parse('http://a', 'bad'));
show('parse instance', () => URL.parse('http://a/') instanceof URL);
show('parse length', () => URL.parse.length);
show('parse no args', () => URL.parse());
show('parse object', () => URL.parse({ toString() { return 'https://o.example/p'; } }).href);

const blob = new Blob(['hi there'], { type: 'Text/Plain' });
const url = URL.createObjectURL(blob);
show('url shape', () => /^blob:nodedata:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(url));
const back = resolveObjectURL(url);
show('resolved', () => [back instanceof Blob, back === blob, back.size, back.type]);
back.text().then((t) => console.log('resolved text', t));
show('with hash', () => resolveObjectURL(url + '#frag') instanceof Blob);
show('with query', () => resolveObjectURL(url + '?q=1') instanceof Blob);
show('other id', () => resolveObjectURL('blob:nodedata:nothing'));
show('not blob', () => resolveObjectURL('http://x/'));
show('not url', () => resolveObjectURL('::'));
show('number', () => resolveObjectURL(5));
show('resolve no args', () => resolveObjectURL());
show('create of string', () => URL.createObjectURL('s'));
show('create no args', () => URL.createObjectURL());
show('two urls differ', () => URL.createObjectURL(blob) !== url);
show('revoke', () => URL.revokeObjectURL(url));
show('after revoke', () => resolveObjectURL(url));
show('revoke unknown', () => URL.revokeObjectURL('blob:nodedata:zzz'));
show('revoke junk', () => URL.revokeObjectURL('junk'));
show('revoke no args', () => URL.revokeObjectURL());

// util.log: '<day> <Mon> <hh:mm:ss> - <formatted>', through console.log.
const lines = [];
const orig = console.log;
console.log = (...args) => lines.push(util.format(...args));
util.log('x %d', 5, { a: 1 });
util.log();
console.log = orig;
for (const line of lines) {
  console.log('log line', JSON.stringify(line.replace(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d:\d\d:\d\d/, 'TIME')));
}
console.log('log', util.log.name, util.log.length);
