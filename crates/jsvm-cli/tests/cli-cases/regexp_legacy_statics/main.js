// V8's legacy statics of RegExp (RegExp.$1-$9, input, lastMatch, lastParen, leftContext,
// rightContext and their $-aliases): updated by every successful match, whichever method made
// it, kept per realm; and RegExp has no `escape` in Node 20.
const vm = require('vm');
const show = (label) => console.log(label, JSON.stringify([RegExp.$1, RegExp.$2, RegExp.lastMatch,
  RegExp.lastParen, RegExp.leftContext, RegExp.rightContext, RegExp.input]));

for (const k of Object.getOwnPropertyNames(RegExp)) {
  const d = Object.getOwnPropertyDescriptor(RegExp, k);
  console.log(k, d.get ? `${d.get.name}/${d.get.length}` : '-', d.set ? `${d.set.name}/${d.set.length}` : '-',
    d.enumerable, d.configurable);
}
show('before any match:');
/(a)(b)?(c)?/.exec('xxacz'); show('exec:');
console.log(RegExp.$3, RegExp['$&'], RegExp['$+'], RegExp['$`'], RegExp["$'"], RegExp.$_);
/(x)/.test('none'); show('failed match keeps:');
/(d)(e)/.test('abcdef'); show('test:');
'a-b-c'.replace(/(\w)-/g, (m, p) => p.toUpperCase()); show('replace with function:');
'xax'.replace(/a/g, ''); show('replace deleting:');
'a1b2'.split(/(\d)/); show('split:');
'hello'.match(/l+/); show('match:');
'zzz'.search(/z$/); show('search:');
[...'a1b2c3'.matchAll(/\d/g)]; show('matchAll:');
/a/y.exec('a'); show('sticky:');
/(?<n>x)/u.exec('x'); show('named group:');
/(\d)(\d)(\d)(\d)(\d)(\d)(\d)(\d)(\d)(\d)/.exec('0123456789');
console.log('ten groups:', RegExp.$9, RegExp.lastParen);
RegExp.prototype.exec.call(/(call)/, 'by call'); show('exec.call:');

// Assigning: input and $_ take a string; the others ignore what they are given.
RegExp.input = 'changed'; RegExp.$1 = 'ignored'; RegExp.lastMatch = 'ignored';
console.log('assigned:', RegExp.input, RegExp.$_, RegExp.$1, RegExp.lastMatch, RegExp.leftContext);
RegExp.$_ = 42; console.log('assigned a number:', typeof RegExp.input, RegExp.input);

// The getters answer whatever their receiver.
console.log('detached getter:', Object.getOwnPropertyDescriptor(RegExp, '$1').get.call({}));
console.log('exec:', RegExp.prototype.exec.name, RegExp.prototype.exec.length,
  String(RegExp.prototype.exec) === 'function exec() { [native code] }');

// A vm context has its own record; matches there do not change the main one.
/(main)/.exec('in main');
console.log('context:', vm.runInNewContext('[RegExp.$1, /(k)(l)?/.exec("xkz") && RegExp.$1, RegExp.leftContext, RegExp.input]'));
console.log('context match() first:', vm.runInNewContext('"ab".match("b"); [RegExp.lastMatch, RegExp.leftContext]'));
console.log('main after contexts:', RegExp.$1, RegExp.input);
console.log('escape:', typeof RegExp.escape, vm.runInNewContext('typeof RegExp.escape'));

// A doctype read the way linkedom reads it.
if (/^([a-z:]+)(\s+system|\s+public(\s+"([^"]+)")?)?(\s+"([^"]+)")?/i.test('html PUBLIC "-//W3C//DTD" "x.dtd"')) {
  const { $1: name, $4: publicId, $6: systemId } = RegExp;
  console.log('doctype:', name, publicId, systemId);
}
