// Keys for `readline`: `emitKeypressEvents` turns a stream's 'data' into 'keypress' events
// (Node's key names and the objects `{ sequence, name, ctrl, meta, shift[, code] }`), with a
// parser that keeps its place across reads, so an escape sequence split over several chunks
// is one key; a lone ESC at the end of a read becomes the 'escape' key after
// `escapeCodeTimeout` ms (500 as GNU readline) unless more comes.
'use strict';

const { StringDecoder } = require('string_decoder');
const timers = binding.timers; // the host's: fake timers replace the globals and timers' exports

const ESC = '\x1b';
const ESCAPE_CODE_TIMEOUT = 500;
const kSawKeyPress = Symbol('_sawKeyPress');
const kDecoder = Symbol('keypress-decoder');
const kParser = Symbol('escape-decoder');

// UTF-16 units of the character at / left of index i (2 for a surrogate pair). At the end of
// the string the right one is 1, as Node's (moving right past the end is harmless).
function charLengthAt(str, i) {
  if (str.length <= i) return 1;
  return str.codePointAt(i) >= 0x10000 ? 2 : 1;
}

function charLengthLeft(str, i) {
  if (i <= 0) return 0;
  if ((i > 1 && str.codePointAt(i - 2) >= 0x10000) || str.codePointAt(i - 1) >= 0x10000) return 2;
  return 1;
}

// What an escape sequence's code (the part after ESC, modifier removed) names, and modifiers
// that the code itself implies.
const SEQUENCE_NAMES = {
  '[P': 'f1', '[Q': 'f2', '[R': 'f3', '[S': 'f4',
  'OP': 'f1', 'OQ': 'f2', 'OR': 'f3', 'OS': 'f4',
  '[11~': 'f1', '[12~': 'f2', '[13~': 'f3', '[14~': 'f4',
  '[200~': 'paste-start', '[201~': 'paste-end',
  '[[A': 'f1', '[[B': 'f2', '[[C': 'f3', '[[D': 'f4', '[[E': 'f5',
  '[15~': 'f5', '[17~': 'f6', '[18~': 'f7', '[19~': 'f8', '[20~': 'f9', '[21~': 'f10',
  '[23~': 'f11', '[24~': 'f12',
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[E': 'clear', '[F': 'end', '[H': 'home',
  'OA': 'up', 'OB': 'down', 'OC': 'right', 'OD': 'left', 'OE': 'clear', 'OF': 'end', 'OH': 'home',
  '[1~': 'home', '[2~': 'insert', '[3~': 'delete', '[4~': 'end', '[5~': 'pageup',
  '[6~': 'pagedown', '[[5~': 'pageup', '[[6~': 'pagedown', '[7~': 'home', '[8~': 'end',
};
const SHIFTED = {
  '[a': 'up', '[b': 'down', '[c': 'right', '[d': 'left', '[e': 'clear', '[2$': 'insert',
  '[3$': 'delete', '[5$': 'pageup', '[6$': 'pagedown', '[7$': 'home', '[8$': 'end', '[Z': 'tab',
};
const CONTROLLED = {
  'Oa': 'up', 'Ob': 'down', 'Oc': 'right', 'Od': 'left', 'Oe': 'clear', '[2^': 'insert',
  '[3^': 'delete', '[5^': 'pageup', '[6^': 'pagedown', '[7^': 'home', '[8^': 'end',
};

const isDigit = (c) => c >= '0' && c <= '9';

// The parser: a generator fed one character at a time (`next(ch)`; `next('')` ends a pending
// ESC), emitting 'keypress' on `stream` for each key it completes.
function* keyParser(stream) {
  for (;;) {
    let ch = yield;
    let seq = ch;
    let escaped = false;
    const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };
    if (ch === ESC) {
      escaped = true;
      seq += (ch = yield);
      if (ch === ESC) seq += (ch = yield);
    }
    if (escaped && (ch === 'O' || ch === '[')) {
      let code = ch;
      let modifier = 0;
      if (ch === 'O') {
        // ESC O [modifier] letter
        seq += (ch = yield);
        if (isDigit(ch)) {
          modifier = (ch >> 0) - 1;
          seq += (ch = yield);
        }
        code += ch;
      } else {
        // ESC [ [[] [digits] [; digit] final
        seq += (ch = yield);
        if (ch === '[') {
          code += ch;
          seq += (ch = yield);
        }
        const start = seq.length - 1;
        for (let n = 0; n < 3 && isDigit(ch); n++) seq += (ch = yield);
        if (ch === ';') {
          seq += (ch = yield);
          if (isDigit(ch)) seq += yield;
        }
        const cmd = seq.slice(start);
        let m;
        if ((m = /^(?:(\d\d?)(?:;(\d))?([~^$])|(\d{3}~))$/.exec(cmd))) {
          if (m[4]) {
            code += m[4];
          } else {
            code += m[1] + m[3];
            modifier = (m[2] || 1) - 1;
          }
        } else if ((m = /^((\d;)?(\d))?([A-Za-z])$/.exec(cmd))) {
          code += m[4];
          modifier = (m[3] || 1) - 1;
        } else {
          code += cmd;
        }
      }
      key.ctrl = !!(modifier & 4);
      key.meta = !!(modifier & 10);
      key.shift = !!(modifier & 1);
      key.code = code;
      if (Object.hasOwn(SEQUENCE_NAMES, code)) {
        key.name = SEQUENCE_NAMES[code];
      } else if (Object.hasOwn(SHIFTED, code)) {
        key.name = SHIFTED[code];
        key.shift = true;
      } else if (Object.hasOwn(CONTROLLED, code)) {
        key.name = CONTROLLED[code];
        key.ctrl = true;
      } else {
        key.name = 'undefined';
      }
    } else if (ch === '\r') {
      key.name = 'return';
      key.meta = escaped;
    } else if (ch === '\n') {
      key.name = 'enter';
      key.meta = escaped;
    } else if (ch === '\t') {
      key.name = 'tab';
      key.meta = escaped;
    } else if (ch === '\b' || ch === '\x7f') {
      key.name = 'backspace';
      key.meta = escaped;
    } else if (ch === ESC) {
      key.name = 'escape';
      key.meta = escaped;
    } else if (ch === ' ') {
      key.name = 'space';
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a') {
      // Control + letter (and NUL, as Node names it: '`').
      key.name = String.fromCharCode(ch.charCodeAt(0) + 96);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = /^[A-Z]$/.test(ch);
      key.meta = escaped;
    } else if (escaped) {
      // ESC then an unnamed character, or ESC alone once the wait ran out.
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }
    key.sequence = seq;
    if (seq.length !== 0 && (key.name !== undefined || escaped)) {
      stream.emit('keypress', escaped ? undefined : seq, key);
    } else if (charLengthAt(seq, 0) === seq.length) {
      stream.emit('keypress', seq, key);
    }
    // Anything else (a broken sequence) emits nothing.
  }
}

function newParser(stream) {
  const parser = keyParser(stream);
  parser.next();
  return parser;
}

// Makes `stream` emit 'keypress' while it has 'keypress' listeners. `iface` (a readline
// Interface, or nothing) gives the escape timeout and learns whether the last read was one key.
function emitKeypressEvents(stream, iface = {}) {
  if (stream[kDecoder]) return;
  stream[kDecoder] = new StringDecoder('utf8');
  stream[kParser] = newParser(stream);
  const escapeCodeTimeout = iface.escapeCodeTimeout === undefined
    ? ESCAPE_CODE_TIMEOUT : iface.escapeCodeTimeout;
  let timer;
  const flushEscape = () => stream[kParser].next('');

  function onData(chunk) {
    if (stream.listenerCount('keypress') === 0) {
      // Nobody listens: stop reading keys until someone does.
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
      return;
    }
    const text = stream[kDecoder].write(chunk);
    if (!text) return;
    timers.clearTimeout(timer);
    iface[kSawKeyPress] = charLengthAt(text, 0) === text.length;
    iface.isCompletionEnabled = false;
    let seen = 0;
    for (const character of text) {
      seen += character.length;
      const last = seen === text.length;
      if (last) iface.isCompletionEnabled = true;
      try {
        stream[kParser].next(character);
        if (last && character === ESC) timer = timers.setTimeout(flushEscape, escapeCodeTimeout);
      } catch (err) {
        // A 'keypress' listener threw inside the parser, which is then finished: start anew.
        stream[kParser] = newParser(stream);
        throw err;
      }
    }
  }
  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }
  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

module.exports = {
  emitKeypressEvents, charLengthAt, charLengthLeft, kSawKeyPress, ESCAPE_CODE_TIMEOUT,
};
