// Node prints an uncaught error as it is, not through its own [util.inspect.custom] (a
// compiler's error class may show only part of itself there), with its own properties five
// levels deep.
const util = require('util');

class CompileError extends Error {
  constructor(text) {
    super(`Unable to compile:\n${text}`);
    this.name = 'CompileError';
    this.details = { level1: { level2: { level3: { level4: { level5: { level6: 'deep' } } } } } };
  }
  [util.inspect.custom]() { return 'only the custom text'; }
}
console.log(util.inspect(new CompileError('shown by inspect')));
throw new CompileError('file.ts(1,7): error');
