// Programs tell Node's default Error.prepareStackTrace from one of their own by its name and
// text (a compiler installs its source-map formatter only over Node's), and Node's arrow over
// an uncaught error shows where it was thrown even when code's own formatter left no frames
// in its stack, and in code compiled from a string under a name that is no file.
const dflt = Error.prepareStackTrace;
console.log(typeof dflt, dflt.name, dflt.length);
console.log(/^\s*function ErrorPrepareStackTrace/.test(dflt.toString()));
console.log(Object.keys(Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace')));

Error.prepareStackTrace = (err, sites) => `formatted: ${err.message} (${sites.length > 0})`;
const Module = require('module');
const m = new Module('<generated>', null);
m._compile([
  '(function () {',
  '  const fail = () => { throw new RangeError("from compiled text"); };',
  '  fail();',
  '}).call(this);',
].join('\n'), '<generated-1>');
