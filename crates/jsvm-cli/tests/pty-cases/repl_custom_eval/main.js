// repl.start on the terminal with a custom eval running code in a vm context (the classic use
// of vm), a writer, a command of its own and the 'exit' event.
const repl = require('repl');
const vm = require('vm');
const sandbox = vm.createContext({ answer: 42 });
const r = repl.start({
  prompt: 'calc> ',
  eval(cmd, context, file, cb) {
    try {
      cb(null, vm.runInContext(cmd, sandbox));
    } catch (e) {
      if (e.name === 'SyntaxError' && /end of input/.test(e.message)) return cb(new repl.Recoverable(e));
      cb(e);
    }
  },
  writer: (v) => `=> ${JSON.stringify(v)}`,
});
r.defineCommand('twice', {
  help: 'Doubles the answer',
  action() {
    sandbox.answer *= 2;
    this.output.write(`answer is now ${sandbox.answer}\n`);
    this.displayPrompt();
  },
});
r.on('exit', () => {
  console.log('exit event');
  process.exit(0);
});
