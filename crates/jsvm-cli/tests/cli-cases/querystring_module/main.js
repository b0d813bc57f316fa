// querystring: parse, stringify, escape, unescape as Node.
const qs = require('querystring');
console.log(Object.keys(qs).sort());
const cases = ['a=1&b=2', 'a&&b', '=&=', '=x', 'a=1&a=2&a=3', 'a+b=c+d', '%zz=%41', 'a=%E2%82%AC',
  'a=%E2%82', '&a=1&', 'a==b', 'a=b=c', '', 'x=1;y=2', '__proto__=1&constructor=2', 'a=%',
  'a=%4', '%GG%41+%2B=1'];
for (const c of cases) console.log(JSON.stringify(c), qs.parse(c));
console.log(qs.parse('a:1;b:2', ';', ':'), qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 }),
  qs.parse('a=1&b=2', '&', '=', { maxKeys: 0 }), qs.parse('a<>1##b<>2', '##', '<>'));
console.log(qs.parse('a=%41', null, null, { decodeURIComponent: (s) => s.toLowerCase() }));
console.log(qs.parse('a+b=%41+', null, null, { decodeURIComponent: (s) => `[${s}]` }));
console.log(Object.getPrototypeOf(qs.parse('a=1')), qs.parse(undefined), qs.parse(42));
console.log(qs.stringify({ a: 1, b: 'x y', c: [1, 2], d: [], e: true, f: null, g: undefined, h: NaN, i: 1e21, j: 10n, k: {}, 'é&=': 'ü/?#' }));
console.log(qs.stringify({ a: 1, b: 2 }, ';', ':'), qs.stringify('x'), qs.stringify(null), qs.stringify([1, 2]));
console.log(qs.stringify({ a: 'x y', b: [1, null] }, null, null, { encodeURIComponent: (s) => `<${s}>` }));
console.log(qs.escape("a b&c/d?é~*'()!"), qs.escape(12), qs.escape({ toString() { return 'o k'; } }));
console.log(qs.unescape('a%20b+c'), qs.unescape('%E2%82'), qs.unescape('%zz%41'), qs.unescapeBuffer('a%41+b', true));
try {
  qs.escape('\ud800');
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  qs.stringify({ a: '\udc00' });
} catch (e) {
  console.log(e.name, e.code, e.message);
}
console.log(qs.encode === qs.stringify, qs.decode === qs.parse);
