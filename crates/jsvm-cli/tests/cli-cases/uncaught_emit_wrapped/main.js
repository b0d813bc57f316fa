// An uncaught error is emitted as 'uncaughtException' even with no listener, as Node does:
// source-map-support's shim wraps process.emit, sees that nobody took it, and prints the error
// itself on exit.
const util = require('util');

const emit = process.emit;
let fatal;
process.emit = function (type, ...args) {
  const taken = emit.call(this, type, ...args);
  if (type === 'uncaughtException' && !taken) {
    console.log('nobody took', args[0].message, 'from', args[1]);
    fatal = args[0];
    process.exit(3);
  }
  if (type === 'exit' && fatal) {
    console.log('printed on exit:', util.inspect(fatal, { customInspect: false }).split('\n')[0]);
  }
  return taken;
};

class CompileError extends Error {
  constructor(text) {
    super(`Unable to compile:\n${text}`);
    this.name = 'CompileError';
  }
}

setTimeout(() => { throw new CompileError('file.ts(1,7): error'); });
