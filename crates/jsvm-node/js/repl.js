// `repl`: a Read-Eval-Print Loop over any pair of streams (a readline Interface, as Node's
// REPLServer is): each line is evaluated in the server's context (a new vm context holding
// the globals, or the global one with `useGlobal`), its value written through `writer`, and
// input that ends in the middle of an expression continues on the next line (prompt '... ').
// Commands: .break, .clear, .exit, .help, .save, .load and those added by defineCommand. Not
// done: line editing, completion and history on a terminal (the `jsvm` command's own REPL, in
// crates/jsvm-cli, has them), .editor, top-level await.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { Interface } = require('readline');
const vm = require('vm');
const util = require('util');
const { validateFunction } = require('internal/errors');

const kSloppy = Symbol('repl-sloppy');
const kStrict = Symbol('repl-strict');
const kDefaultEval = Symbol('defaultEval');

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

// Each evaluation is a script of its own name, numbered across all REPLs (as Node's).
let evaluationCount = 0;

function shouldColorize(stream) {
  if (process.env.FORCE_COLOR !== undefined) return require('tty').WriteStream.prototype.getColorDepth() > 2;
  return !!(stream && stream.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

class REPLServer extends Interface {
  constructor(prompt, stream, evalFn, useGlobal, ignoreUndefined, replMode) {
    let options;
    if (prompt !== null && typeof prompt === 'object') {
      options = { ...prompt };
    } else {
      options = { prompt, stream, eval: evalFn, useGlobal, ignoreUndefined, replMode };
    }
    const input = options.input || (options.stream && (options.stream.stdin || options.stream)) || process.stdin;
    const output = options.output || (options.stream && (options.stream.stdout || options.stream)) || process.stdout;
    const terminal = options.terminal === undefined ? !!output.isTTY : !!options.terminal;
    let useColors = options.useColors;
    if (terminal && useColors === undefined) useColors = shouldColorize(output);
    if (options.eval !== undefined) validateFunction(options.eval, 'options.eval');
    let self;
    const completer = (text, cb) => complete(self, text, cb);
    super({
      input,
      output,
      terminal,
      completer: options.completer || completer,
      historySize: options.historySize,
      prompt: options.prompt === undefined ? '> ' : String(options.prompt),
    });
    self = this;
    this.useGlobal = !!options.useGlobal;
    this.ignoreUndefined = !!options.ignoreUndefined;
    this.replMode = options.replMode || kSloppy;
    this.useColors = !!useColors;
    this.breakEvalOnSigint = !!options.breakEvalOnSigint;
    this.editorMode = false;
    this[kDefaultEval] = this.defaultEval.bind(this);
    this.eval = options.eval || this[kDefaultEval];
    this.commands = Object.create(null);
    this.bufferedCommand = '';
    this.lines = [];
    this.last = undefined;
    // Node's older names of `input` and `output` (DEP0141, still read by REPLs built on this
    // one, CoffeeScript's among them).
    for (const [old, name] of [['inputStream', 'input'], ['outputStream', 'output']]) {
      Object.defineProperty(this, old, {
        get() { return this[name]; },
        set(value) { this[name] = value; },
        enumerable: false,
        configurable: true,
      });
    }
    this.resetContext();
    defineDefaultCommands(this);
    this.writer = options.writer || module.exports.writer;
    // The default writer colours as the REPL does (Node sets it on the shared writer).
    if (this.writer === writer) writer.options.colors = this.useColors;

    this.on('line', (line) => this.onLine(line));
    this.once('close', () => this.emit('exit'));

    // Ctrl-C on a terminal: drops the line (and what was buffered); on an empty prompt it
    // tells how to leave, and a second one closes.
    let sawSIGINT = false;
    this.on('line', () => { sawSIGINT = false; });
    this.on('SIGINT', () => {
      const empty = this.line.length === 0;
      this.clearLine();
      turnOffEditorMode(this);
      if (!(this.bufferedCommand && this.bufferedCommand.length > 0) && empty) {
        if (sawSIGINT) {
          this.close();
          sawSIGINT = false;
          return;
        }
        this.output.write('(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n');
        sawSIGINT = true;
      } else {
        sawSIGINT = false;
      }
      this.clearBufferedCommand();
      this.lines.level = [];
      this.displayPrompt();
    });

    // Keys on a terminal: Ctrl-D on an empty line ends the line before closing; in editor mode
    // Ctrl-D evaluates what was typed, and the history keys do nothing.
    const ttyWrite = this._ttyWrite.bind(this);
    this._ttyWrite = (d, key) => {
      key = key || {};
      if (!this.editorMode || !this.terminal) {
        if (key.ctrl && key.name === 'd' && this.cursor === 0 && this.line.length === 0) {
          this.clearLine();
        }
        ttyWrite(d, key);
        return;
      }
      if (key.ctrl && !key.shift) {
        if (key.name === 'd') {
          turnOffEditorMode(this);
          this[kSawCtrlD] = true;
          ttyWrite(d, { name: 'return' });
        } else if (key.name !== 'n' && key.name !== 'p') {
          ttyWrite(d, key);
        }
      } else if (key.name === 'up' || key.name === 'down') {
        // (history moves are off in editor mode)
      } else {
        if (key.name === 'tab') this._previousKey = null;
        ttyWrite(d, key);
      }
    };
    this.displayPrompt();
  }

  // The prompt given to the REPL, which `displayPrompt` shows outside continued input.
  setPrompt(prompt) {
    this._initialPrompt = prompt;
    super.setPrompt(prompt);
  }

  resetContext() {
    let context;
    if (this.useGlobal) {
      context = globalThis;
    } else {
      context = vm.createContext();
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        if (name in context) continue;
        Object.defineProperty(context, name, Object.getOwnPropertyDescriptor(globalThis, name));
      }
      context.global = context;
    }
    // The REPL's own `module` and `require` (from the working directory), and the builtin
    // modules by name, in its context (the global one too), as Node's: REPLs built on this one
    // run `exports = module.exports` there (ts-node's).
    const Module = require('module');
    const replModule = new Module('<repl>');
    replModule.paths = Module._resolveLookupPaths('<repl>', undefined) || [];
    const own = { configurable: true, writable: true, enumerable: false };
    Object.defineProperty(context, 'module', { ...own, value: replModule });
    const replRequire = Module.createRequire(`${process.cwd()}/repl`);
    Object.defineProperty(context, 'require', { ...own, value: replRequire });
    addBuiltinLibs(context, replRequire);
    this.context = context;
    this.lines.level = [];
    this.emit('reset', this.context);
  }

  defaultEval(code, context, file, cb) {
    if (/^\s*$/.test(code)) {
      cb(null);
      return;
    }
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
    if (this.editorMode) {
      // Editor mode gathers lines until Ctrl-D; a typed line's indentation carries over.
      this.bufferedCommand += `${line}\n`;
      const indent = this._sawKeyPress ? /^\s+/.exec(line) : null;
      if (indent) {
        this.write(indent[0]);
        this.line = indent[0];
        this.cursor = indent[0].length;
      }
      return;
    }
    const trimmed = line.trim();
    if (trimmed && trimmed[0] === '.' && trimmed[1] !== '.' && Number.isNaN(Number.parseFloat(trimmed))) {
      const m = /^\.([^\s]+)\s*(.*)$/.exec(trimmed);
      const command = m && this.commands[m[1]];
      if (command !== undefined) {
        command.action.call(this, m[2]);
        return;
      }
      if (this.bufferedCommand === '') {
        this.output.write('Invalid REPL keyword\n');
        this.displayPrompt();
        return;
      }
    }
    const code = `${this.bufferedCommand}${line}\n`;
    const file = `REPL${++evaluationCount}`;
    const ownEval = this.eval === this[kDefaultEval];
    // (An evaluator calls back with no result for input that shows nothing: an empty line.)
    this.eval(code, this.context, file, (...args) => {
      const [err, result] = args;
      // `.save` writes the lines evaluated without an error (an unfinished one among them).
      if (err instanceof Recoverable && !this[kSawCtrlD]) {
        this.bufferedCommand = code;
        this.lines.push(line.replace(/\n$/, ''));
        this.displayPrompt();
        return;
      }
      this.bufferedCommand = '';
      this[kSawCtrlD] = false;
      if (!err) this.lines.push(line.replace(/\n$/, ''));
      if (err) {
        const shown = err instanceof Recoverable ? err.err : err;
        this.context._error = shown;
        this.output.write(`${formatError(shown, ownEval, this.writer)}\n`);
      } else {
        if (args.length >= 2 && !(this.ignoreUndefined && result === undefined)) {
          this.last = result;
          setUnderscore(this.context, result);
          this.output.write(`${this.writer(result)}\n`);
        }
      }
      this.displayPrompt();
    });
  }

  // The REPL's prompt, or '... ' while input continues; on a terminal it redraws the line.
  displayPrompt(preserveCursor) {
    if (this.closed) return;
    const prompt = this.bufferedCommand !== '' ? '... ' : this._initialPrompt;
    super.setPrompt(prompt);
    this.prompt(preserveCursor);
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

const kSawCtrlD = Symbol('sawCtrlD');

function turnOnEditorMode(repl) {
  repl.editorMode = true;
  Interface.prototype.setPrompt.call(repl, '');
}

function turnOffEditorMode(repl) {
  repl.editorMode = false;
  repl.setPrompt(repl._initialPrompt);
}

// Tab completion: REPL commands after a '.', else the names a dotted path of identifiers
// (`obj.pro`) or a bare identifier can complete to, from the context, its prototype chain
// (each level a group of sorted names, groups separated by '' as Node lists them), and the
// language's keywords.
const kKeywords = [
  'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger',
  'default', 'delete', 'do', 'else', 'export', 'false', 'finally', 'for', 'function', 'if',
  'import', 'in', 'instanceof', 'let', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
];
function complete(repl, line, cb) {
  const command = /^\s*\.(\w*)$/.exec(line);
  if (command) {
    const names = Object.keys(repl.commands).filter((n) => n.startsWith(command[1])).sort();
    cb(null, [names.map((n) => `.${n}`), `.${command[1]}`]);
    return;
  }
  const m = /(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$]?[\w$]*$/.exec(line);
  const expr = m ? m[0] : '';
  const dot = expr.lastIndexOf('.');
  const partial = dot === -1 ? expr : expr.slice(dot + 1);
  const groups = [];
  const addLevels = (object) => {
    let level = 0;
    for (let o = object; o !== null && o !== undefined && level < 100; o = Object.getPrototypeOf(o), level++) {
      groups.push(Object.getOwnPropertyNames(o).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n)));
    }
  };
  try {
    if (dot === -1) {
      addLevels(repl.context);
      if (!repl.useGlobal) groups.push(Object.getOwnPropertyNames(globalThis));
      groups.push(kKeywords);
    } else {
      let object = repl.context;
      for (const part of expr.slice(0, dot).split('.')) {
        object = object == null ? undefined : object[part];
      }
      if (object === null || object === undefined) {
        cb(null, [[], partial]);
        return;
      }
      addLevels(typeof object === 'object' || typeof object === 'function' ? object : Object(object));
    }
  } catch {
    cb(null, [[], partial]);
    return;
  }
  const seen = new Set();
  const completions = [];
  for (const group of groups) {
    const names = group.filter((n) => n.startsWith(partial) && !seen.has(n)).sort();
    if (names.length === 0) continue;
    for (const n of names) seen.add(n);
    if (completions.length) completions.push('');
    completions.push(...names.map((n) => (dot === -1 ? n : `${expr.slice(0, dot + 1)}${n}`)));
  }
  // A member completes the whole expression, as Node lists it.
  cb(null, [completions, dot === -1 ? partial : expr]);
}

// Each builtin module as a property of `object`, required on first read; a write replaces it.
function addBuiltinLibs(object, req) {
  for (const name of require('module').builtinModules) {
    if (name.startsWith('_') || name.includes('/') || Object.prototype.hasOwnProperty.call(object, name)) continue;
    const setReal = (value) => {
      Object.defineProperty(object, name, { value, writable: true, configurable: true, enumerable: true });
    };
    Object.defineProperty(object, name, {
      get() {
        const lib = req(name);
        Object.defineProperty(object, name, { get: () => lib, set: setReal, configurable: true, enumerable: false });
        return lib;
      },
      set: setReal,
      configurable: true,
      enumerable: false,
    });
  }
}

function setUnderscore(context, value) {
  const desc = Object.getOwnPropertyDescriptor(context, '_');
  if (desc === undefined || desc.writable) {
    Object.defineProperty(context, '_', { value, writable: true, configurable: true, enumerable: false });
  }
}

// An error as the REPL shows it: its inspection, `Uncaught ` before its first line naming an
// error (after the arrow of a script's error), else before it all. An error of the REPL's own
// evaluation loses the frames from the evaluated script's top level down (the REPL's own), a
// SyntaxError all its frames (as Node's: a declaration refused before the script ran has no
// frame of it).
function formatError(err, ownEval, write) {
  const errorLike = err instanceof Error || (err !== null && typeof err === 'object' && typeof err.stack === 'string');
  let text = write(err);
  if (ownEval && (err instanceof Error || (err && typeof err.stack === 'string'))) {
    const lines = text.split('\n');
    if (err.name === 'SyntaxError') {
      text = lines.filter((l) => !/^\s+at /.test(l)).join('\n');
      lines.length = 0;
    }
    let top = -1;
    lines.forEach((l, i) => { if (/^\s+at REPL\d+:\d+:\d+$/.test(l)) top = i; });
    if (top !== -1) {
      let end = top + 1;
      while (end < lines.length && /^\s+at /.test(lines[end])) end++;
      lines.splice(top, end - top);
      text = lines.join('\n');
    }
  }
  // An error with no frame inspects as `[Error: ...]`: Node takes the braces off.
  if (errorLike && text[0] === '[' && text[text.length - 1] === ']') text = text.slice(1, -1);
  const lines = text.split(/(?<=\n)/);
  let matched = false;
  text = '';
  for (const line of lines) {
    if (!matched && /^\[?([A-Z][a-z0-9_]*)*Error/.test(line)) {
      text += writer.options.breakLength >= line.length ? `Uncaught ${line}` : `Uncaught:\n${line}`;
      matched = true;
    } else {
      text += line;
    }
  }
  if (!matched) text = `Uncaught${lines.length === 1 ? ' ' : ':\n'}${text}`;
  return text;
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
  repl.defineCommand('save', {
    help: 'Save all evaluated commands in this REPL session to a file',
    action(file) {
      try {
        require('fs').writeFileSync(file, this.lines.join('\n'));
        this.output.write(`Session saved to: ${file}\n`);
      } catch {
        this.output.write(`Failed to save: ${file}\n`);
      }
      this.displayPrompt();
    },
  });
  repl.defineCommand('load', {
    help: 'Load JS from a file into the REPL session',
    action(file) {
      const fs = require('fs');
      try {
        if (fs.statSync(file).isFile()) {
          // The whole file is one input, as Node's editor mode reads it.
          this.onLine(fs.readFileSync(file, 'utf8'));
          this.lines.push('');
        } else {
          this.output.write(`Failed to load: ${file} is not a valid file\n`);
        }
      } catch {
        this.output.write(`Failed to load: ${file}\n`);
      }
      this.displayPrompt();
    },
  });
  if (repl.terminal) {
    repl.defineCommand('editor', {
      help: 'Enter editor mode',
      action() {
        turnOnEditorMode(this);
        this.output.write('// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n');
      },
    });
  }
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
