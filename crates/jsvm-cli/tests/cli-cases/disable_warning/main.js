// --disable-warning (by code or by type) stops a warning's printing, not its 'warning' event.
process.on('warning', (w) => console.log('event:', w.name, w.code));
process.emitWarning('old api', 'DeprecationWarning', 'DEP0999');
process.emitWarning('new api', 'ExperimentalWarning');
process.emitWarning('plain');
process.emitWarning('custom', { type: 'CustomWarning', code: 'X1' });
console.log(process.execArgv);
