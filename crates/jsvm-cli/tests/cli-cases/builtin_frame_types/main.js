// V8 names a builtin's frame by its receiver's type: `at Array.map (<anonymous>)`,
// `at Function.from` (a static of a builtin constructor), `at JSON.parse`; none when the
// receiver was null or undefined. An accessor's frame adds the key it was read as.
const frames = (e) =>
  e.stack.split('\n').slice(1, 3).map((l) => l.split(__dirname).join('<DIR>')).join('\n');
// The callbacks JSON's methods call have the holder as receiver (not told here): only the
// builtin's own frame is printed for them.
const native = (e) => e.stack.split('\n').filter((l) => l.endsWith('(<anonymous>)')).join('\n');
const t = (label, f, show = frames) => {
  try {
    f();
    console.log(label, 'no error');
  } catch (e) {
    console.log(`${label}: ${e.message}\n${show(e)}`);
  }
};
const boom = (what) => () => { throw new Error(what); };
t('forEach', () => [1].forEach(boom('forEach')));
t('map', () => [1].map(boom('map')));
t('reduce', () => [1, 2].reduce(boom('reduce')));
t('sort', () => [3, 1].sort(boom('sort')));
t('find', () => [1].find(boom('find')));
t('Array.from', () => Array.from([1], boom('from')));
t('Set forEach', () => new Set([1]).forEach(boom('set')));
t('Map forEach', () => new Map([[1, 1]]).forEach(boom('map')));
t('replace', () => 'a'.replace(/a/, boom('replace')));
t('replaceAll', () => 'a'.replaceAll('a', boom('replaceAll')));
t('JSON.stringify', () => JSON.stringify([1], boom('replacer')), native);
t('JSON.parse', () => JSON.parse('[1]', boom('reviver')), native);
t('Object.keys', () => Object.keys(null));
t('Object.entries', () => Object.entries({ get a() { throw new Error('getter'); } }));
t('trim on null', () => String.prototype.trim.call(null));
t('hasOwnProperty on null', () => ({}).hasOwnProperty.call(null, 'x'));
t('Promise', () => new Promise(1));
