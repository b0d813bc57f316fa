// module.SourceMap: decoding Source Map v3 payloads (plain and index maps) and looking up
// generated positions (findEntry, 0-based) and original ones (findOrigin, 1-based), as test
// runners (ava) and error reporters use it; module.findSourceMap finds nothing when source
// maps are not enabled (jsvm keeps none).
const { SourceMap, findSourceMap } = require('module');
const show = (label, value) => console.log(label, JSON.stringify(value), value && Object.keys(value).join());

// Two generated lines from two sources, with names and a line without mappings.
const bundle = {
  version: 3,
  file: 'bundle.js',
  sources: ['src/main.ts', 'src/util.ts'],
  names: ['start', 'helper'],
  mappings: 'AAAA,SAASA;AACA,IAAIC,GAAG;;ACFP,CAAC',
};
const map = new SourceMap(bundle);
show('payload', map.payload);
console.log('payload is a copy:', map.payload !== bundle, map.payload === map.payload, map.lineLengths);
for (const [line, column] of [[0, 0], [0, 4], [0, 9], [0, 40], [1, 0], [1, 4], [1, 6], [1, 7], [2, 0], [3, 0], [3, 1], [3, 90], [-1, 0], [50, 3]]) {
  show(`findEntry(${line}, ${column})`, map.findEntry(line, column));
}
for (const [line, column] of [[1, 1], [1, 10], [2, 5], [2, 9], [4, 2], [10, 10]]) {
  show(`findOrigin(${line}, ${column})`, map.findOrigin(line, column));
}

// A segment of one field maps to no source; the last segment reads a name index delta of 0.
const sparse = new SourceMap({ version: 3, sources: ['only.js'], names: ['first', 'second'], mappings: 'A;AAAA,EAAEC,CAAC' });
show('no source', sparse.findEntry(0, 3));
show('no source origin', sparse.findOrigin(1, 1));
show('last segment', sparse.findEntry(1, 3));
show('before last', sparse.findEntry(1, 2));

// An index map: each section's mappings moved by its offset.
const sections = new SourceMap({
  version: 3,
  sections: [
    { offset: { line: 0, column: 0 }, map: { version: 3, sources: ['head.js'], names: [], mappings: 'AAAA;AACA' } },
    { offset: { line: 3, column: 10 }, map: { version: 3, sources: ['tail.js'], names: ['t'], mappings: 'AAAAA,IAAI;AACA' } },
  ],
});
for (const [line, column] of [[0, 0], [1, 5], [3, 9], [3, 10], [3, 14], [4, 0], [4, 20]]) {
  show(`section findEntry(${line}, ${column})`, sections.findEntry(line, column));
}

const withLengths = new SourceMap({ version: 3, sourceRoot: 'lib/', sources: ['x.js'], names: [], mappings: 'AAAA;AACA' }, { lineLengths: [12, 7] });
console.log('lineLengths', withLengths.lineLengths, JSON.stringify(withLengths.findEntry(1, 1)));

for (const bad of [null, 7, 'text', undefined]) {
  try {
    new SourceMap(bad);
    console.log('accepted', bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try { SourceMap({}); } catch (e) { console.log('call without new:', e.name); }
console.log(typeof SourceMap, SourceMap.name, SourceMap.length, Object.getOwnPropertyNames(SourceMap.prototype).join());
console.log('findSourceMap', findSourceMap(__filename), findSourceMap('/nowhere.js'));

// process.setSourceMapsEnabled takes a boolean (test runners turn maps on before loading).
for (const value of [true, false, 1, undefined]) {
  try {
    console.log('setSourceMapsEnabled', value, process.setSourceMapsEnabled(value));
  } catch (e) {
    console.log('setSourceMapsEnabled', value, e.code, e.message);
  }
}
console.log('findSourceMap after enabling', findSourceMap('/nowhere.js'));
