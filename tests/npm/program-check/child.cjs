console.log('child', process.argv.slice(2).join(','), typeof process.send);
if (process.send) process.send({ hi: 1 });
