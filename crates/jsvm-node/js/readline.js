// `readline`: Interface (internal/readline_interface.js: lines from a stream, or with a
// terminal, keys and line editing), emitKeypressEvents, the cursor helpers, and `promises`.
// Interface is a plain function as Node's (callable without `new`, and by old-style
// subclasses), with the callback `question` and the underscore names of Node's internals.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { promisify } = require('util');
const { validateAbortSignal, abortError } = require('internal/errors');
const base = require('internal/readline_interface');

const {
  InterfaceConstructor, ttyWriteDumb, cursorTo, moveCursor, clearLine, clearScreenDown,
  emitKeypressEvents,
} = base;
const {
  kPrompt, kOldPrompt, kQuestionCallback, kLineBuffer, kSawReturnAt, kDecoder, kPreviousKey,
  kSawKeyPress,
} = base.symbols;


function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  // A completer of one parameter returns its result: made a callback one.
  if (input && input.input && typeof input.completer === 'function' && input.completer.length !== 2) {
    const real = input.completer;
    input.completer = (v, cb) => cb(null, real(v));
  } else if (typeof completer === 'function' && completer.length !== 2) {
    const real = completer;
    completer = (v, cb) => cb(null, real(v));
  }
  InterfaceConstructor.call(this, input, output, completer, terminal);
  if (process.env.TERM === 'dumb') this._ttyWrite = ttyWriteDumb.bind(this);
}
Object.setPrototypeOf(Interface.prototype, base.Interface.prototype);
Object.setPrototypeOf(Interface, base.Interface);

Interface.prototype.question = function question(query, options, cb) {
  cb = typeof options === 'function' ? options : cb;
  if (options === null || typeof options !== 'object') options = {};
  const { signal } = options;
  if (signal) {
    validateAbortSignal(signal, 'options.signal');
    if (signal.aborted) return;
    const onAbort = () => this._questionCancel();
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => signal.removeEventListener('abort', onAbort);
    const original = cb;
    cb = typeof cb === 'function' ? (answer) => {
      cleanup();
      return original(answer);
    } : cleanup;
  }
  if (typeof cb === 'function') this._question(query, cb);
};

Interface.prototype.question[promisify.custom] = function question(query, options) {
  if (options === null || typeof options !== 'object') options = {};
  const { signal } = options;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let cb = resolve;
    if (signal) {
      const onAbort = () => reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      cb = (answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
    }
    this.question(query, options, cb);
  });
};

// Completion through a callback completer, synchronously when it answers at once.
Interface.prototype._tabComplete = function _tabComplete(lastKeypressWasTab) {
  this.pause();
  const string = this.line.slice(0, this.cursor);
  this.completer(string, (err, value) => {
    this.resume();
    if (err) {
      this._writeToOutput(`Tab completion error: ${require('util').inspect(err)}`);
      return;
    }
    this._tabCompleter(lastKeypressWasTab, value);
  });
};

// The state Node keeps under symbols, by its old names.
for (const [name, symbol] of [
  ['_decoder', kDecoder], ['_line_buffer', kLineBuffer], ['_oldPrompt', kOldPrompt],
  ['_previousKey', kPreviousKey], ['_prompt', kPrompt], ['_questionCallback', kQuestionCallback],
  ['_sawKeyPress', kSawKeyPress], ['_sawReturnAt', kSawReturnAt],
]) {
  Object.defineProperty(Interface.prototype, name, {
    get() { return this[symbol]; },
    set(value) { this[symbol] = value; },
    enumerable: false,
    configurable: true,
  });
}
// Node's public name for the cursor position has an underscore alias.
Interface.prototype._getCursorPos = base.Interface.prototype.getCursorPos;

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

module.exports = {
  Interface, clearLine, clearScreenDown, createInterface, cursorTo, emitKeypressEvents,
  moveCursor,
};
Object.defineProperty(module.exports, 'promises', {
  get() { return require('readline/promises'); },
  enumerable: true,
  configurable: true,
});
