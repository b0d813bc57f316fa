// Frames of anonymous functions as V8 names them: by the member they were assigned to (its
// parser's inferred name: `module.exports`, `exports.handler`, `Foo.bar` for
// `Foo.prototype.bar = function`), and, called as methods, by their receiver's type
// (`EventEmitter.<anonymous>`, `Timeout._onTimeout`). Call sites say the same. A timer's and an
// immediate's callbacks are called as their methods, as Node calls them.
'use strict';
const EventEmitter = require('events');
const frame = () => new Error().stack.split('\n')[2].trim().replace(/ \(.*\)$/, '');
const lines = [];
const add = (label, text) => lines.push(`${label}: ${text}`);

const o = {};
o.x = function () { return frame(); };
add('member', o.x());
add('through another key', ({ y: o.x }).y());
const p = { q: { r: null } };
p.q.r = function () { return frame(); };
add('deep member', p.q.r());
function Ctor() {}
Ctor.prototype.meth = function () { return frame(); };
add('prototype method', new Ctor().meth());
Ctor.stat = () => frame();
add('static arrow', Ctor.stat());
exports.exp = function () { return frame(); };
add('exports', exports.exp());
module.exports.me = async function () { return frame(); };
const k = {};
k['str'] = function () { return frame(); };
add('string key', k.str());
k[1 + 1] = function () { return frame(); };
add('computed key', k[2]());
k.a = p.b = function () { return frame(); };
add('chained', k.a());
k.multi =
  function () { return frame(); };
add('over two lines', k.multi());
k.gen = function* () { yield frame(); };
add('generator', k.gen().next().value);
const plain = k.plainCall = function () { return frame(); };
add('called plainly', plain());
k.Made = function () { this.where = frame(); };
add('constructor', new k.Made().where);

const e = new EventEmitter();
e.on('x', function () { add('listener', frame()); });
e.on('x', () => add('arrow listener', frame()));
e.emit('x');
class Mine extends EventEmitter {}
const mine = new Mine();
mine.once('y', function () { add('listener of a subclass', frame()); });
mine.emit('y');
const list = [];
list.push(function () { return frame(); });
add('element called', list[0]());
add('call with a map', function () { return frame(); }.call(new Map()));

function callsites() {
  const orig = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, stack) => stack;
  const stack = new Error().stack.slice(1);
  Error.prepareStackTrace = orig;
  return stack;
}
o.sites = function () { return callsites(); };
const site = o.sites()[0];
add('site', [site.getFunctionName(), site.getTypeName(), site.getMethodName()].join(' '));
const anon = [function () { return callsites(); }][0]()[0];
add('anonymous site', [anon.getFunctionName(), anon.getTypeName(), anon.getMethodName()].join(' '));

module.exports.me().then((text) => {
  add('async member', text);
  setTimeout(function () {
    add('timer', frame());
    setImmediate(function named(a) {
      add('immediate', `${this.constructor.name} ${a} ${frame()}`);
      console.log(lines.join('\n'));
    }, 'arg');
  }, 0);
});
