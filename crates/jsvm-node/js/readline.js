// `readline`: an Interface reading lines from a readable stream ('line', 'close', `question`,
// `prompt`, the async iterator), and the cursor helpers. Line editing is not there: an
// interface handles its input as Node does with `terminal: false`, whatever the output, and
// keeps no history; `emitKeypressEvents` and completers are not supported. The async
// iterator buffers lines without pausing the input.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const EventEmitter = require('events');
const { StringDecoder } = require('string_decoder');
const { makeError, validateFunction } = require('internal/errors');

const lineEnding = /\r?\n|\r(?!\n)/g;

function useAfterClose() {
  return makeError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
}

class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    let options = {};
    if (input && input.input) {
      options = input;
      ({ input, output, completer, terminal } = options);
    }
    if (completer !== undefined) validateFunction(completer, 'completer');
    this.input = input;
    this.output = output;
    this.terminal = !!(terminal !== undefined ? terminal : output && output.isTTY);
    this.line = '';
    this.cursor = 0;
    this.history = [];
    this.closed = false;
    this.paused = false;
    this.crlfDelay = options.crlfDelay ? Math.max(100, options.crlfDelay) : 100;
    this._prompt = options.prompt !== undefined ? String(options.prompt) : '> ';
    this._lineBuffer = null;
    this._sawReturnAt = 0;
    this._questionCallback = null;
    this._decoder = new StringDecoder('utf8');
    const onData = (data) => this._normalWrite(data);
    const onEnd = () => {
      if (typeof this._lineBuffer === 'string' && this._lineBuffer.length > 0) {
        this.emit('line', this._lineBuffer);
      }
      this.close();
    };
    const onError = (err) => this.emit('error', err);
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    this.once('close', () => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
    });
    if (options.signal) {
      const onAbort = () => this.close();
      if (options.signal.aborted) process.nextTick(onAbort);
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
    // process.stdin is no data stream in jsvm (see docs/builtin-modules.md, tty).
    if (typeof input.resume === 'function') input.resume();
  }

  get columns() { return this.output && this.output.columns ? this.output.columns : Infinity; }
  setPrompt(prompt) { this._prompt = prompt; }
  getPrompt() { return this._prompt; }

  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.closed) throw useAfterClose();
    if (this.output && typeof this.output.write === 'function') this.output.write(this._prompt);
  }

  question(query, options, cb) {
    cb = typeof options === 'function' ? options : cb;
    if (this.closed) throw useAfterClose();
    if (typeof cb !== 'function') return;
    if (this._questionCallback) {
      this.prompt();
      return;
    }
    const old = this._prompt;
    this.setPrompt(query);
    this._questionCallback = cb;
    this.prompt();
    this.setPrompt(old);
  }

  pause() {
    if (this.paused) return this;
    if (typeof this.input.pause === 'function') this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (!this.paused) return this;
    if (typeof this.input.resume === 'function') this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  write(data) {
    if (this.closed) throw useAfterClose();
    if (this.paused) this.resume();
    this._normalWrite(data);
  }

  close() {
    if (this.closed) return;
    this.pause();
    this.closed = true;
    this.emit('close');
  }

  _onLine(line) {
    if (this._questionCallback) {
      const cb = this._questionCallback;
      this._questionCallback = null;
      cb(line);
    } else {
      this.emit('line', line);
    }
  }

  // Node's line splitting without a terminal: \r, \n and \r\n end a line; a \r\n split across
  // two chunks counts once if the \n comes within crlfDelay ms.
  _normalWrite(b) {
    if (b === undefined) return;
    let string = typeof b === 'string' ? b : this._decoder.write(b);
    if (this._sawReturnAt && Date.now() - this._sawReturnAt <= this.crlfDelay) {
      if (string.charCodeAt(0) === 10) string = string.slice(1);
      this._sawReturnAt = 0;
    }
    const newPartContainsEnding = /\r?\n|\r(?!\n)/.test(string);
    if (this._lineBuffer) {
      string = this._lineBuffer + string;
      this._lineBuffer = null;
    }
    if (!newPartContainsEnding) {
      if (string) this._lineBuffer = string;
      return;
    }
    this._sawReturnAt = string.endsWith('\r') ? Date.now() : 0;
    let last = 0;
    for (const m of string.matchAll(lineEnding)) {
      this._onLine(string.slice(last, m.index));
      last = m.index + m[0].length;
      if (this.closed) return;
    }
    if (last < string.length) this._lineBuffer = string.slice(last);
  }

  [Symbol.asyncIterator]() {
    const lines = [];
    const waiting = [];
    let done = this.closed;
    const onLine = (line) => {
      if (waiting.length) waiting.shift().resolve({ value: line, done: false });
      else lines.push(line);
    };
    const onClose = () => {
      done = true;
      this.removeListener('line', onLine);
      while (waiting.length) waiting.shift().resolve({ value: undefined, done: true });
    };
    this.on('line', onLine);
    this.once('close', onClose);
    const self = this;
    return {
      next() {
        if (lines.length) return Promise.resolve({ value: lines.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        self.close();
        onClose();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

// The cursor helpers write ANSI escapes; each returns what stream.write returned (true
// when there was nothing to write).
function writeTo(stream, data, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || data === '') {
    if (callback) process.nextTick(callback, null);
    return true;
  }
  return stream.write(data, callback);
}

function cursorTo(stream, x, y, callback) {
  if (typeof y === 'function') { callback = y; y = undefined; }
  if (Number.isNaN(x) || Number.isNaN(y)) throw makeError(TypeError, 'ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column');
  if (typeof x !== 'number') return writeTo(null, '', callback);
  return writeTo(stream, typeof y !== 'number' ? `\x1b[${x + 1}G` : `\x1b[${y + 1};${x + 1}H`, callback);
}

function moveCursor(stream, dx, dy, callback) {
  let data = '';
  if (dx < 0) data += `\x1b[${-dx}D`;
  else if (dx > 0) data += `\x1b[${dx}C`;
  if (dy < 0) data += `\x1b[${-dy}A`;
  else if (dy > 0) data += `\x1b[${dy}B`;
  return writeTo(stream, data, callback);
}

function clearLine(stream, dir, callback) {
  return writeTo(stream, dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K', callback);
}

function clearScreenDown(stream, callback) {
  return writeTo(stream, '\x1b[0J', callback);
}

module.exports = {
  Interface, createInterface, cursorTo, moveCursor, clearLine, clearScreenDown,
};
Object.defineProperty(module.exports, 'promises', {
  get() { return require('readline/promises'); },
  enumerable: true,
  configurable: true,
});
