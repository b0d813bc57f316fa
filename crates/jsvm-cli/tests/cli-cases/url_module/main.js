// url: WHATWG URL and URLSearchParams (also globals), file URLs, url.format(URL).
const url = require('url');
console.log(URL === url.URL, URLSearchParams === url.URLSearchParams, Object.keys(globalThis).includes('URL'));
const u = new URL('https://user:pa ss@EXAMPLE.com:8080/a/../b/./c d?x=1&y=%20z+w#frag ment');
console.log(u);
console.log(String(u), JSON.stringify({ u }), u.searchParams.get('y'), Object.prototype.toString.call(u));
for (const [input, base] of [['/p?q#h', 'http://h.test/x/y'], ['../z', 'http://h.test/x/y/'],
  ['http://[::1]:80/'], ['HTTP://Ü.test/ä'], ['file:///tmp/a b'], ['mailto:a@b.c'], ['data:text/plain,hi'],
  ['blob:https://a.test/uuid'], ['ws://a.test:81'], ['http://1.2.3.4/'], ['http://0x7f.1/'], ['  http://a.test/\t\n '],
  ['http://a.test/%zz?%zz'], ['?x', 'http://a.test/p'], ['//other.test', 'https://a.test']]) {
  const v = new URL(input, base);
  console.log(v.href, v.origin, v.protocol, v.host, v.hostname, v.port, v.pathname, v.search, v.hash);
}
for (const [input, base] of [['nope'], ['http://'], ['x', 'nope'], ['http://a b/'], ['http://[::1/']]) {
  try {
    new URL(input, base);
  } catch (e) {
    console.log(e.name, e.code, e.message, e.input, e.base);
  }
}
try {
  new URL();
} catch (e) {
  console.log(e.name, e.code, e.message);
}
console.log(URL.canParse('http://a'), URL.canParse('nope'), URL.canParse('x', 'http://a'));
// setters
const s = new URL('http://a.test/p?q=1#h');
s.protocol = 'https'; s.username = 'me'; s.password = 'pw'; s.hostname = 'b.test'; s.port = '444';
s.pathname = '/new path'; s.search = 'r=2&t=3'; s.hash = 'top';
console.log(s.href);
s.port = '443'; s.protocol = 'ftp:'; s.protocol = 'mailto'; s.port = 'abc'; s.host = 'c.test:9';
console.log(s.href);
s.href = 'http://d.test/';
console.log(s.href);
try {
  s.href = 'nope';
} catch (e) {
  console.log(e.code, s.href);
}
// searchParams stay in step with the URL
const p = s.searchParams;
p.append('a', '1'); p.append('b', 'x y&z');
console.log(s.search, s.href, p.size);
s.search = '?c=3';
console.log([...p], p.toString());
p.delete('c');
console.log(s.href);
// URLSearchParams
const q = new URLSearchParams('?a=1&b=2&a=3&c=%zz&d=%E2%82%AC+e');
console.log(q, q.getAll('a'), q.get('zz'), q.has('a'), q.has('a', '3'), q.has('a', '4'), q.size);
q.set('a', 'x'); q.sort(); q.delete('b', '9');
console.log(q.toString(), [...q.keys()], [...q.values()], [...q.entries()]);
q.forEach(function (v, k, self) { console.log(k, v, self === q, this.t); }, { t: 'this' });
console.log(new URLSearchParams({ a: 1, b: [1, 2], c: null }).toString(), new URLSearchParams([['x', 'y'], new Set(['k', 'v'])]).toString());
console.log(new URLSearchParams(new Map([['m', '1']])).toString(), new URLSearchParams(q).toString(), new URLSearchParams('').toString());
console.log(new URLSearchParams({ é: 'ü ~*()!\'', '\u00a0': '+' }).toString());
console.log(new URLSearchParams(), new URLSearchParams({ aaaaaaaaaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbb', cccccccccccccccccccc: 'ddddddddddddddddd' }));
for (const bad of [[['a']], [1], [['a', 'b', 'c']]]) {
  try {
    new URLSearchParams(bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try {
  q.append('a');
} catch (e) {
  console.log(e.name, e.code, e.message);
}
// file URLs
console.log(url.fileURLToPath('file:///tmp/a%20b/c'), url.fileURLToPath(new URL('file://localhost/x/y')));
console.log(url.pathToFileURL('/a b/c%d#e?f\\g\n').href, url.pathToFileURL('/x/').href,
  url.pathToFileURL('rel/x').href === `file://${process.cwd()}/rel/x`);
for (const bad of ['http://x', 'file://host/x', 'file:///a%2fb', 5]) {
  try {
    url.fileURLToPath(bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
// format, urlToHttpOptions, domains
const f = new URL('https://u:p@xn--n3h.test:8443/p?q#h');
console.log(url.format(f), url.format(f, { auth: false, search: false, fragment: false }), url.format(f, { unicode: true }));
console.log(url.urlToHttpOptions(f));
console.log(url.domainToASCII('español.com'), url.domainToASCII('xn--iñvalid.com'), url.domainToUnicode('xn--espaol-zwa.com'));
