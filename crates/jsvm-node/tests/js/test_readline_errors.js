// readline's and readline/promises' bad arguments: Node's error names, codes and messages.
const readline = require('readline');
const { Readline } = require('readline/promises');
const { PassThrough } = require('stream');
const input = new PassThrough();
for (const opts of [{ historySize: -1 }, { historySize: 'x' }, { completer: 5 }, { tabSize: 0 }, { escapeCodeTimeout: NaN }, { history: 'x' }, { signal: {} }]) {
  try { readline.createInterface({ input, ...opts }).close(); console.log('ok', opts); } catch (e) { console.log(e.name, e.code, e.message); }
}
for (const f of [() => new Readline(null), () => new Readline(process.stdout, { autoCommit: 1 }), () => new Readline(process.stdout).cursorTo(1.5), () => new Readline(process.stdout).clearLine(2), () => readline.cursorTo(process.stdout, NaN), () => readline.cursorTo(process.stdout, 1, 2, 3)]) {
  try { f(); console.log('ok'); } catch (e) { console.log(e.name, e.code, e.message); }
}
