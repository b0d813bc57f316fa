// Node's legacy URL API: url.parse (with and without query parsing and slashesDenoteHost),
// url.format of objects and strings, url.resolve and url.resolveObject.
const url = require('url');
const { inspect } = require('util');
const tryIt = (f) => { try { return f(); } catch (e) { return `${e.name} ${e.code}: ${e.message}`; } };

const inputs = [
  'http://user:pass@host.com:8080/p/a/t/h?query=string#hash',
  'HTTP://www.Example.COM/a b/c?d=e f#g h',
  'https://example.com',
  'http://example.com?x=1',
  '//example.com/path',
  '/just/a/path?x=1&y=2',
  'relative/path#frag',
  '?only=query',
  '#only-hash',
  'mailto:someone@example.com',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'file://host/share/file.txt',
  'http://[::1]:3000/x',
  'http://[fe80::1%25eth0]/',
  'http://a@b@c/',
  'http://ex ample.com/',
  'http://example.com:/x',
  'http://EXAMPLE.com:65536/x',
  'http://münchen.de/straße',
  '  \t http://trim.me/  \n',
  'http:\\\\backslash.com\\a\\b?c\\d',
  'xmpp:user@host',
  'foo://bar/baz',
  'http://x.com/p?a=1&a=2&b=%20c',
  'http://x.com/<script>"\'`{|}^',
  'http://user%20name:p%40ss@host/',
  'ws://socket.io:80/chat',
  'http://host.com/a/../b/./c',
  '',
  'http://host/?',
  'http://host#',
];
for (const input of inputs) {
  console.log(JSON.stringify(input));
  console.log(inspect(tryIt(() => url.parse(input)), { breakLength: 200 }));
  const q = tryIt(() => url.parse(input, true));
  console.log(' query:', inspect(q && q.query), ' href:', q && q.href);
  console.log(' slashesDenoteHost:', inspect(tryIt(() => url.parse(input, false, true).host)));
}
console.log(tryIt(() => url.parse(5)));
console.log(tryIt(() => url.parse('http://a:b')));
console.log(url.parse('http://x/') instanceof url.Url, typeof url.Url, url.parse.name, url.resolve.name);

const objects = [
  { protocol: 'http', host: 'example.com', pathname: '/a b', search: '?x=1' },
  { protocol: 'https:', hostname: 'example.com', port: 8443, pathname: 'no-slash', query: { a: 1, b: [2, 3], c: 'd e' } },
  { protocol: 'mailto', auth: 'user', hostname: 'example.com' },
  { protocol: 'file', pathname: '/etc/hosts' },
  { protocol: 'http', slashes: true, hostname: '::1', port: 80, hash: 'frag' },
  { host: 'h.com', pathname: '/p#q?r', search: 'already#hash' },
  { auth: 'us er:pa@ss', host: 'h', protocol: 'ftp:' },
  { protocol: 'xmpp', slashes: true, host: 'h', pathname: 'p' },
  {},
];
for (const o of objects) console.log(url.format(o));
console.log(url.format('HTTP://A.com/x y'), url.format(new URL('http://u:p@a.com/x?y#z'), { auth: false }));
console.log(tryIt(() => url.format(7)), tryIt(() => url.format(null)));

const bases = ['http://a/b/c/d;p?q', 'http://example.com/one/two', 'mailto:a@b.com', 'file:///a/b', 'http://example.com'];
const rels = ['g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', '..', '../', '../g', '../..', '../../g',
  '../../../../g', '.', './', 'g;x=1/../y', 'https://other.com/x', 'mailto:c@d.com', 'ftp:x', '', 'http:g', '/./g', 'g/./h', 'g/../h'];
for (const b of bases) {
  console.log(b, '->', rels.map((r) => url.resolve(b, r)).join(' | '));
}
const ro = url.resolveObject('http://a.com/b/c?q#h', '../d?e');
console.log(inspect(ro, { breakLength: 200 }));
console.log(url.resolveObject('', 'x'), url.parse('http://h/p').resolve('q'));
