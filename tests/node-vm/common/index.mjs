// ESM face of our test/common shim.
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const common = require('./index.js');

export const {
  isWindows, isLinux, isMacOS, mustCall, mustCallAtLeast, mustNotCall, mustSucceed,
  expectsError, invalidArgTypeHelper, expectWarning, platformTimeout, skip,
  allowGlobals, spawnPromisified, getCallSite,
} = common;
export default common;
