// fs's stream classes and Dir are accessors that code may set (graceful-fs copies fs's own
// properties, accessors too, and assigns its own functions to the copy); createReadStream and
// createWriteStream are plain functions making streams of the class set.
const fs = require('fs');
const kinds = () => {
  const out = {};
  for (const name of ['ReadStream', 'WriteStream', 'FileReadStream', 'FileWriteStream', 'Dir',
    'createReadStream', 'createWriteStream']) {
    const d = Object.getOwnPropertyDescriptor(fs, name);
    out[name] = 'value' in d ? typeof d.value : `get ${typeof d.get} set ${typeof d.set}`;
  }
  return out;
};
console.log(kinds());
const s = fs.createReadStream(__filename, { start: 0, end: 1 });
console.log(s instanceof fs.ReadStream, fs.ReadStream === fs.FileReadStream, fs.ReadStream.name);
s.on('data', (d) => {
  console.log(JSON.stringify(String(d)));
  const copy = { __proto__: Object.getPrototypeOf(fs) };
  for (const key of Object.getOwnPropertyNames(fs)) {
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(fs, key));
  }
  const Original = fs.ReadStream;
  (function () {
    'use strict';
    copy.createReadStream = function createReadStream() { return 'patched'; };
    copy.ReadStream = function PatchedReadStream() { this.patched = true; };
    copy.Dir = 5;
  })();
  console.log(copy.createReadStream(), copy.ReadStream.name, String(copy.Dir).slice(0, 9), fs.Dir);
  console.log(fs.ReadStream.name, fs.FileReadStream.name, fs.createReadStream(__filename).patched);
  fs.ReadStream = Original;
  console.log(kinds());
});
