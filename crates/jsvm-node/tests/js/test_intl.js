'use strict';
// Intl (ECMA-402) for en-US in the main realm: each API's common options, as node prints
// them (jsvm resolves every locale to en-US, so `locale` is left out of resolvedOptions).
const show = (label, f) => {
  let out;
  try {
    out = JSON.stringify(f(), (k, v) => (k === 'locale' ? undefined : v));
  } catch (e) {
    out = `${e.name}: ${e.message}`;
  }
  console.log(label, out);
};

// (Intl.DisplayNames is not in jsvm.)
console.log(typeof Intl, Object.prototype.toString.call(Intl), Object.getOwnPropertyNames(Intl).filter((n) => n !== 'DisplayNames').sort().join());
show('canonical', () => [Intl.getCanonicalLocales(['EN-us', 'en-US', 'de-de', 'zh-hant-tw', 'en-US-u-hc-h23-ca-gregory']), Intl.getCanonicalLocales()]);
show('bad tag', () => Intl.getCanonicalLocales('en_US'));
show('supported', () => Intl.NumberFormat.supportedLocalesOf(['en-US', 'en']));
show('supportedValuesOf', () => ['calendar', 'numberingSystem', 'unit'].map((k) => Intl.supportedValuesOf(k).includes(['gregory', 'latn', 'kilobyte'][['calendar', 'numberingSystem', 'unit'].indexOf(k)])));
show('supportedValuesOf bad', () => Intl.supportedValuesOf('colour'));

// NumberFormat
const numbers = [0, -0, 1, -1, 1.005, 2.5, 1234.5678, -1234567.891, 999999, 999.95, 0.000123, 1e21, NaN, Infinity, -Infinity, 12345n, '1234567890.123456789', 1500, 999500];
const numberOptions = [
  {}, { style: 'percent' }, { style: 'currency', currency: 'USD' },
  { style: 'currency', currency: 'EUR', currencyDisplay: 'name' },
  { style: 'currency', currency: 'USD', currencyDisplay: 'code' },
  { style: 'currency', currency: 'USD', currencySign: 'accounting' },
  { style: 'currency', currency: 'JPY' }, { style: 'currency', currency: 'GBP', currencyDisplay: 'narrowSymbol' },
  { style: 'unit', unit: 'kilometer-per-hour' }, { style: 'unit', unit: 'byte', unitDisplay: 'long' },
  { style: 'unit', unit: 'megabyte', unitDisplay: 'narrow' }, { style: 'unit', unit: 'second', unitDisplay: 'long' },
  { minimumFractionDigits: 2 }, { maximumFractionDigits: 0 }, { minimumIntegerDigits: 3 },
  { maximumSignificantDigits: 3 }, { minimumSignificantDigits: 5 }, { useGrouping: false },
  { notation: 'compact' }, { notation: 'compact', compactDisplay: 'long' },
  { signDisplay: 'always' }, { signDisplay: 'exceptZero' }, { signDisplay: 'never' }, { signDisplay: 'negative' },
  { notation: 'scientific' }, { notation: 'engineering' },
];
for (const o of numberOptions) {
  const nf = new Intl.NumberFormat('en-US', o);
  console.log(JSON.stringify(o), numbers.map((x) => nf.format(x)).join(' | '));
  show('  options', () => nf.resolvedOptions());
}
show('parts', () => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).formatToParts(-1234.5));
show('parts compact', () => new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long' }).formatToParts(-1234567));
show('parts percent', () => new Intl.NumberFormat('en', { style: 'percent', signDisplay: 'always' }).formatToParts(0.256));
show('no currency', () => new Intl.NumberFormat('en', { style: 'currency' }));
show('bad style', () => new Intl.NumberFormat('en', { style: 'money' }));
show('bad digits', () => new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 1 }));
show('without new', () => [Intl.NumberFormat().format(1e6), Intl.NumberFormat.length, Intl.NumberFormat.name]);
show('bound format', () => [1, 22, 333333].map(new Intl.NumberFormat().format));
show('toLocaleString', () => [(1234.5).toLocaleString(), (0.5).toLocaleString('en-US', { style: 'percent' }), (1e6).toLocaleString(undefined, { maximumFractionDigits: 2 }), 123456789n.toLocaleString(), (42).toLocaleString('de-DE')]);

// DateTimeFormat
const dates = [new Date(Date.UTC(2026, 11, 3, 17, 5, 9, 45)), new Date(Date.UTC(2026, 0, 5, 0, 3, 4)), new Date(Date.UTC(1999, 6, 4, 12, 30, 0))];
const dateOptions = [
  {}, { dateStyle: 'full' }, { dateStyle: 'long', timeStyle: 'short' }, { dateStyle: 'medium', timeStyle: 'medium' },
  { dateStyle: 'short' }, { timeStyle: 'full' }, { timeStyle: 'long' },
  { year: 'numeric', month: 'long', day: 'numeric' }, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  { month: 'short', day: 'numeric' }, { year: 'numeric', month: '2-digit', day: '2-digit' },
  { hour: '2-digit', minute: '2-digit' }, { hour: 'numeric', minute: '2-digit', hour12: false }, { hour: 'numeric' },
  { month: 'long', year: 'numeric' }, { weekday: 'short' },
  { hour: 'numeric', minute: 'numeric', second: 'numeric', fractionalSecondDigits: 3 }, { timeZoneName: 'short' },
  { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' },
  { era: 'short', year: 'numeric' }, { hourCycle: 'h23', hour: 'numeric', minute: 'numeric' },
];
for (const o of dateOptions) {
  const df = new Intl.DateTimeFormat('en-US', { ...o, timeZone: 'UTC' });
  console.log(JSON.stringify(o), dates.map((d) => df.format(d)).join(' | '));
  show('  options', () => df.resolvedOptions());
}
show('date parts', () => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).formatToParts(dates[0]));
show('date number', () => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(0));
show('invalid date', () => new Intl.DateTimeFormat('en-US').format(NaN));
show('style and field', () => new Intl.DateTimeFormat('en-US', { dateStyle: 'short', hour: 'numeric' }));
show('Date toLocale*', () => dates.map((d) => [d.toLocaleString('en-US', { timeZone: 'UTC' }), d.toLocaleDateString('en-US', { timeZone: 'UTC' }), d.toLocaleTimeString('en-US', { timeZone: 'UTC' }), d.toLocaleDateString(undefined, { timeZone: 'UTC', month: 'long', day: 'numeric' }), d.toLocaleTimeString([], { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' })]));
show('invalid Date', () => new Date(NaN).toLocaleString());
show('timeZone', () => [new Intl.DateTimeFormat('en', { timeZone: 'utc' }).resolvedOptions().timeZone, new Intl.DateTimeFormat('en', { timeZone: 'Etc/UTC' }).resolvedOptions().timeZone]);
show('bad timeZone', () => new Intl.DateTimeFormat('en', { timeZone: 'Nowhere/Land' }).format(0).length > 0);
show('descriptors', () => ['Segmenter', 'NumberFormat', 'getCanonicalLocales'].map((k) => Object.getOwnPropertyDescriptor(Intl, k)).map((d) => [d.writable, d.enumerable, d.configurable]));

// Collator, localeCompare
const words = ['a', 'b', 'A', 'B', 'á', 'Á', 'ab', 'a b', 'a-b', 'a1', 'a10', 'a2', '10', '2', 'Zebra', 'zebra', 'éclair', 'eclair', 'Eclair', '_x', '!', 'resume', 'résumé', 'Résumé', 'ß', 'ss'];
for (const o of [{}, { numeric: true }, { sensitivity: 'base' }, { sensitivity: 'accent' }, { sensitivity: 'case' }, { caseFirst: 'upper' }, { ignorePunctuation: true }]) {
  const c = new Intl.Collator('en', o);
  console.log('collator', JSON.stringify(o), words.slice().sort(c.compare).join(' '));
  show('  equal', () => [c.compare('a', 'A'), c.compare('a', 'á'), c.compare('résumé', 'RESUME'), c.compare('ß', 'ss')]);
  show('  options', () => c.resolvedOptions());
}
show('localeCompare', () => ['a'.localeCompare('b'), 'b'.localeCompare('a'), 'a'.localeCompare('A'), 'a'.localeCompare('á', undefined, { sensitivity: 'base' }), 'item2'.localeCompare('item10', undefined, { numeric: true }), 'x'.localeCompare('x')]);

// PluralRules
for (const o of [{}, { type: 'ordinal' }, { minimumFractionDigits: 1 }]) {
  const pr = new Intl.PluralRules('en-US', o);
  console.log('plural', JSON.stringify(o), [0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 1.5, -1].map((n) => pr.select(n)).join());
  show('  options', () => pr.resolvedOptions());
}

// ListFormat
for (const type of ['conjunction', 'disjunction', 'unit']) {
  for (const style of ['long', 'short', 'narrow']) {
    const lf = new Intl.ListFormat('en', { type, style });
    console.log('list', type, style, [[], ['a'], ['a', 'b'], ['a', 'b', 'c', 'd']].map((l) => JSON.stringify(lf.format(l))).join(' '));
  }
}
show('list parts', () => new Intl.ListFormat('en').formatToParts(['x', 'y', 'z']));
show('list not strings', () => new Intl.ListFormat('en').format(['a', 1]));

// RelativeTimeFormat
for (const style of ['long', 'short', 'narrow']) {
  for (const numeric of ['always', 'auto']) {
    const rtf = new Intl.RelativeTimeFormat('en', { style, numeric });
    for (const unit of ['second', 'minutes', 'hour', 'day', 'week', 'month', 'quarter', 'year']) {
      console.log('relative', style, numeric, unit, [-2, -1, 0, 1, 2, 1.5, 1000].map((v) => rtf.format(v, unit)).join(' | '));
    }
  }
}
show('relative parts', () => new Intl.RelativeTimeFormat('en').formatToParts(-1234, 'day'));
show('relative bad unit', () => new Intl.RelativeTimeFormat('en').format(1, 'fortnight'));

// Locale
for (const t of ['en', 'EN-us', 'en-latn-us', 'zh-Hant-TW', 'de-DE-u-co-phonebk', 'en-US-u-hc-h23-ca-gregory', 'sr-Latn-RS']) {
  show('locale ' + t, () => { const l = new Intl.Locale(t); return [l.toString(), l.language, l.script, l.region, l.baseName, l.calendar, l.hourCycle, l.numeric, String(l)]; });
}
show('locale options', () => new Intl.Locale('en', { region: 'gb', calendar: 'gregory' }).toString());
show('locale bad', () => new Intl.Locale('x'));

// Segmenter
for (const granularity of ['grapheme', 'word', 'sentence']) {
  const seg = new Intl.Segmenter('en', { granularity });
  for (const s of ['Hello, world! How are you?', 'e\u0301👍🏽🇫🇷 x', "don't stop 3.14 now. Next one.", '']) {
    const segments = seg.segment(s);
    console.log('segment', granularity, JSON.stringify(s), JSON.stringify([...segments].map((x) => [x.segment, x.index, x.isWordLike])));
    show('  containing', () => [segments.containing(0), segments.containing(7), segments.containing(-1), segments.containing(99)]);
  }
  show('  options', () => seg.resolvedOptions());
}
const segs = new Intl.Segmenter().segment('ab');
const it = segs[Symbol.iterator]();
show('segments', () => [Object.prototype.toString.call(it), typeof it.next, it.next(), it.next(), it.next(), [...segs].length]);
show('segmenter tags', () => [Object.prototype.toString.call(new Intl.Segmenter()), typeof Intl.Segmenter.prototype.segment]);
show('segmenter without new', () => Intl.Segmenter());

// NumberFormat ranges (the parts' sources of a shared prefix differ in V8 20: strings only there).
for (const [o, a, b] of [[{}, 1, 5], [{}, 1, 1], [{}, -5, 5], [{}, 1000, 5000], [{ style: 'currency', currency: 'USD' }, 1, 5], [{ style: 'currency', currency: 'USD' }, 3, 3], [{ style: 'percent' }, 0.1, 0.5], [{ style: 'unit', unit: 'kilometer' }, 1, 5], [{ style: 'unit', unit: 'kilometer', unitDisplay: 'long' }, 1, 5], [{ style: 'unit', unit: 'kilometer' }, -1, 5], [{ notation: 'compact' }, 1000, 5000000], [{ style: 'currency', currency: 'EUR', currencyDisplay: 'name' }, 1, 5], [{ style: 'currency', currency: 'USD', currencyDisplay: 'code' }, 1, 5], [{ style: 'unit', unit: 'celsius' }, 1, 5], [{}, 5, 1]]) {
  show('range ' + JSON.stringify(o) + ` ${a} ${b}`, () => new Intl.NumberFormat('en-US', o).formatRange(a, b));
}
show('range parts', () => new Intl.NumberFormat('en-US', { style: 'unit', unit: 'kilometer' }).formatRangeToParts(1, 5));
show('range parts currency', () => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).formatRangeToParts(-1, 5));
show('range NaN', () => new Intl.NumberFormat().formatRange(NaN, 1));

// DateTimeFormat ranges.
const rangeBase = Date.UTC(2026, 0, 5, 9, 30);
const rangeEnds = [['same', 60000 * 5], ['hours', 3600000 * 5], ['days', 86400000 * 2], ['months', 86400000 * 40], ['years', 86400000 * 400], ['equal', 0]];
for (const o of [{}, { dateStyle: 'medium' }, { dateStyle: 'full' }, { dateStyle: 'short' }, { timeStyle: 'short' }, { timeStyle: 'medium' }, { dateStyle: 'long', timeStyle: 'short' }, { hour: 'numeric' }, { month: 'long', day: 'numeric' }, { year: 'numeric', month: 'short' }, { weekday: 'short', month: 'short', day: 'numeric' }, { month: 'long' }]) {
  const df = new Intl.DateTimeFormat('en-US', { ...o, timeZone: 'UTC' });
  console.log('date range', JSON.stringify(o), rangeEnds.map(([n, d]) => `${n}: ${df.formatRange(rangeBase, rangeBase + d)}`).join(' | '));
}
show('date range parts', () => new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC' }).formatRangeToParts(rangeBase, rangeBase + 300000));
show('date range parts days', () => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).formatRangeToParts(rangeBase, rangeBase + 86400000 * 2));
show('date range missing', () => new Intl.DateTimeFormat('en-US').formatRange(0));
