// `repl`: a Read-Eval-Print Loop over any pair of streams (a readline Interface, as Node's
// REPLServer is): each line is evaluated in the server's context (a new vm context holding
// the globals, or the global one with `useGlobal`), its value written through `writer`, and
// input that ends in the middle of an expression continues on the next line (prompt '... ').
// Commands: .break, .clear, .exit, .help and those added by defineCommand. Not done: line
// editing, completion and history on a terminal (the `jsvm` command's own REPL, in
// crates/jsvm-cli, has them), .editor, .save, .load, top-level await.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { Interface } = require('readline');
const vm = require('vm');
const util = require('util');
const { validateFunction } = require('internal/errors');

const kSloppy = Symbol('repl-sloppy');
const kStrict = Symbol('repl-strict');

// An error telling the REPL that the input is incomplete: the next line continues it.
class Recoverable extends SyntaxError {
  constructor(err) {
    super();
    this.err = err;
  }
}

function isRecoverable(code, err) {
  if (!(err instanceof SyntaxError) && !(err && err.name === 'SyntaxError')) return false;
  const msg = String(err.message);
  if (msg === 'Unexpected end of input' || msg === "Unexpected token ''") return true;
  // An unterminated template literal.
  return (code.split('`').length - 1) % 2 === 1;
}

function isValidSyntax(code) {
  try {
    new vm.Script(code);
    return true;
  } catch {
    return false;
  }
}

const writer = (value) => util.inspect(value, writer.options);
writer.options = { ...util.inspect.defaultOptions, showProxy: true };

let replCount = 0;

class REPLServer extends Interface {
  constructor(prompt, stream, evalFn, useGlobal, ignoreUndefined, replMode) {
    let options;
    if (prompt !== null && typeof prompt === 'object') {
      options = { ...prompt };
    } else {
      options = { prompt, stream, eval: evalFn, useGlobal, ignoreUndefined, replMode };
    }
    const input = options.input || (options.stream) || process.stdin;
    const output = options.output || (options.stream) || process.stdout;
    super({ input, output, terminal: false, prompt: options.prompt === undefined ? '> ' : String(options.prompt) });
    if (options.eval !== undefined) validateFunction(options.eval, 'options.eval');
    this.useGlobal = !!options.useGlobal;
    this.ignoreUndefined = !!options.ignoreUndefined;
    this.replMode = options.replMode || kSloppy;
    this.useColors = !!options.useColors;
    this.writer = options.writer || writer;
    this.breakEvalOnSigint = !!options.breakEvalOnSigint;
    this.eval = options.eval || this.defaultEval.bind(this);
    this.commands = Object.create(null);
    this.bufferedCommand = '';
    this.lines = [];
    this.last = undefined;
    this.replId = ++replCount;
    this.resetContext();
    defineDefaultCommands(this);

    this.on('line', (line) => this.onLine(line));
    this.once('close', () => this.emit('exit'));
    this.displayPrompt();
  }

  resetContext() {
    if (this.useGlobal) {
      this.context = globalThis;
    } else {
      const context = vm.createContext();
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        if (name in context) continue;
        Object.defineProperty(context, name, Object.getOwnPropertyDescriptor(globalThis, name));
      }
      context.global = context;
      context.require = require('module').createRequire(`${process.cwd()}/repl`);
      this.context = context;
    }
    this.lines.level = [];
    this.emit('reset', this.context);
  }

  defaultEval(code, context, file, cb) {
    let result;
    try {
      const source = this.replMode === kStrict ? `'use strict'; ${code}` : code;
      const script = new vm.Script(source, { filename: file });
      result = this.useGlobal ? script.runInThisContext({ displayErrors: false }) : script.runInContext(context, { displayErrors: false });
    } catch (e) {
      if (isRecoverable(code, e)) {
        cb(new Recoverable(e));
        return;
      }
      cb(e);
      return;
    }
    cb(null, result);
  }

  onLine(line) {
    const trimmed = line.trim();
    if (this.bufferedCommand === '' && trimmed.startsWith('.') && !/^\.\d/.test(trimmed)) {
      const space = trimmed.indexOf(' ');
      const keyword = space === -1 ? trimmed.slice(1) : trimmed.slice(1, space);
      const rest = space === -1 ? '' : trimmed.slice(space + 1);
      const command = this.commands[keyword];
      if (command !== undefined) {
        command.action.call(this, rest);
        return;
      }
      this.output.write('Invalid REPL keyword\n');
      this.displayPrompt();
      return;
    }
    const code = `${this.bufferedCommand}${line}\n`;
    if (code.trim() === '') {
      this.bufferedCommand = '';
      this.displayPrompt();
      return;
    }
    const file = `REPL${this.replId}`;
    this.eval(code, this.context, file, (err, result) => {
      if (err instanceof Recoverable) {
        this.bufferedCommand = code;
        this.displayPrompt();
        return;
      }
      this.bufferedCommand = '';
      if (err) {
        this.context._error = err;
        this.output.write(`${formatError(err)}\n`);
      } else {
        if (!(this.ignoreUndefined && result === undefined)) {
          this.last = result;
          setUnderscore(this.context, result);
          this.output.write(`${this.writer(result)}\n`);
        }
      }
      this.displayPrompt();
    });
  }

  displayPrompt(preserveCursor) {
    if (this.closed) return;
    const prompt = this.bufferedCommand !== '' ? '... ' : this._prompt;
    if (this.output && typeof this.output.write === 'function') this.output.write(prompt);
  }

  clearBufferedCommand() {
    this.bufferedCommand = '';
  }

  defineCommand(keyword, cmd) {
    if (typeof cmd === 'function') cmd = { action: cmd };
    else validateFunction(cmd && cmd.action, 'cmd.action');
    this.commands[keyword] = cmd;
  }

  setupHistory(path, cb) {
    if (typeof cb === 'function') process.nextTick(cb, null, this);
  }
}

function setUnderscore(context, value) {
  const desc = Object.getOwnPropertyDescriptor(context, '_');
  if (desc === undefined || desc.writable) {
    Object.defineProperty(context, '_', { value, writable: true, configurable: true, enumerable: false });
  }
}

// An error as the REPL shows it: `Uncaught ` and its inspection without the REPL's own frames.
function formatError(err) {
  let text = util.inspect(err);
  if (err instanceof Error || (err && typeof err.stack === 'string')) {
    text = text.split('\n').filter((l) => !/^\s+at .*\bREPL\d+\b/.test(l) && !/^\s+at .*node:/.test(l)).join('\n');
  }
  return `Uncaught ${text}`;
}

function defineDefaultCommands(repl) {
  repl.defineCommand('break', {
    help: 'Sometimes you get stuck, this gets you out',
    action() {
      this.clearBufferedCommand();
      this.displayPrompt();
    },
  });
  repl.defineCommand('clear', {
    help: repl.useGlobal ? 'Alias for .break' : 'Break, and also clear the local context',
    action() {
      this.clearBufferedCommand();
      if (!this.useGlobal) {
        this.output.write('Clearing context...\n');
        this.resetContext();
      }
      this.displayPrompt();
    },
  });
  repl.defineCommand('exit', {
    help: 'Exit the REPL',
    action() {
      this.close();
    },
  });
  repl.defineCommand('help', {
    help: 'Print this help message',
    action() {
      const names = Object.keys(this.commands).sort();
      const width = Math.max(...names.map((n) => n.length));
      for (const name of names) {
        const help = this.commands[name].help || '';
        this.output.write(`.${name}${' '.repeat(width - name.length + 3)}${help}\n`);
      }
      this.output.write('\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n');
      this.displayPrompt();
    },
  });
}

function start(prompt, source, evalFn, useGlobal, ignoreUndefined, replMode) {
  return new REPLServer(prompt, source, evalFn, useGlobal, ignoreUndefined, replMode);
}

module.exports = {
  start,
  writer,
  REPLServer,
  REPL_MODE_SLOPPY: kSloppy,
  REPL_MODE_STRICT: kStrict,
  Recoverable,
  isValidSyntax,
};
Object.defineProperty(module.exports, 'builtinModules', {
  get() { return require('module').builtinModules.filter((n) => !n.startsWith('_')); },
  enumerable: true, configurable: true,
});
