let n = 0;
process.on('beforeExit', () => { if (n++ < 2) setTimeout(() => console.log('more work', n), 1); });
process.on('exit', (c) => console.log('exit', c, n));
