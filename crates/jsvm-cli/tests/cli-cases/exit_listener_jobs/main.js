// What 'exit' listeners queue still runs, and an error it leaves is reported, without changing
// the exit code the process had (as node's callback scope around the event).
process.exitCode = 5;
process.on('exit', (code) => {
  console.log('exit', code);
  process.nextTick(() => console.log('tick after exit'));
  Promise.resolve().then(() => console.log('job after exit'));
  Promise.reject(new Error('rejected in an exit listener'));
});
