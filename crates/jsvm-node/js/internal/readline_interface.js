// The readline Interface that `readline` and `readline/promises` share. Without a terminal it
// splits its input into lines; with one (`terminal: true`, or an output that is a TTY) it
// reads keys (internal/readline_keys.js) and edits the line as Node's does: the cursor
// movements and kills of Emacs mode, the kill ring (ctrl-k/u/w, ctrl-y, meta-y), undo/redo
// (ctrl-_ / ctrl-^), history with prefix search (up/down, ctrl-p/n), tab completion, and the
// same escape sequences written to the output when it redraws the line.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const EventEmitter = require('events');
const { StringDecoder } = require('string_decoder');
const {
  makeError, codes, validateFunction, validateString, validateArray, validateUint32,
  validateNumber, validateAbortSignal,
} = require('internal/errors');
const {
  emitKeypressEvents, charLengthAt, charLengthLeft, kSawKeyPress, ESCAPE_CODE_TIMEOUT,
} = require('internal/readline_keys');

const kHistorySize = 30;
const kMinCrlfDelay = 100;
const kMaxUndoRedo = 2048;
const kMaxKillRing = 32;
const lineEnding = /\r?\n|\r(?!\n)/g;

// State kept under symbols, as Node's (readline.Interface shows the old underscore names as
// accessors to them).
const kPrompt = Symbol('_prompt');
const kOldPrompt = Symbol('_oldPrompt');
const kQuestionCallback = Symbol('_questionCallback');
const kLineBuffer = Symbol('_line_buffer');
const kSawReturnAt = Symbol('_sawReturnAt');
const kDecoder = Symbol('_decoder');
const kPreviousKey = Symbol('_previousKey');
const kSubstringSearch = Symbol('kSubstringSearch');
const kUndoStack = Symbol('_undoStack');
const kRedoStack = Symbol('_redoStack');
const kKillRing = Symbol('_killRing');
const kKillRingCursor = Symbol('_killRingCursor');
const kYanking = Symbol('_yanking');
const kQuestionReject = Symbol('_questionReject');

function util() { return require('util'); }

// Node's AbortError: an Error named AbortError, code ABORT_ERR.
function abortError(message = 'The operation was aborted', cause) {
  const err = new Error(message, cause !== undefined ? { cause } : undefined);
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  return err;
}

function useAfterClose() {
  return makeError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
}

// The cursor helpers of `readline`: ANSI escapes written to a stream; each returns what
// stream.write returned (true when there was nothing to write).
function writeTo(stream, data, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || data === '') {
    if (callback) process.nextTick(callback, null);
    return true;
  }
  return stream.write(data, callback);
}

function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw codes.ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw codes.ERR_INVALID_ARG_VALUE('y', y);
  if (stream == null || typeof x !== 'number') return writeTo(null, '', callback);
  if (typeof y !== 'number') return writeTo(stream, `\x1b[${x + 1}G`, callback);
  return writeTo(stream, `\x1b[${y + 1};${x + 1}H`, callback);
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

function commonPrefix(strings) {
  if (strings.length === 0) return '';
  const sorted = [...strings].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  let i = 0;
  while (i < first.length && first[i] === last[i]) i++;
  return first.slice(0, i);
}

const reverse = (s) => Array.from(s).reverse().join('');

// The constructor is a plain function, as Node's: old-style subclasses call it on their
// own objects (`readline.Interface.call(this, ...)`).
function InterfaceConstructor(input, output, completer, terminal) {
  this[kSawReturnAt] = 0;
  this.isCompletionEnabled = true;
  this[kSawKeyPress] = false;
  this[kPreviousKey] = null;
  this.escapeCodeTimeout = ESCAPE_CODE_TIMEOUT;
  this.tabSize = 8;
  EventEmitter.call(this);
  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;
  if (input && input.input) {
    const options = input;
    output = options.output;
    completer = options.completer;
    terminal = options.terminal;
    history = options.history;
    historySize = options.historySize;
    signal = options.signal;
    if (options.tabSize !== undefined) {
      validateUint32(options.tabSize, 'tabSize', true);
      this.tabSize = options.tabSize;
    }
    removeHistoryDuplicates = options.removeHistoryDuplicates;
    if (options.prompt !== undefined) prompt = options.prompt;
    if (options.escapeCodeTimeout !== undefined) {
      if (Number.isFinite(options.escapeCodeTimeout)) this.escapeCodeTimeout = options.escapeCodeTimeout;
      else throw codes.ERR_INVALID_ARG_VALUE('input.escapeCodeTimeout', this.escapeCodeTimeout);
    }
    if (signal) validateAbortSignal(signal, 'options.signal');
    crlfDelay = options.crlfDelay;
    input = options.input;
  }
  if (completer !== undefined && typeof completer !== 'function') {
    throw codes.ERR_INVALID_ARG_VALUE('completer', completer);
  }
  if (history === undefined) history = [];
  else validateArray(history, 'history');
  if (historySize === undefined) historySize = kHistorySize;
  validateNumber(historySize, 'historySize', 0);
  if (terminal === undefined && output != null) terminal = !!output.isTTY;

  const self = this;
  this.line = '';
  this[kSubstringSearch] = null;
  this.output = output;
  this.input = input;
  this[kUndoStack] = [];
  this[kRedoStack] = [];
  this.history = history;
  this.historySize = historySize;
  this[kKillRing] = [];
  this[kKillRingCursor] = 0;
  this.removeHistoryDuplicates = !!removeHistoryDuplicates;
  this.crlfDelay = crlfDelay ? Math.max(kMinCrlfDelay, crlfDelay) : kMinCrlfDelay;
  this.completer = completer;
  this.setPrompt(prompt);
  this.terminal = !!terminal;

  const onerror = (err) => self.emit('error', err);
  input.on('error', onerror);
  if (!this.terminal) {
    const ondata = (data) => self._normalWrite(data);
    const onend = () => {
      if (typeof self[kLineBuffer] === 'string' && self[kLineBuffer].length > 0) {
        self.emit('line', self[kLineBuffer]);
      }
      self.close();
    };
    input.on('data', ondata);
    input.on('end', onend);
    this.once('close', () => {
      input.removeListener('data', ondata);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
    });
    this[kDecoder] = new StringDecoder('utf8');
  } else {
    const onkeypress = (s, key) => {
      self._ttyWrite(s, key);
      if (key && key.sequence) {
        // Half of a surrogate pair: redraw so the whole character shows once it is there.
        const ch = key.sequence.codePointAt(0);
        if (ch >= 0xd800 && ch <= 0xdfff) self._refreshLine();
      }
    };
    const ontermend = () => {
      if (typeof self.line === 'string' && self.line.length > 0) self.emit('line', self.line);
      self.close();
    };
    const onresize = () => self._refreshLine();
    emitKeypressEvents(input, this);
    input.on('keypress', onkeypress);
    input.on('end', ontermend);
    this._setRawMode(true);
    this.terminal = true;
    this.cursor = 0;
    this.historyIndex = -1;
    if (output != null) output.on('resize', onresize);
    this.once('close', () => {
      input.removeListener('keypress', onkeypress);
      input.removeListener('error', onerror);
      input.removeListener('end', ontermend);
      if (output != null) output.removeListener('resize', onresize);
    });
  }
  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      signal.addEventListener('abort', onAborted, { once: true });
      this.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }
  this.line = '';
  input.resume();
}
Object.setPrototypeOf(InterfaceConstructor.prototype, EventEmitter.prototype);
Object.setPrototypeOf(InterfaceConstructor, EventEmitter);

class Interface extends InterfaceConstructor {
  // eslint-disable-next-line no-useless-constructor
  constructor(input, output, completer, terminal) {
    super(input, output, completer, terminal);
  }

  get columns() {
    if (this.output && this.output.columns) return this.output.columns;
    return Infinity;
  }

  setPrompt(prompt) { this[kPrompt] = prompt; }
  getPrompt() { return this[kPrompt]; }

  _setRawMode(mode) {
    const wasRaw = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasRaw;
  }

  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this._refreshLine();
    } else {
      this._writeToOutput(this[kPrompt]);
    }
  }

  _question(query, cb) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }

  _questionCancel() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  _onLine(line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }

  _writeToOutput(text) {
    validateString(text, 'stringToWrite');
    if (this.output != null) this.output.write(text);
  }

  _addHistory() {
    if (this.line.length === 0) return '';
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dup = this.history.indexOf(this.line);
        if (dup !== -1) this.history.splice(dup, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    // A 'history' listener may drop the entry (a password): the line is what is left first.
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }

  // Redraws prompt and line: up to the first row of the prompt, clear down, write, and put
  // the cursor back where it was in the line.
  _refreshLine() {
    const line = this[kPrompt] + this.line;
    const end = this._getDisplayPos(line);
    const cursorPos = this.getCursorPos();
    const prevRows = this.prevRows || 0;
    if (prevRows > 0) moveCursor(this.output, 0, -prevRows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this._writeToOutput(line);
    // At the last column the terminal waits to wrap: a space makes it start the new row.
    if (end.cols === 0) this._writeToOutput(' ');
    cursorTo(this.output, cursorPos.cols);
    const up = end.rows - cursorPos.rows;
    if (up > 0) moveCursor(this.output, 0, -up);
    this.prevRows = cursorPos.rows;
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this._setRawMode(false);
    this.closed = true;
    this.emit('close');
  }

  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  write(d, key) {
    if (this.paused) this.resume();
    if (this.terminal) this._ttyWrite(d, key);
    else this._normalWrite(d);
  }

  // Without a terminal: \r, \n and \r\n end a line; a \r\n split across two chunks counts
  // once if the \n comes within crlfDelay ms.
  _normalWrite(b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    if (!/\r?\n|\r(?!\n)/.test(string)) {
      if (string) this[kLineBuffer] = (this[kLineBuffer] || '') + string;
      return;
    }
    if (this[kLineBuffer]) {
      string = this[kLineBuffer] + string;
      this[kLineBuffer] = null;
    }
    this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
    const lines = string.split(lineEnding);
    // The last piece has no line end yet: keep it for the next chunk. Every line of the chunk
    // is emitted, even once a listener closed the interface, as Node does.
    this[kLineBuffer] = lines.pop();
    for (const line of lines) this._onLine(line);
  }

  _insertString(c) {
    this._beforeEdit(this.line, this.cursor);
    if (!this.isCompletionEnabled) {
      // Inside a chunk of several keys (a paste): appended and echoed, not placed at the
      // cursor (Node's behaviour).
      this.line += c;
      this.cursor += c.length;
      this._writeToOutput(c);
      return;
    }
    if (this.cursor < this.line.length) {
      this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
      this.cursor += c.length;
      this._refreshLine();
    } else {
      const oldPos = this.getCursorPos();
      this.line += c;
      this.cursor += c.length;
      const newPos = this.getCursorPos();
      if (oldPos.rows < newPos.rows) this._refreshLine();
      else this._writeToOutput(c);
    }
  }

  // Completion (readline/promises): the completer returns [completions, the text completed]
  // or a promise of it; readline's Interface replaces this with its callback form.
  async _tabComplete(lastKeypressWasTab) {
    this.pause();
    const string = this.line.slice(0, this.cursor);
    let value;
    try {
      value = await this.completer(string);
    } catch (err) {
      this._writeToOutput(`Tab completion error: ${util().inspect(err)}`);
      return;
    } finally {
      this.resume();
    }
    this._tabCompleter(lastKeypressWasTab, value);
  }

  _tabCompleter(lastKeypressWasTab, result) {
    const completions = result[0];
    const completeOn = result[1];
    if (!completions || completions.length === 0) return;
    const prefix = commonPrefix(completions.filter((e) => e !== ''));
    if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
      this._insertString(prefix.slice(completeOn.length));
      return;
    } else if (!completeOn.startsWith(prefix)) {
      this.line = this.line.slice(0, this.cursor - completeOn.length) + prefix +
        this.line.slice(this.cursor);
      this.cursor = this.cursor - completeOn.length + prefix.length;
      this._refreshLine();
      return;
    }
    if (!lastKeypressWasTab) return;
    this._beforeEdit(this.line, this.cursor);
    // Two tabs: list the completions in columns.
    const { getStringWidth } = util()._internal;
    const widths = completions.map((e) => getStringWidth(e));
    const width = Math.max(...widths) + 2;
    let maxColumns = Math.floor(this.columns / width) || 1;
    if (maxColumns === Infinity) maxColumns = 1;
    let output = '\r\n';
    let lineIndex = 0;
    let whitespace = 0;
    for (let i = 0; i < completions.length; i++) {
      const completion = completions[i];
      if (completion === '' || lineIndex === maxColumns) {
        output += '\r\n';
        lineIndex = 0;
        whitespace = 0;
      } else {
        output += ' '.repeat(whitespace);
      }
      if (completion !== '') {
        output += completion;
        whitespace = width - widths[i];
        lineIndex++;
      } else {
        output += '\r\n';
      }
    }
    if (lineIndex !== 0) output += '\r\n\r\n';
    this._writeToOutput(output);
    this._refreshLine();
  }

  _wordLeft() {
    if (this.cursor > 0) {
      const m = /^\s*(?:[^\w\s]+|\w+)?/.exec(reverse(this.line.slice(0, this.cursor)));
      this._moveCursor(-m[0].length);
    }
  }

  _wordRight() {
    if (this.cursor < this.line.length) {
      const m = /^(?:\s+|[^\w\s]+|\w+)\s*/.exec(this.line.slice(this.cursor));
      this._moveCursor(m[0].length);
    }
  }

  _deleteLeft() {
    if (this.cursor > 0 && this.line.length > 0) {
      this._beforeEdit(this.line, this.cursor);
      const size = charLengthLeft(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor - size) + this.line.slice(this.cursor);
      this.cursor -= size;
      this._refreshLine();
    }
  }

  _deleteRight() {
    if (this.cursor < this.line.length) {
      this._beforeEdit(this.line, this.cursor);
      const size = charLengthAt(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + size);
      this._refreshLine();
    }
  }

  _deleteWordLeft() {
    if (this.cursor > 0) {
      this._beforeEdit(this.line, this.cursor);
      let leading = this.line.slice(0, this.cursor);
      const m = /^\s*(?:[^\w\s]+|\w+)?/.exec(reverse(leading));
      leading = leading.slice(0, leading.length - m[0].length);
      this.line = leading + this.line.slice(this.cursor);
      this.cursor = leading.length;
      this._refreshLine();
    }
  }

  _deleteWordRight() {
    if (this.cursor < this.line.length) {
      this._beforeEdit(this.line, this.cursor);
      const trailing = this.line.slice(this.cursor);
      const m = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
      this.line = this.line.slice(0, this.cursor) + trailing.slice(m[0].length);
      this._refreshLine();
    }
  }

  _deleteLineLeft() {
    this._beforeEdit(this.line, this.cursor);
    const killed = this.line.slice(0, this.cursor);
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
    this._pushToKillRing(killed);
    this._refreshLine();
  }

  _deleteLineRight() {
    this._beforeEdit(this.line, this.cursor);
    const killed = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor);
    this._pushToKillRing(killed);
    this._refreshLine();
  }

  _pushToKillRing(killed) {
    if (!killed || killed === this[kKillRing][0]) return;
    this[kKillRing].unshift(killed);
    this[kKillRingCursor] = 0;
    while (this[kKillRing].length > kMaxKillRing) this[kKillRing].pop();
  }

  _yank() {
    if (this[kKillRing].length > 0) {
      this[kYanking] = true;
      this._insertString(this[kKillRing][this[kKillRingCursor]]);
    }
  }

  _yankPop() {
    if (!this[kYanking] || this[kKillRing].length <= 1) return;
    const lastYank = this[kKillRing][this[kKillRingCursor]];
    this[kKillRingCursor]++;
    if (this[kKillRingCursor] >= this[kKillRing].length) this[kKillRingCursor] = 0;
    const currentYank = this[kKillRing][this[kKillRingCursor]];
    const head = this.line.slice(0, this.cursor - lastYank.length);
    const tail = this.line.slice(this.cursor);
    this.line = head + currentYank + tail;
    this.cursor = head.length + currentYank.length;
    this._refreshLine();
  }

  clearLine() {
    this._moveCursor(+Infinity);
    this._writeToOutput('\r\n');
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
  }

  _line() {
    const line = this._addHistory();
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this.clearLine();
    this._onLine(line);
  }

  _beforeEdit(text, cursor) {
    if (this[kUndoStack].push({ text, cursor }) > kMaxUndoRedo) this[kUndoStack].shift();
  }

  _undo() {
    if (this[kUndoStack].length <= 0) return;
    this[kRedoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kUndoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this._refreshLine();
  }

  _redo() {
    if (this[kRedoStack].length <= 0) return;
    this[kUndoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kRedoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this._refreshLine();
  }

  // History moves skip entries that do not start with what was typed before the first move
  // (the substring search) and the entry already shown.
  _historyNext() {
    if (this.historyIndex >= 0) {
      this._beforeEdit(this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex - 1;
      while (index >= 0 &&
        (!this.history[index].startsWith(search) || this.line === this.history[index])) {
        index--;
      }
      this.line = index === -1 ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this._refreshLine();
    }
  }

  _historyPrev() {
    if (this.historyIndex < this.history.length && this.history.length) {
      this._beforeEdit(this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex + 1;
      while (index < this.history.length &&
        (!this.history[index].startsWith(search) || this.line === this.history[index])) {
        index++;
      }
      this.line = index === this.history.length ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this._refreshLine();
    }
  }

  // Where the end of `str` lands on the terminal, as rows and columns from its start: escapes
  // take no room, tabs go to the next tab stop, wide characters take two columns (moving to
  // the next row rather than splitting).
  _getDisplayPos(str) {
    const { getStringWidth } = util()._internal;
    let offset = 0;
    const col = this.columns;
    let rows = 0;
    str = util().stripVTControlCharacters(str);
    for (const char of str) {
      if (char === '\n') {
        rows += Math.ceil(offset / col) || 1;
        offset = 0;
        continue;
      }
      if (char === '\t') {
        offset += this.tabSize - (offset % this.tabSize);
        continue;
      }
      const width = getStringWidth(char, false);
      if (width === 0 || width === 1) {
        offset += width;
      } else {
        if ((offset + 1) % col === 0) offset++;
        offset += 2;
      }
    }
    const cols = offset % col;
    rows += (offset - cols) / col;
    return { cols, rows };
  }

  getCursorPos() {
    return this._getDisplayPos(this[kPrompt] + this.line.slice(0, this.cursor));
  }

  _moveCursor(dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) moveCursor(this.output, newPos.cols - oldPos.cols, 0);
    else this._refreshLine();
  }

  // One key from the terminal.
  _ttyWrite(s, key) {
    const previousKey = this[kPreviousKey];
    key = key || {};
    this[kPreviousKey] = key;
    if (!key.meta || key.name !== 'y') this[kYanking] = false;
    const plainUpDown = (key.name === 'up' || key.name === 'down') &&
      !key.ctrl && !key.meta && !key.shift;
    if (plainUpDown) {
      if (this[kSubstringSearch] === null) this[kSubstringSearch] = this.line.slice(0, this.cursor);
    } else if (this[kSubstringSearch] !== null) {
      this[kSubstringSearch] = null;
      if (this.history.length === this.historyIndex) this.historyIndex = -1;
    }
    if (typeof key.sequence === 'string') {
      const code = key.sequence.codePointAt(0);
      if (code === 0x1f) {
        this._undo();
        return;
      }
      if (code === 0x1e) {
        this._redo();
        return;
      }
    }
    if (key.name === 'escape') return;
    if (key.ctrl && key.shift) {
      if (key.name === 'backspace') this._deleteLineLeft();
      else if (key.name === 'delete') this._deleteLineRight();
    } else if (key.ctrl) {
      this._ctrlKey(key);
    } else if (key.meta) {
      switch (key.name) {
        case 'b': this._wordLeft(); break;
        case 'f': this._wordRight(); break;
        case 'd':
        case 'delete': this._deleteWordRight(); break;
        case 'backspace': this._deleteWordLeft(); break;
        case 'y': this._yankPop(); break;
      }
    } else {
      this._plainKey(s, key, previousKey);
    }
  }

  _ctrlKey(key) {
    switch (key.name) {
      case 'c':
        if (this.listenerCount('SIGINT') > 0) {
          this.emit('SIGINT');
        } else {
          this.close();
          // A pending readline/promises question is rejected.
          if (this[kQuestionReject]) this[kQuestionReject](abortError('Aborted with Ctrl+C'));
        }
        break;
      case 'h': this._deleteLeft(); break;
      case 'd':
        if (this.cursor === 0 && this.line.length === 0) {
          this.close();
          if (this[kQuestionReject]) this[kQuestionReject](abortError('Aborted with Ctrl+D'));
        } else if (this.cursor < this.line.length) {
          this._deleteRight();
        }
        break;
      case 'u': this._deleteLineLeft(); break;
      case 'k': this._deleteLineRight(); break;
      case 'a': this._moveCursor(-Infinity); break;
      case 'e': this._moveCursor(+Infinity); break;
      case 'b': this._moveCursor(-charLengthLeft(this.line, this.cursor)); break;
      case 'f': this._moveCursor(+charLengthAt(this.line, this.cursor)); break;
      case 'l':
        cursorTo(this.output, 0, 0);
        clearScreenDown(this.output);
        this._refreshLine();
        break;
      case 'n': this._historyNext(); break;
      case 'p': this._historyPrev(); break;
      case 'y': this._yank(); break;
      case 'z':
        if (this.listenerCount('SIGTSTP') > 0) {
          this.emit('SIGTSTP');
        } else {
          process.once('SIGCONT', () => {
            if (!this.paused) {
              this.pause();
              this.emit('SIGCONT');
            }
            this._setRawMode(true);
            this._refreshLine();
          });
          this._setRawMode(false);
          process.kill(process.pid, 'SIGTSTP');
        }
        break;
      case 'w':
      case 'backspace': this._deleteWordLeft(); break;
      case 'delete': this._deleteWordRight(); break;
      case 'left': this._wordLeft(); break;
      case 'right': this._wordRight(); break;
    }
  }

  _plainKey(s, key, previousKey) {
    // A \r only matters if a \n follows it at once.
    if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
    switch (key.name) {
      case 'return':
        this[kSawReturnAt] = Date.now();
        this._line();
        return;
      case 'enter':
        if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this._line();
        this[kSawReturnAt] = 0;
        return;
      case 'backspace': this._deleteLeft(); return;
      case 'delete': this._deleteRight(); return;
      case 'left': this._moveCursor(-charLengthLeft(this.line, this.cursor)); return;
      case 'right': this._moveCursor(+charLengthAt(this.line, this.cursor)); return;
      case 'home': this._moveCursor(-Infinity); return;
      case 'end': this._moveCursor(+Infinity); return;
      case 'up': this._historyPrev(); return;
      case 'down': this._historyNext(); return;
      case 'tab':
        if (typeof this.completer === 'function' && this.isCompletionEnabled) {
          this._tabComplete(previousKey && previousKey.name === 'tab');
          return;
        }
        break;
    }
    if (typeof s === 'string' && s) {
      // Text with line ends in it (a paste, or rl.write): each line ends as if typed.
      lineEnding.lastIndex = 0;
      let lastIndex = 0;
      let m;
      while ((m = lineEnding.exec(s)) !== null) {
        this._insertString(s.slice(lastIndex, m.index));
        ({ lastIndex } = lineEnding);
        this._line();
        lineEnding.lastIndex = lastIndex;
      }
      this._insertString(s.slice(lastIndex));
    }
  }

  // The lines as an async iterator; lines that come before they are asked for wait in a
  // buffer (the input is not paused).
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

// TERM=dumb: no editing, the typed text echoed as it comes.
function ttyWriteDumb(s, key) {
  key = key || {};
  if (key.name === 'escape') return;
  if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
  if (key.ctrl && (key.name === 'c' || key.name === 'd')) {
    if (key.name === 'c' && this.listenerCount('SIGINT') > 0) this.emit('SIGINT');
    else this.close();
    return;
  }
  switch (key.name) {
    case 'return':
      this[kSawReturnAt] = Date.now();
      this._line();
      break;
    case 'enter':
      if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this._line();
      this[kSawReturnAt] = 0;
      break;
    default:
      if (typeof s === 'string' && s) {
        this.line += s;
        this.cursor += s.length;
        this._writeToOutput(s);
      }
  }
}

module.exports = {
  InterfaceConstructor, Interface, ttyWriteDumb, useAfterClose, abortError,
  cursorTo, moveCursor, clearLine, clearScreenDown, emitKeypressEvents,
  symbols: {
    kPrompt, kOldPrompt, kQuestionCallback, kLineBuffer, kSawReturnAt, kDecoder,
    kPreviousKey, kSawKeyPress, kQuestionReject,
  },
};
