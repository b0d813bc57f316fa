// An unsettled top-level await: the 'exit' event carries the code the process had (0), and 13
// is set by the first listener, unless one before it set its own (as signal-exit does, which
// inquirer's prompts use: a prompt rejected there is reported, and the process exits with 0).
process.on('exit', (code) => {
  console.log('exit event', code, process.exitCode);
  Promise.reject(new Error('rejected during exit'));
});
await new Promise(() => {});
