console.log(process.argv.slice(2), process.argv.length, typeof process.argv[0], process.argv[1].endsWith('main.js'));
process.on('exit', (c) => { console.log('exit event', c, process.exitCode); });
process.exitCode = 3;
console.log(typeof process.env.HOME, typeof process.pid, process.platform, typeof process.hrtime.bigint(), process.hrtime().length);
console.log(Object.keys(process.memoryUsage()));
setTimeout(() => console.log('t1'), 5);
