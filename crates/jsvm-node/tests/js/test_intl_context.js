'use strict';
// Intl in vm contexts: each context has its own, made in its realm (its objects' prototypes
// are the context's), kept for the context's life, whatever the sandbox calls Object or Math;
// and the local time zone (TZ) as the context's DateTimeFormat resolves it.
const vm = require('vm');
const { execFileSync } = require('child_process');

const code = `[
  typeof Intl,
  Object.prototype.toString.call(Intl),
  Object.getPrototypeOf(Intl) === Object.prototype,
  Intl.NumberFormat.constructor === Function,
  Object.getPrototypeOf(Intl.NumberFormat.prototype) === Object.prototype,
  new Intl.NumberFormat().formatToParts(1) instanceof Array,
  Object.getPrototypeOf(new Intl.Segmenter().segment('ab').containing(0)) === Object.prototype,
  new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(1234.5),
  new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' }).format(0),
  [...new Intl.Segmenter('en', { granularity: 'word' }).segment('Hi there, you!')].filter((s) => s.isWordLike).map((s) => s.segment).join('/'),
  new Intl.Collator('en', { numeric: true }).compare('a10', 'a9'),
  new Intl.PluralRules('en', { type: 'ordinal' }).select(22),
  new Intl.ListFormat('en', { type: 'disjunction' }).format(['x', 'y', 'z']),
  new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(-1, 'day'),
  new Intl.Locale('en-latn-us').baseName,
  Intl.getCanonicalLocales('EN-gb')[0],
]`;

const plain = vm.runInNewContext(code);
console.log(JSON.stringify(plain));
console.log('own realm', plain instanceof Array, vm.runInNewContext('Intl') !== Intl);

// A sandbox whose names shadow the builtins Intl is made of.
const shadowed = vm.createContext({ Object: 5, Math: null, Symbol: 'x', Date: 1, String: [], Reflect: {} });
console.log('shadowed', vm.runInContext('[new Intl.NumberFormat().format(1e6), typeof Object, new Intl.DateTimeFormat("en-US", { timeZone: "UTC" }).format(86400000)].join()', shadowed));

// One Intl per context, kept for its life (also when the main context reads it first).
const ctx = vm.createContext({});
const fromOutside = ctx.Intl;
const first = vm.runInContext('globalThis.keep = Intl; Intl', ctx);
console.log('identity', first === fromOutside, vm.runInContext('Intl === keep && Intl.Segmenter === keep.Segmenter', ctx));
console.log('replaced', vm.runInContext('Intl = 3; typeof Intl', ctx), typeof ctx.Intl);
console.log('var Intl', vm.runInNewContext('var Intl; typeof Intl'), vm.runInNewContext('typeof Intl + typeof globalThis.Intl + ("Intl" in globalThis)'));
console.log('descriptor', JSON.stringify(vm.runInNewContext('const d = Object.getOwnPropertyDescriptor(globalThis, "Intl"); [typeof d.value, d.writable, d.enumerable, d.configurable]')));

// The process's time zone, from TZ (a child with its own environment).
const tzCode = `const d = new Date(Date.UTC(2026, 11, 3, 17, 5, 9)); const s = new Date(Date.UTC(2026, 6, 3, 17, 5, 9));
const f = (o) => new Intl.DateTimeFormat('en-US', o);
console.log([f().resolvedOptions().timeZone, f({ dateStyle: 'medium', timeStyle: 'medium' }).format(d), f({ dateStyle: 'medium', timeStyle: 'medium' }).format(s),
  f({ hour: 'numeric', minute: 'numeric', timeZoneName: 'short' }).format(d), f({ timeZoneName: 'short' }).format(s), f({ timeZone: 'UTC', timeZoneName: 'short' }).format(d),
  require('vm').runInNewContext('new Intl.DateTimeFormat("en-US", { timeStyle: "long" }).format(' + d.getTime() + ')')].join(' | '));`;
for (const TZ of ['Europe/Paris', 'Asia/Kolkata', 'UTC', ':Europe/Berlin']) {
  console.log(TZ, execFileSync(process.execPath, ['-e', tzCode], { env: { TZ } }).toString().trim());
}
