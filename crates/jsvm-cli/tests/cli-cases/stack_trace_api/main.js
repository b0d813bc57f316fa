// V8's stack trace API: Error.prepareStackTrace read as an ordinary property (accessors
// honoured), and what call sites' getFunction() gives (undefined for strict code).
const vm = require('vm');

// What each call site in this file gives: `line:typeof getFunction()`.
function sitesOf(make) {
  const original = Error.prepareStackTrace;
  Error.prepareStackTrace = (e, sites) => sites;
  try {
    return make()
      .filter((s) => s.getFileName() === __filename)
      .map((s) => `${s.getLineNumber()}:${typeof s.getFunction()}`)
      .join(' ');
  } finally {
    Error.prepareStackTrace = original;
  }
}
const stack = () => new Error('x').stack;

function sloppyInner() { return stack(); }
function sloppyOuter() { return sloppyInner(); }
console.log('sloppy', sitesOf(() => sloppyOuter()));

class Strict { constructor() { this.s = stack(); } }
function makesStrict() { return new Strict().s; }
console.log('class', sitesOf(() => makesStrict()));

function viaMap() { return [1].map(function mapped() { return stack(); })[0]; }
console.log('builtin', sitesOf(() => viaMap()));

function viaCall() { return sloppyInner.call(null); }
console.log('call', sitesOf(() => viaCall()));

// Error.prepareStackTrace as an accessor, in a context.
const shapes = {
  getter: `Object.defineProperty(Error, 'prepareStackTrace', { configurable: true,
    get() { reads++; return (e, sites) => 'getter:' + e.message + ':' + (this === Error) + ':' + Array.isArray(sites); } });`,
  getterUndefined: `Object.defineProperty(Error, 'prepareStackTrace', { configurable: true,
    get() { reads++; return undefined; } });`,
  getterNotFunction: `Object.defineProperty(Error, 'prepareStackTrace', { configurable: true,
    get() { reads++; return 42; } });`,
  setter: `let stored; Object.defineProperty(Error, 'prepareStackTrace', { configurable: true,
    get() { reads++; return stored; }, set(f) { stored = f; } });
    Error.prepareStackTrace = (e) => 'setter:' + e.message;`,
  inherited: `Object.setPrototypeOf(Error, { prepareStackTrace: (e) => 'inherited:' + e.message });`,
  thisAndArguments: `Error.prepareStackTrace = function (e, sites) {
    return [this === Error, arguments.length, Array.isArray(sites), typeof sites[0].getFunctionName].join();
  };`,
  engineError: `Error.prepareStackTrace = (e) => 'engine:' + e.name;`,
};
for (const [name, setup] of Object.entries(shapes)) {
  const result = vm.runInNewContext(`
    var reads = 0;
    ${setup}
    const error = ${name === 'engineError' ? '(() => { try { null.x; } catch (e) { return e; } })()' : "new Error('msg')"};
    String(error.stack).split('\\n')[0] + ' (reads: ' + reads + ')';
  `);
  console.log(name, result);
}

// Where Error.prepareStackTrace is: the main context's default, none in a context.
const d = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
console.log('main', typeof d.value, d.writable, d.enumerable, d.configurable);
console.log('context', vm.runInNewContext(`typeof Error.prepareStackTrace + ' ' + ('prepareStackTrace' in Error)`));
const original = Error.prepareStackTrace;
Error.prepareStackTrace = (e, sites) => original(e, sites);
console.log('chained', new Error('chained').stack.split('\n')[0]);
Error.prepareStackTrace = original;
