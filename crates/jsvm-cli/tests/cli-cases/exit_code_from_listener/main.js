process.on('exit', (c) => { console.log('exit', c); process.exitCode = 9; });
process.on('beforeExit', (c) => { console.log('beforeExit', c); });
