process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
setTimeout(() => { throw new Error('in timer'); }, 1);
setTimeout(() => console.log('after'), 3);
throw new Error('main');
