process.on('exit', (c) => console.log('exit listener', c, process.exitCode));
setTimeout(() => console.log('never'), 10);
process.nextTick(() => { console.log('tick'); process.exit(7); });
console.log('sync');
