// process.setUncaughtExceptionCaptureCallback takes uncaught errors before the event.
process.setUncaughtExceptionCaptureCallback((e) => { console.log('captured', e.message, process.hasUncaughtExceptionCaptureCallback()); });
process.on('uncaughtException', () => console.log('event (not expected)'));
process.on('uncaughtExceptionMonitor', (e, o) => console.log('monitor', e.message, o));
setTimeout(() => { throw new Error('in timer') }, 1);
setTimeout(() => { Promise.reject(new Error('rejected')) }, 5);
setTimeout(() => { process.setUncaughtExceptionCaptureCallback(null); console.log(process.hasUncaughtExceptionCaptureCallback()); throw new Error('to event') }, 10);
try { process.setUncaughtExceptionCaptureCallback(1); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(process.getBuiltinModule('fs') === require('fs'), process.getBuiltinModule('node:path') === require('path'),
  process.getBuiltinModule('nope'), process.getBuiltinModule('node:nope'));
try { process.getBuiltinModule(1); } catch (e) { console.log(e.code, e.message); }
