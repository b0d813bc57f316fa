// readline.emitKeypressEvents: the keys Node names for bytes read from a terminal, escape
// sequences split across reads, the lone ESC that waits for escapeCodeTimeout, and UTF-8
// split mid-character.
'use strict';
const readline = require('readline');
const { PassThrough } = require('stream');

const input = new PassThrough();
readline.emitKeypressEvents(input);
readline.emitKeypressEvents(input); // a second call changes nothing
const seen = [];
input.on('keypress', (s, key) => seen.push(JSON.stringify([s, key])));

const chunks = [
  'a', 'Z', '1', ' ', '\r', '\n', '\t', '\x7f', '\b', '\x03', '\x01', '\x1a', '\x00',
  '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1bOA', '\x1b[H', '\x1b[F', '\x1b[1~', '\x1b[3~',
  '\x1b[5~', '\x1b[6~', '\x1b[2~', '\x1bOP', '\x1b[15~', '\x1b[24~', '\x1b[1;5C', '\x1b[1;2A',
  '\x1b[1;3D', '\x1b[3;5~', '\x1b[Z', '\x1b[a', '\x1bOc', '\x1b[200~', '\x1b[201~', '\x1b[[A',
  '\x1bb', '\x1bF', '\x1b\r', '\x1b\x7f', '\x1b.', '\x1b\x1b[A', '.', 'é', '€', '😀',
  'abc', '\x1b[', 'B', '\x1b', '[1;', '5', 'D', '\x1b[99x', '\x1b[2', '00~',
];
for (const c of chunks) input.write(c);
// UTF-8 split across reads.
const euro = Buffer.from('€');
input.write(euro.subarray(0, 1));
input.write(euro.subarray(1));
for (const line of seen.splice(0)) console.log(line);

// A lone ESC at the end of a read becomes 'escape' once the timeout passes.
const fast = new PassThrough();
readline.emitKeypressEvents(fast, { escapeCodeTimeout: 20 });
fast.on('keypress', (s, key) => console.log('fast', JSON.stringify([s, key])));
fast.write('\x1b');
setTimeout(() => {
  console.log('after timeout');
  fast.write('x');
  // No 'keypress' listener: the data is not decoded, and decoding starts again with one.
  const quiet = new PassThrough();
  readline.emitKeypressEvents(quiet);
  quiet.write('q');
  quiet.on('keypress', (s) => console.log('quiet', JSON.stringify(s)));
  quiet.write('r');
  // A listener that throws: the parser starts anew, later keys still come.
  const bad = new PassThrough();
  readline.emitKeypressEvents(bad);
  let first = true;
  bad.on('keypress', (s) => {
    if (first) {
      first = false;
      throw new Error('listener threw');
    }
    console.log('bad', JSON.stringify(s));
  });
  try {
    bad.write('\x1b[A');
  } catch (err) {
    console.log('caught', err.message);
  }
  bad.write('k');
}, 100);
