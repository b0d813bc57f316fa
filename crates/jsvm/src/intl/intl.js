// ECMA-402 (Intl) for the en-US locale, made in a realm the first time its `Intl` is reached
// (intl.rs). A function of the realm's original builtins (`p`, never looked up on the global,
// whose names a sandbox may shadow) and the natives (`n`: text segmentation, the local time
// zone's name); returns the realm's `Intl` object. Locale data (unit patterns, currency names)
// are en-US CLDR data as Node's ICU prints them.
(function (p, n) {
  'use strict';
  const { Object, Array, Math, Symbol, String, Number, Date, TypeError, RangeError, BigInt } = p;
  const defineProperty = Object.defineProperty;
  const create = Object.create;
  const isArray = Array.isArray;
  const floor = Math.floor;
  const abs = Math.abs;
  const DateProto = Date.prototype;
  const dateValue = DateProto.getTime;
  const dateNow = Date.now;
  const tzOffsetOf = DateProto.getTimezoneOffset;
  const utcParts = [DateProto.getUTCFullYear, DateProto.getUTCMonth, DateProto.getUTCDate,
    DateProto.getUTCDay, DateProto.getUTCHours, DateProto.getUTCMinutes,
    DateProto.getUTCSeconds, DateProto.getUTCMilliseconds];
  const numberToString = Number.prototype.toString;
  const bigintToString = BigInt.prototype.toString;
  const iteratorSymbol = Symbol.iterator;
  const toStringTag = Symbol.toStringTag;
  const segmentNative = n.segment;
  const localTimeZone = n.timeZone;
  const call = (f, self, ...args) => Reflect_apply(f, self, args);
  const Reflect_apply = p.Reflect.apply;

  const LOCALE = 'en-US';

  // Internal slots: a private field put on any object (the base constructor returns it).
  class Base { constructor(o) { return o; } }
  class Slots extends Base {
    #s;
    constructor(o, s) { super(o); this.#s = s; }
    static get(o) { return (typeof o === 'object' && o !== null && #s in o) ? o.#s : undefined; }
  }
  function slotsOf(o, kind, method) {
    const s = Slots.get(o);
    if (s === undefined || s.kind !== kind) {
      throw new TypeError(`Method ${method} called on incompatible receiver ${describe(o)}`);
    }
    return s;
  }
  function describe(v) {
    if (typeof v === 'string') return v;
    if (typeof v === 'object' && v !== null) return '#<Object>';
    return String(v);
  }

  function methods(target, table) {
    const names = p.Reflect.ownKeys(table);
    for (let i = 0; i < names.length; i++) {
      const d = Object.getOwnPropertyDescriptor(table, names[i]);
      d.enumerable = false;
      defineProperty(target, names[i], d);
    }
    return target;
  }
  function tag(target, name) {
    defineProperty(target, toStringTag, { value: name, configurable: true });
  }
  function hidden(target, name, value) {
    defineProperty(target, name, { value, writable: true, configurable: true });
  }
  // A constructor callable without `new` (NumberFormat, DateTimeFormat, Collator)?
  function needNew(target, name) {
    if (target === undefined) throw new TypeError(`Constructor Intl.${name} requires 'new'`);
  }

  // ---- Locales -------------------------------------------------------------------------
  const LANGUAGE = /^([a-z]{2,3}|[a-z]{5,8})$/i;
  const SCRIPT = /^[a-z]{4}$/i;
  const REGION = /^([a-z]{2}|[0-9]{3})$/i;
  const VARIANT = /^([a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/i;
  const SINGLETON = /^[0-9a-wy-z]$/i;
  const EXT = /^[a-z0-9]{2,8}$/i;

  // A tag's parts, or undefined when it is no well-formed Unicode BCP 47 locale identifier.
  function parseTag(tag) {
    const sub = tag.split('-');
    let i = 0;
    if (!LANGUAGE.test(sub[i] || '')) return undefined;
    const r = { language: sub[i++].toLowerCase(), script: undefined, region: undefined,
      variants: [], extensions: [] };
    if (i < sub.length && SCRIPT.test(sub[i])) {
      const s = sub[i++];
      r.script = s[0].toUpperCase() + s.slice(1).toLowerCase();
    }
    if (i < sub.length && REGION.test(sub[i])) r.region = sub[i++].toUpperCase();
    while (i < sub.length && VARIANT.test(sub[i])) {
      const v = sub[i++].toLowerCase();
      if (r.variants.includes(v)) return undefined;
      r.variants.push(v);
    }
    while (i < sub.length) {
      if (/^x$/i.test(sub[i])) {
        const rest = sub.slice(i + 1);
        if (rest.length === 0 || !rest.every((s) => /^[a-z0-9]{1,8}$/i.test(s))) return undefined;
        r.extensions.push(['x', rest.map((s) => s.toLowerCase())]);
        break;
      }
      if (!SINGLETON.test(sub[i])) return undefined;
      const key = sub[i++].toLowerCase();
      const parts = [];
      while (i < sub.length && EXT.test(sub[i]) && !SINGLETON.test(sub[i]) && !/^x$/i.test(sub[i])) {
        parts.push(sub[i++].toLowerCase());
      }
      if (parts.length === 0 && key !== 'u') return undefined;
      if (r.extensions.some((e) => e[0] === key)) return undefined;
      r.extensions.push([key, parts]);
    }
    return r;
  }
  function tagString(r) {
    let s = r.language;
    if (r.script) s += '-' + r.script;
    if (r.region) s += '-' + r.region;
    for (const v of r.variants.slice().sort()) s += '-' + v;
    const ext = r.extensions.filter((e) => e[0] !== 'x').sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [k, parts] of ext) {
      const sub = k === 'u' ? sortedKeywords(parts) : parts;
      s += '-' + k + (sub.length ? '-' + sub.join('-') : '');
    }
    for (const [k, parts] of r.extensions) if (k === 'x') s += '-x-' + parts.join('-');
    return s;
  }
  // A -u- extension's attributes, then its keywords by key (a `true` value left out).
  function sortedKeywords(parts) {
    let i = 0;
    const attrs = [];
    while (i < parts.length && parts[i].length > 2) attrs.push(parts[i++]);
    const kws = [];
    while (i < parts.length) {
      const key = parts[i++];
      const vals = [];
      while (i < parts.length && parts[i].length > 2) vals.push(parts[i++]);
      if (!kws.some((k) => k[0] === key)) kws.push([key, vals.length === 1 && vals[0] === 'true' ? [] : vals]);
    }
    kws.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return attrs.concat(...kws.map((k) => [k[0], ...k[1]]));
  }
  function canonicalTag(tag) {
    if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) {
      throw new TypeError('Language ID should be string or object.');
    }
    const l = Slots.get(tag);
    if (l !== undefined && l.kind === 'Locale') return l.tag;
    const r = parseTag(String(tag));
    if (r === undefined) throw new RangeError(`Incorrect locale information provided`);
    return tagString(r);
  }
  function canonicalizeLocaleList(locales) {
    if (locales === undefined) return [];
    if (typeof locales === 'string' || Slots.get(locales)?.kind === 'Locale') {
      return [canonicalTag(locales)];
    }
    const o = Object(locales);
    const len = Math.min(Number(o.length) || 0, 2 ** 32);
    const seen = [];
    for (let k = 0; k < len; k++) {
      if (!(k in o)) continue;
      const t = canonicalTag(o[k]);
      if (!seen.includes(t)) seen.push(t);
    }
    return seen;
  }
  // Only en-US data here: English tags are supported (as en-US), others are not.
  function supportedLocales(locales, options) {
    const list = canonicalizeLocaleList(locales);
    if (options !== undefined) {
      const m = getOption(Object(options), 'localeMatcher', ['lookup', 'best fit'], 'best fit');
      void m;
    }
    return list.filter((t) => {
      const r = parseTag(t);
      return r.language === 'en' && (r.region === undefined || r.region === 'US');
    });
  }
  function resolveLocale(locales) {
    canonicalizeLocaleList(locales);
    return LOCALE;
  }
  function staticSupported(ctor) {
    methods(ctor, {
      supportedLocalesOf(locales, options = undefined) { return supportedLocales(locales, options); },
    });
  }

  // ---- Options -------------------------------------------------------------------------
  function toOptions(options) {
    if (options === undefined) return create(null);
    if (options === null) throw new TypeError('Cannot convert undefined or null to object');
    return Object(options);
  }
  function getOption(o, name, values, fallback, ctorName) {
    let v = o[name];
    if (v === undefined) return fallback;
    if (values === 'boolean') return Boolean(v);
    v = String(v);
    if (values !== undefined && !values.includes(v)) {
      throw new RangeError(`Value ${v} out of range for ${ctorName || 'Intl'} options property ${name}`);
    }
    return v;
  }
  function getNumberOption(o, name, min, max, fallback) {
    const v = o[name];
    if (v === undefined) return fallback;
    const x = Number(v);
    if (!(x >= min && x <= max)) throw new RangeError(`${name} value is out of range.`);
    return floor(x);
  }
  // Enumerable own data properties, in order (resolvedOptions).
  function record(pairs) {
    const o = {};
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1] !== undefined) o[pairs[i]] = pairs[i + 1];
    return o;
  }

  // ---- Numbers: exact decimals as digit strings ----------------------------------------
  // { neg, digits, e, special }: the value is 0.<digits> * 10^e (digits without leading or
  // trailing zeros; '' is zero); special is 'nan' or 'inf'.
  function decimalOf(x) {
    if (typeof x === 'bigint') {
      const s = call(bigintToString, x);
      return fromDigits(s[0] === '-', s[0] === '-' ? s.slice(1) : s, 0);
    }
    if (typeof x === 'string') {
      const t = x.trim();
      const m = /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?$/.exec(t);
      if (m !== null) {
        const [ip, fp = ''] = m[2].split('.');
        return fromDigits(m[1] === '-', ip + fp, ip.length + Number(m[3] || 0) - (ip + fp).length);
      }
      x = Number(t);
    } else {
      x = Number(x);
    }
    if (x !== x) return { neg: false, digits: '', e: 0, special: 'nan' };
    const neg = x < 0 || (x === 0 && 1 / x < 0);
    if (x === Infinity || x === -Infinity) return { neg, digits: '', e: 0, special: 'inf' };
    const s = call(numberToString, neg ? -x : x);
    const [mant, ex = '0'] = s.split('e');
    const [ip, fp = ''] = mant.split('.');
    return fromDigits(neg, ip + fp, Number(ex) - fp.length);
  }
  // The decimal `digits` * 10^exp.
  function fromDigits(neg, digits, exp) {
    let start = 0;
    while (start < digits.length && digits[start] === '0') start++;
    let end = digits.length;
    while (end > start && digits[end - 1] === '0') end--;
    const d = digits.slice(start, end);
    return { neg, digits: d, e: d === '' ? 0 : digits.length - start + exp, special: undefined };
  }
  // Rounded (half away from zero) to `keep` digits from the first.
  function roundAt(x, keep) {
    if (keep >= x.digits.length) return x;
    if (keep < 0) return { neg: x.neg, digits: '', e: 0, special: undefined };
    const up = x.digits[keep] >= '5';
    let d = x.digits.slice(0, keep);
    let e = x.e;
    if (up) {
      let i = d.length - 1;
      while (i >= 0 && d[i] === '9') i--;
      if (i < 0) {
        d = '1';
        e += 1;
      } else {
        d = d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1);
      }
    }
    return fromDigits(x.neg, d, e - d.length);
  }
  const roundFraction = (x, maxFD) => roundAt(x, x.e + maxFD);
  const roundSignificant = (x, maxSD) => roundAt(x, maxSD);
  // Integer and fraction strings of `x` rounded as `s` says (digit options).
  function digitStrings(x, s) {
    let r;
    let minFrac;
    const bySignificant = () => {
      const y = roundSignificant(x, s.maxSD);
      return [y, y.digits === '' ? s.minSD - 1 : s.minSD - y.e];
    };
    const byFraction = () => [roundFraction(x, s.maxFD), s.minFD];
    if (s.rounding === 'significant') {
      [r, minFrac] = bySignificant();
    } else if (s.rounding === 'fraction') {
      [r, minFrac] = byFraction();
    } else {
      // morePrecision (compact): the rounding at the smaller magnitude.
      const sig = x.e - s.maxSD;
      [r, minFrac] = sig < -s.maxFD ? bySignificant() : byFraction();
    }
    const d = r.digits;
    let int = r.e > 0 ? d.slice(0, r.e) + '0'.repeat(Math.max(0, r.e - d.length)) : '';
    let frac = r.e >= 0 ? d.slice(r.e) : '0'.repeat(-r.e) + d;
    if (frac.length < minFrac) frac += '0'.repeat(minFrac - frac.length);
    if (int.length < s.minID) int = '0'.repeat(s.minID - int.length) + int;
    return { int, frac, zero: d === '', rounded: r };
  }
  function grouped(int, grouping) {
    if (grouping === false || int.length < 4 || (grouping === 'min2' && int.length < 5)) return [int];
    const groups = [];
    let i = int.length % 3 || 3;
    groups.push(int.slice(0, i));
    for (; i < int.length; i += 3) groups.push(int.slice(i, i + 3));
    return groups;
  }
  // en plural category of a formatted number (its visible digits).
  function pluralOf(int, frac) {
    return int === '1' && frac === '' ? 'one' : 'other';
  }
  function ordinalOf(int) {
    const n10 = Number(int.slice(-1));
    const n100 = Number(int.slice(-2));
    if (n10 === 1 && n100 !== 11) return 'one';
    if (n10 === 2 && n100 !== 12) return 'two';
    if (n10 === 3 && n100 !== 13) return 'few';
    return 'other';
  }

  // Currencies with en data: [symbol, narrow symbol, one, other, fraction digits].
  const CURRENCIES = {
    USD: ['$', '$', 'US dollar', 'US dollars', 2],
    EUR: ['€', '€', 'euro', 'euros', 2],
    GBP: ['£', '£', 'British pound', 'British pounds', 2],
    JPY: ['¥', '¥', 'Japanese yen', 'Japanese yen', 0],
    CHF: ['CHF', 'CHF', 'Swiss franc', 'Swiss francs', 2],
    CAD: ['CA$', '$', 'Canadian dollar', 'Canadian dollars', 2],
    AUD: ['A$', '$', 'Australian dollar', 'Australian dollars', 2],
    CNY: ['CN¥', '¥', 'Chinese yuan', 'Chinese yuan', 2],
    INR: ['₹', '₹', 'Indian rupee', 'Indian rupees', 2],
  };
  const COMPACT = {
    short: ['K', 'M', 'B', 'T'],
    long: [' thousand', ' million', ' billion', ' trillion'],
  };
  const UNITS = {
    "acre":["{0} ac","{0} ac","{0} acre","{0} acres","{0}ac","{0}ac"],
    "bit":["{0} bit","{0} bit","{0} bit","{0} bits","{0}bit","{0}bit"],
    "byte":["{0} byte","{0} byte","{0} byte","{0} bytes","{0}B","{0}B"],
    "celsius":["{0}°C","{0}°C","{0} degree Celsius","{0} degrees Celsius","{0}°C","{0}°C"],
    "centimeter":["{0} cm","{0} cm","{0} centimeter","{0} centimeters","{0}cm","{0}cm"],
    "day":["{0} day","{0} days","{0} day","{0} days","{0}d","{0}d"],
    "degree":["{0} deg","{0} deg","{0} degree","{0} degrees","{0}°","{0}°"],
    "fahrenheit":["{0}°F","{0}°F","{0} degree Fahrenheit","{0} degrees Fahrenheit","{0}°","{0}°"],
    "fluid-ounce":["{0} fl oz","{0} fl oz","{0} fluid ounce","{0} fluid ounces","{0}fl oz","{0}fl oz"],
    "foot":["{0} ft","{0} ft","{0} foot","{0} feet","{0}′","{0}′"],
    "gallon":["{0} gal","{0} gal","{0} gallon","{0} gallons","{0}gal","{0}gal"],
    "gigabit":["{0} Gb","{0} Gb","{0} gigabit","{0} gigabits","{0}Gb","{0}Gb"],
    "gigabyte":["{0} GB","{0} GB","{0} gigabyte","{0} gigabytes","{0}GB","{0}GB"],
    "gram":["{0} g","{0} g","{0} gram","{0} grams","{0}g","{0}g"],
    "hectare":["{0} ha","{0} ha","{0} hectare","{0} hectares","{0}ha","{0}ha"],
    "hour":["{0} hr","{0} hr","{0} hour","{0} hours","{0}h","{0}h"],
    "inch":["{0} in","{0} in","{0} inch","{0} inches","{0}″","{0}″"],
    "kilobit":["{0} kb","{0} kb","{0} kilobit","{0} kilobits","{0}kb","{0}kb"],
    "kilobyte":["{0} kB","{0} kB","{0} kilobyte","{0} kilobytes","{0}kB","{0}kB"],
    "kilogram":["{0} kg","{0} kg","{0} kilogram","{0} kilograms","{0}kg","{0}kg"],
    "kilometer":["{0} km","{0} km","{0} kilometer","{0} kilometers","{0}km","{0}km"],
    "liter":["{0} L","{0} L","{0} liter","{0} liters","{0}L","{0}L"],
    "megabit":["{0} Mb","{0} Mb","{0} megabit","{0} megabits","{0}Mb","{0}Mb"],
    "megabyte":["{0} MB","{0} MB","{0} megabyte","{0} megabytes","{0}MB","{0}MB"],
    "meter":["{0} m","{0} m","{0} meter","{0} meters","{0}m","{0}m"],
    "microsecond":["{0} μs","{0} μs","{0} microsecond","{0} microseconds","{0}μs","{0}μs"],
    "mile":["{0} mi","{0} mi","{0} mile","{0} miles","{0}mi","{0}mi"],
    "mile-scandinavian":["{0} smi","{0} smi","{0} mile-scandinavian","{0} miles-scandinavian","{0}smi","{0}smi"],
    "milliliter":["{0} mL","{0} mL","{0} milliliter","{0} milliliters","{0}mL","{0}mL"],
    "millimeter":["{0} mm","{0} mm","{0} millimeter","{0} millimeters","{0}mm","{0}mm"],
    "millisecond":["{0} ms","{0} ms","{0} millisecond","{0} milliseconds","{0}ms","{0}ms"],
    "minute":["{0} min","{0} min","{0} minute","{0} minutes","{0}m","{0}m"],
    "month":["{0} mth","{0} mths","{0} month","{0} months","{0}m","{0}m"],
    "nanosecond":["{0} ns","{0} ns","{0} nanosecond","{0} nanoseconds","{0}ns","{0}ns"],
    "ounce":["{0} oz","{0} oz","{0} ounce","{0} ounces","{0}oz","{0}oz"],
    "percent":["{0}%","{0}%","{0} percent","{0} percent","{0}%","{0}%"],
    "petabyte":["{0} PB","{0} PB","{0} petabyte","{0} petabytes","{0}PB","{0}PB"],
    "pound":["{0} lb","{0} lb","{0} pound","{0} pounds","{0}#","{0}#"],
    "second":["{0} sec","{0} sec","{0} second","{0} seconds","{0}s","{0}s"],
    "stone":["{0} st","{0} st","{0} stone","{0} stones","{0}st","{0}st"],
    "terabit":["{0} Tb","{0} Tb","{0} terabit","{0} terabits","{0}Tb","{0}Tb"],
    "terabyte":["{0} TB","{0} TB","{0} terabyte","{0} terabytes","{0}TB","{0}TB"],
    "week":["{0} wk","{0} wks","{0} week","{0} weeks","{0}w","{0}w"],
    "yard":["{0} yd","{0} yd","{0} yard","{0} yards","{0}yd","{0}yd"],
    "year":["{0} yr","{0} yrs","{0} year","{0} years","{0}y","{0}y"],
    "mile-per-hour":["{0} mph","{0} mph","{0} mile per hour","{0} miles per hour","{0}mph","{0}mph"],
    "mile-per-gallon":["{0} mpg","{0} mpg","{0} mile per gallon","{0} miles per gallon","{0}mpg","{0}mpg"],
  };
  function unitPatterns(unit) {
    const own = UNITS[unit];
    if (own !== undefined) return own;
    const per = unit.indexOf('-per-');
    if (per < 0) return undefined;
    const a = UNITS[unit.slice(0, per)];
    const b = UNITS[unit.slice(per + 5)];
    if (a === undefined || b === undefined) return undefined;
    const PER = { second: 's', hour: 'h', minute: 'min', day: 'd' };
    const b2 = unit.slice(per + 5);
    const bare = (pat) => (PER[b2] && !pat.includes(' per') ? PER[b2] : pat.replace('{0}', '').trim());
    return [
      a[0] + '/' + bare(b[0]), a[1] + '/' + bare(b[0]),
      a[2] + ' per ' + bare(b[2]), a[3] + ' per ' + bare(b[2]),
      a[4] + '/' + bare(b[4]), a[5] + '/' + bare(b[4]),
    ];
  }

  const NF = 'Intl.NumberFormat';
  function NumberFormat(locales = undefined, options = undefined) {
    const self = new.target === undefined ? create(NumberFormat.prototype) : this;
    const o = toOptions(options);
    const locale = resolveLocale(locales);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', NF);
    const nu = getOption(o, 'numberingSystem', undefined, undefined, NF);
    if (nu !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(nu)) {
      throw new RangeError('Invalid numberingSystem : ' + nu);
    }
    const style = getOption(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal', NF);
    let currency = getOption(o, 'currency', undefined, undefined, NF);
    if (currency !== undefined) {
      if (!/^[a-z]{3}$/i.test(currency)) throw new RangeError('Invalid currency code : ' + currency);
      currency = currency.toUpperCase();
    }
    const currencyDisplay = getOption(o, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol', NF);
    const currencySign = getOption(o, 'currencySign', ['standard', 'accounting'], 'standard', NF);
    const unit = getOption(o, 'unit', undefined, undefined, NF);
    if (unit !== undefined && unitPatterns(unit) === undefined) throw new RangeError('Invalid unit argument for Intl.NumberFormat() \'' + unit + '\'');
    const unitDisplay = getOption(o, 'unitDisplay', ['short', 'narrow', 'long'], 'short', NF);
    if (style === 'currency' && currency === undefined) throw new TypeError('Currency code is required with currency style.');
    if (style === 'unit' && unit === undefined) throw new TypeError('Unit is required with unit style.');
    const notation = getOption(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard', NF);
    const cDigits = style === 'currency' ? (CURRENCIES[currency] ? CURRENCIES[currency][4] : 2) : 0;
    const defMin = style === 'currency' && notation !== 'compact' ? cDigits : 0;
    const defMax = style === 'currency' && notation !== 'compact' ? cDigits
      : style === 'percent' ? 0 : 3;
    const minID = getNumberOption(o, 'minimumIntegerDigits', 1, 21, 1);
    const mnfd = o.minimumFractionDigits;
    const mxfd = o.maximumFractionDigits;
    const mnsd = o.minimumSignificantDigits;
    const mxsd = o.maximumSignificantDigits;
    const s = { minID, minFD: 0, maxFD: 0, minSD: undefined, maxSD: undefined, rounding: 'fraction' };
    const hasSD = mnsd !== undefined || mxsd !== undefined;
    const hasFD = mnfd !== undefined || mxfd !== undefined;
    let priority = 'auto';
    if (hasSD) {
      s.minSD = getNumberOption(o, 'minimumSignificantDigits', 1, 21, 1);
      s.maxSD = getNumberOption(o, 'maximumSignificantDigits', s.minSD, 21, 21);
      s.rounding = 'significant';
    }
    if (hasFD || !hasSD) {
      if (hasFD || notation !== 'compact') {
        let mn = getNumberOption(o, 'minimumFractionDigits', 0, 100, undefined);
        let mx = getNumberOption(o, 'maximumFractionDigits', 0, 100, undefined);
        if (mn === undefined) mn = Math.min(defMin, mx === undefined ? defMin : mx);
        else if (mx === undefined) mx = Math.max(defMax, mn);
        else if (mn > mx) throw new RangeError('maximumFractionDigits value is out of range.');
        if (mx === undefined) mx = Math.max(defMax, mn);
        s.minFD = mn;
        s.maxFD = mx;
      }
    }
    if (!hasSD && !hasFD && notation === 'compact') {
      s.minSD = 1;
      s.maxSD = 2;
      s.minFD = 0;
      s.maxFD = 0;
      s.rounding = 'more';
      priority = 'morePrecision';
    } else if (hasSD && !hasFD) {
      s.minFD = undefined;
      s.maxFD = undefined;
    }
    const compactDisplay = getOption(o, 'compactDisplay', ['short', 'long'], 'short', NF);
    const defGrouping = notation === 'compact' ? 'min2' : 'auto';
    let g = o.useGrouping;
    let grouping;
    if (g === undefined) grouping = defGrouping;
    else if (g === true) grouping = 'always';
    else if (g === false || g === null || g === 0 || g === '' || g !== g) grouping = false;
    else {
      g = String(g);
      if (g === 'true' || g === 'false') grouping = defGrouping;
      else if (['min2', 'auto', 'always'].includes(g)) grouping = g;
      else throw new RangeError(`Value ${g} out of range for ${NF} options property useGrouping`);
    }
    const signDisplay = getOption(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto', NF);
    new Slots(self, {
      kind: 'NumberFormat', locale, style, currency, currencyDisplay, currencySign, unit,
      unitDisplay, notation, compactDisplay, grouping, signDisplay, digits: s, priority,
      bound: undefined,
    });
    return self;
  }

  // The parts of `x` formatted as `f` (a NumberFormat's slots) says.
  function numberParts(f, x) {
    const d = decimalOf(x);
    const parts = [];
    const push = (type, value) => parts.push({ type, value });
    let body = [];
    const bpush = (type, value) => body.push({ type, value });
    let zero = true;
    let plural = 'other';
    if (d.special === 'nan') {
      bpush('nan', 'NaN');
    } else if (d.special === 'inf') {
      bpush('infinity', '∞');
      zero = false;
    } else {
      let x2 = d;
      if (f.style === 'percent') x2 = fromDigits(d.neg, d.digits, d.e - d.digits.length + 2);
      let exp;
      let compact;
      if (f.notation === 'compact') {
        let k = 0;
        for (;;) {
          const mag = x2.digits === '' ? 0 : x2.e - 1;
          k = mag >= 3 ? Math.min(floor(mag / 3), 4) : 0;
          const scaled = fromDigits(x2.neg, x2.digits, x2.e - x2.digits.length - 3 * k);
          const ds = digitStrings(scaled, f.digits);
          if (k < 4 && ds.rounded.e - 1 >= 3 && ds.rounded.e - 1 + 3 * k > mag) {
            x2 = fromDigits(x2.neg, ds.rounded.digits, ds.rounded.e - ds.rounded.digits.length + 3 * k);
            continue;
          }
          compact = [k, ds];
          break;
        }
      } else if (f.notation === 'scientific' || f.notation === 'engineering') {
        let mag = x2.digits === '' ? 0 : x2.e - 1;
        for (let pass = 0; pass < 2; pass++) {
          let e = mag;
          if (f.notation === 'engineering') e = mag - (((mag % 3) + 3) % 3);
          const scaled = fromDigits(x2.neg, x2.digits, x2.e - x2.digits.length - e);
          const ds = digitStrings(scaled, f.digits);
          if (pass === 0 && ds.rounded.digits !== '' && ds.rounded.e - 1 + e > mag) {
            mag = ds.rounded.e - 1 + e;
            continue;
          }
          exp = [e, ds];
          break;
        }
      }
      const ds = compact ? compact[1] : exp ? exp[1] : digitStrings(x2, f.digits);
      zero = ds.zero;
      for (const [i, group] of grouped(ds.int === '' ? '0' : ds.int, f.grouping).entries()) {
        if (i > 0) bpush('group', ',');
        bpush('integer', group);
      }
      if (ds.frac !== '') {
        bpush('decimal', '.');
        bpush('fraction', ds.frac);
      }
      plural = pluralOf(ds.int === '' ? '0' : ds.int, ds.frac);
      if (compact && compact[0] > 0) {
        const suffix = COMPACT[f.compactDisplay][compact[0] - 1];
        if (suffix[0] === ' ') bpush('literal', ' ');
        bpush('compact', suffix.trim());
        plural = 'other';
      }
      if (exp) {
        bpush('exponentSeparator', 'E');
        if (exp[0] < 0) bpush('exponentMinusSign', '-');
        bpush('exponentInteger', String(abs(exp[0])));
      }
    }
    const neg = d.neg;
    let sign = '';
    switch (f.signDisplay) {
      case 'auto': sign = neg ? '-' : ''; break;
      case 'always': sign = neg ? '-' : '+'; break;
      case 'exceptZero': sign = zero || d.special === 'nan' ? '' : neg ? '-' : '+'; break;
      case 'negative': sign = neg && !zero ? '-' : ''; break;
      default: sign = '';
    }
    const accounting = f.style === 'currency' && f.currencySign === 'accounting' && sign === '-';
    const signPart = () => {
      if (sign === '-' && !accounting) push('minusSign', '-');
      else if (sign === '+') push('plusSign', '+');
    };
    if (f.style === 'percent') {
      body.push({ type: 'percentSign', value: '%' });
    }
    if (f.style === 'currency') {
      const c = CURRENCIES[f.currency];
      if (f.currencyDisplay === 'name') {
        signPart();
        parts.push(...body);
        push('literal', ' ');
        push('currency', c ? (plural === 'one' ? c[2] : c[3]) : f.currency);
        return parts;
      }
      const sym = f.currencyDisplay === 'code' || !c ? f.currency
        : f.currencyDisplay === 'narrowSymbol' ? c[1] : c[0];
      if (accounting) push('literal', '(');
      signPart();
      push('currency', sym);
      if (/[A-Za-z]$/.test(sym) && /^[0-9]/.test(body[0].value)) push('literal', '\u00a0');
      parts.push(...body);
      if (accounting) push('literal', ')');
      return parts;
    }
    if (f.style === 'unit') {
      const pats = unitPatterns(f.unit);
      const at = (f.unitDisplay === 'short' ? 0 : f.unitDisplay === 'long' ? 2 : 4) + (plural === 'one' ? 0 : 1);
      const pat = pats[at];
      const i = pat.indexOf('{0}');
      const before = pat.slice(0, i);
      const after = pat.slice(i + 3);
      if (before) push('unit', before);
      signPart();
      parts.push(...body);
      if (after) {
        const m = /^(\s*)(.*)$/.exec(after);
        if (m[1]) push('literal', m[1]);
        if (m[2]) push('unit', m[2]);
      }
      return parts;
    }
    signPart();
    parts.push(...body);
    return parts;
  }
  // ToPrimitive with the number hint.
  function toPrimitive(x) {
    const exotic = x[Symbol.toPrimitive];
    if (exotic !== undefined && exotic !== null) {
      const v = call(exotic, x, 'number');
      if (typeof v !== 'object' || v === null) return v;
      throw new TypeError('Cannot convert object to primitive value');
    }
    for (const name of ['valueOf', 'toString']) {
      const f = x[name];
      if (typeof f === 'function') {
        const v = call(f, x);
        if (typeof v !== 'object' || v === null) return v;
      }
    }
    throw new TypeError('Cannot convert object to primitive value');
  }
  const joinParts = (parts) => parts.map((q) => q.value).join('');
  function toNumeric(x) {
    if (typeof x === 'bigint' || typeof x === 'string') return x;
    if (typeof x === 'object' && x !== null) {
      const prim = toPrimitive(x);
      return typeof prim === 'bigint' || typeof prim === 'string' ? prim : Number(prim);
    }
    return Number(x);
  }

  // formatRange's parts: ICU's en range pattern. Equal results are one approximate value; a
  // unit (or currency name) shared by two unsigned numbers is said once after them ("1–5 km");
  // two plain unsigned numbers take a bare en dash, anything else " – ".
  function rangeParts(f, start, end) {
    if (start === undefined) throw new TypeError('Invalid start : undefined');
    if (end === undefined) throw new TypeError('Invalid end : undefined');
    const a = toNumeric(start);
    const b = toNumeric(end);
    if (decimalOf(a).special === 'nan') throw new RangeError(`Invalid start : ${String(a)}`);
    if (decimalOf(b).special === 'nan') throw new RangeError(`Invalid end : ${String(b)}`);
    const pa = numberParts(f, a);
    const pb = numberParts(f, b);
    const source = (parts, src) => parts.map((q) => ({ type: q.type, value: q.value, source: src }));
    if (joinParts(pa) === joinParts(pb)) {
      return [{ type: 'approximatelySign', value: '~', source: 'shared' }, ...source(pa, 'shared')];
    }
    const NUMBER = ['integer', 'group', 'decimal', 'fraction', 'nan', 'infinity'];
    const first = (parts) => parts.findIndex((q) => NUMBER.includes(q.type));
    const after = (parts) => {
      let i = parts.length;
      while (i > 0 && !NUMBER.includes(parts[i - 1].type)) i--;
      return i;
    };
    const signed = (parts) => parts.some((q) => q.type === 'minusSign' || q.type === 'plusSign');
    // The affixes said once: units (but a percent sign) and currencies written in letters.
    const collapses = (parts) => parts.some((q) => (q.type === 'unit' && q.value !== '%') || (q.type === 'currency' && /^[A-Za-z]/.test(q.value)));
    const ia = after(pa);
    const ib = after(pb);
    if (collapses(pa.slice(ia)) && collapses(pb.slice(ib))) {
      const dash = signed(pa) || signed(pb) ? ' – ' : '–';
      return [...source(pa.slice(0, ia), 'startRange'), { type: 'literal', value: dash, source: 'shared' },
        ...source(pb.slice(0, ib), 'endRange'), ...source(pb.slice(ib), 'shared')];
    }
    const fa = first(pa);
    const fb = first(pb);
    if (!signed(pa) && !signed(pb) && collapses(pa.slice(0, fa)) && collapses(pb.slice(0, fb))) {
      return [...source(pa.slice(0, fa), 'shared'), ...source(pa.slice(fa), 'startRange'),
        { type: 'literal', value: '–', source: 'shared' }, ...source(pb.slice(fb), 'endRange')];
    }
    const affixed = (parts) => parts.some((q) => ['minusSign', 'plusSign', 'currency', 'percentSign', 'compact', 'exponentSeparator', 'unit'].includes(q.type));
    const dash = !affixed(pa) && !affixed(pb) ? '–' : ' – ';
    return [...source(pa, 'startRange'), { type: 'literal', value: dash, source: 'shared' }, ...source(pb, 'endRange')];
  }

  methods(NumberFormat.prototype, {
    formatRange(start, end) {
      return joinParts(rangeParts(slotsOf(this, 'NumberFormat', 'Intl.NumberFormat.prototype.formatRange'), start, end));
    },
    formatRangeToParts(start, end) {
      return rangeParts(slotsOf(this, 'NumberFormat', 'Intl.NumberFormat.prototype.formatRangeToParts'), start, end);
    },
    get format() {
      const s = slotsOf(this, 'NumberFormat', 'get Intl.NumberFormat.prototype.format');
      if (s.bound === undefined) {
        s.bound = (value) => joinParts(numberParts(s, toNumeric(value)));
      }
      return s.bound;
    },
    formatToParts(value) {
      const s = slotsOf(this, 'NumberFormat', 'Intl.NumberFormat.prototype.formatToParts');
      return numberParts(s, toNumeric(value));
    },
    resolvedOptions() {
      const s = slotsOf(this, 'NumberFormat', 'Intl.NumberFormat.prototype.resolvedOptions');
      const d = s.digits;
      const cur = s.style === 'currency';
      const sig = d.rounding !== 'fraction';
      return record([
        'locale', s.locale, 'numberingSystem', 'latn', 'style', s.style,
        'currency', cur ? s.currency : undefined,
        'currencyDisplay', cur ? s.currencyDisplay : undefined,
        'currencySign', cur ? s.currencySign : undefined,
        'unit', s.style === 'unit' ? s.unit : undefined,
        'unitDisplay', s.style === 'unit' ? s.unitDisplay : undefined,
        'minimumIntegerDigits', d.minID,
        'minimumSignificantDigits', sig ? d.minSD : undefined,
        'maximumSignificantDigits', sig ? d.maxSD : undefined,
        'minimumFractionDigits', d.minFD, 'maximumFractionDigits', d.maxFD,
        'useGrouping', s.grouping, 'notation', s.notation,
        'compactDisplay', s.notation === 'compact' ? s.compactDisplay : undefined,
        'signDisplay', s.signDisplay, 'roundingMode', 'halfExpand', 'roundingIncrement', 1,
        'trailingZeroDisplay', 'auto', 'roundingPriority', s.priority,
      ]);
    },
  });
  tag(NumberFormat.prototype, 'Intl.NumberFormat');
  staticSupported(NumberFormat);

  // ---- Dates ---------------------------------------------------------------------------
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const DTF = 'Intl.DateTimeFormat';
  // Time zones: UTC and the process's local zone (its offsets from the engine's Date).
  function canonicalZone(tz) {
    const local = localTimeZone();
    if (tz === undefined) return local;
    const t = String(tz);
    const u = t.toUpperCase();
    if (['UTC', 'ETC/UTC', 'GMT', 'ETC/GMT', 'ETC/UCT', 'UCT', 'ETC/UNIVERSAL', 'UNIVERSAL', 'ETC/ZULU', 'ZULU', 'ETC/GMT0', 'GMT0', 'ETC/GREENWICH', 'GREENWICH'].includes(u)) return 'UTC';
    if (u === local.toUpperCase()) return local;
    if (!n.knownZone(t)) throw new RangeError(`Invalid time zone specified: ${t}`);
    throw new RangeError(`Time zone ${t} is not supported: jsvm formats in UTC and the local time zone (${local}) only`);
  }
  // Minutes east of UTC at time `t` in zone `zone`.
  function offsetAt(zone, t) {
    if (zone === 'UTC') return 0;
    return -call(tzOffsetOf, new Date(t));
  }
  function fieldsAt(zone, t) {
    const off = offsetAt(zone, t);
    const d = new Date(t + off * 60000);
    const v = utcParts.map((f) => call(f, d));
    return { year: v[0], month: v[1], day: v[2], weekday: v[3], hour: v[4], minute: v[5],
      second: v[6], ms: v[7], off };
  }
  function zoneName(zone, off, style) {
    if (zone === 'UTC') {
      return style === 'long' ? 'Coordinated Universal Time' : 'UTC';
    }
    if (off === 0) return 'GMT';
    const h = floor(abs(off) / 60);
    const m = abs(off) % 60;
    const sign = off < 0 ? '-' : '+';
    if (style === 'long' || style === 'longOffset') {
      return `GMT${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    }
    return `GMT${sign}${h}${m ? ':' + String(m).padStart(2, '0') : ''}`;
  }

  const DATE_FIELDS = ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute',
    'second', 'fractionalSecondDigits', 'timeZoneName'];
  const FIELD_VALUES = {
    weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'],
    year: ['2-digit', 'numeric'], month: ['2-digit', 'numeric', 'narrow', 'short', 'long'],
    day: ['2-digit', 'numeric'], dayPeriod: ['narrow', 'short', 'long'],
    hour: ['2-digit', 'numeric'], minute: ['2-digit', 'numeric'], second: ['2-digit', 'numeric'],
    timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
  };
  const STYLES = ['full', 'long', 'medium', 'short'];

  // required: 'date' | 'time' | 'any'; defaults: 'date' | 'time' | 'all'.
  function makeDateTimeFormat(self, locales, options, required, defaults) {
    const o = toOptions(options);
    const locale = resolveLocale(locales);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', DTF);
    const calendar = getOption(o, 'calendar', undefined, undefined, DTF);
    if (calendar !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(calendar)) throw new RangeError('Invalid calendar : ' + calendar);
    const nu = getOption(o, 'numberingSystem', undefined, undefined, DTF);
    if (nu !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(nu)) throw new RangeError('Invalid numberingSystem : ' + nu);
    const hour12 = getOption(o, 'hour12', 'boolean', undefined, DTF);
    let hourCycle = getOption(o, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], undefined, DTF);
    // hour12: false is h24 for en-US in Node 20 (V8 11.3 prints midnight as 24:00).
    if (hour12 !== undefined) hourCycle = hour12 ? 'h12' : 'h24';
    const timeZone = canonicalZone(o.timeZone);
    const f = { kind: 'DateTimeFormat', locale, timeZone, hourCycle: undefined, bound: undefined,
      dateStyle: undefined, timeStyle: undefined };
    let any = false;
    for (const k of DATE_FIELDS) {
      let v;
      if (k === 'fractionalSecondDigits') {
        v = getNumberOption(o, k, 1, 3, undefined);
      } else {
        v = getOption(o, k, FIELD_VALUES[k], undefined, DTF);
      }
      f[k] = v;
      if (v !== undefined) any = true;
    }
    getOption(o, 'formatMatcher', ['basic', 'best fit'], 'best fit', DTF);
    f.dateStyle = getOption(o, 'dateStyle', STYLES, undefined, DTF);
    f.timeStyle = getOption(o, 'timeStyle', STYLES, undefined, DTF);
    if (f.dateStyle !== undefined || f.timeStyle !== undefined) {
      if (any) {
        const k = DATE_FIELDS.find((name) => f[name] !== undefined);
        throw new TypeError(`Can't set option ${k} when ${f.dateStyle !== undefined ? 'dateStyle' : 'timeStyle'} is used`);
      }
      if (required === 'date' && f.dateStyle === undefined) throw new TypeError("Invalid option : timeStyle");
      if (required === 'time' && f.timeStyle === undefined) throw new TypeError("Invalid option : dateStyle");
      if (f.timeStyle !== undefined) f.hourCycle = hourCycle === 'h23' || hourCycle === 'h24' ? 'h23' : 'h12';
      return f;
    }
    let need = true;
    if (required !== 'time' && ['weekday', 'year', 'month', 'day'].some((k) => f[k] !== undefined)) need = false;
    if (required !== 'date' && ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'].some((k) => f[k] !== undefined)) need = false;
    if (need && (defaults === 'date' || defaults === 'all')) {
      f.year = f.month = f.day = 'numeric';
    }
    if (need && (defaults === 'time' || defaults === 'all')) {
      f.hour = f.minute = f.second = 'numeric';
    }
    if (f.hour !== undefined) {
      f.hourCycle = hourCycle === undefined ? 'h12' : hourCycle;
      if (f.minute !== undefined) f.minute = '2-digit';
      if (f.second !== undefined) f.second = '2-digit';
      if (f.hourCycle === 'h23' || f.hourCycle === 'h24') f.hour = '2-digit';
    } else if (f.minute !== undefined && f.second !== undefined) {
      f.second = '2-digit';
    }
    if (f.month === '2-digit' || f.month === 'numeric') {
      if (f.day !== undefined && f.year !== undefined) {
        // M/d/y: 2-digit month and day go together.
      }
    }
    return f;
  }

  const pad2 = (v) => String(v).padStart(2, '0');
  // The parts of time value `t` formatted as `f` says.
  function dateParts(f, t) {
    const x = fieldsAt(f.timeZone, t);
    const parts = [];
    const push = (type, value) => parts.push({ type, value });
    const lit = (value) => push('literal', value);
    let date = f;
    let time = f;
    let joinAt = false;
    if (f.dateStyle !== undefined || f.timeStyle !== undefined) {
      const ds = f.dateStyle;
      const ts = f.timeStyle;
      date = ds === 'full' ? { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }
        : ds === 'long' ? { month: 'long', day: 'numeric', year: 'numeric' }
          : ds === 'medium' ? { month: 'short', day: 'numeric', year: 'numeric' }
            : ds === 'short' ? { month: 'numeric', day: 'numeric', year: '2-digit' } : {};
      time = ts === undefined ? {} : { hour: 'numeric', minute: '2-digit',
        second: ts === 'short' ? undefined : '2-digit',
        timeZoneName: ts === 'full' ? 'long' : ts === 'long' ? 'short' : undefined,
        hourCycle: f.hourCycle };
      if (time.hourCycle === 'h23') time.hour = '2-digit';
      joinAt = ds === 'full' || ds === 'long';
    }
    const month = (w) => (w === 'numeric' ? String(x.month + 1) : w === '2-digit' ? pad2(x.month + 1)
      : w === 'long' ? MONTHS[x.month] : w === 'short' ? MONTHS[x.month].slice(0, 3) : MONTHS[x.month][0]);
    const weekday = (w) => (w === 'long' ? DAYS[x.weekday] : w === 'short' ? DAYS[x.weekday].slice(0, 3) : DAYS[x.weekday][0]);
    const yearOf = (w) => {
      const y = x.year <= 0 ? 1 - x.year : x.year;
      return w === '2-digit' ? pad2(y % 100) : String(y);
    };
    const day = (w) => (w === '2-digit' ? pad2(x.day) : String(x.day));
    const era = (w) => (x.year <= 0 ? (w === 'long' ? 'Before Christ' : w === 'short' ? 'BC' : 'B') : (w === 'long' ? 'Anno Domini' : w === 'short' ? 'AD' : 'A'));
    const hasDate = date.weekday || date.year || date.month || date.day || date.era;
    if (hasDate) {
      const textual = date.month === 'long' || date.month === 'short' || date.month === 'narrow';
      if (date.weekday) {
        push('weekday', weekday(date.weekday));
        if (date.year || date.month || date.day) lit(', ');
      }
      if (textual) {
        push('month', month(date.month));
        if (date.day) {
          lit(' ');
          push('day', day(date.day));
        }
        if (date.year) {
          lit(date.day ? ', ' : ' ');
          push('year', yearOf(date.year));
        }
      } else {
        const seq = [];
        if (date.month) seq.push(['month', month(date.month)]);
        if (date.day) seq.push(['day', day(date.day)]);
        if (date.year) seq.push(['year', yearOf(date.year)]);
        seq.forEach(([type, value], i) => {
          if (i > 0) lit('/');
          push(type, value);
        });
      }
      if (date.era) {
        lit(' ');
        push('era', era(date.era));
      }
    }
    const hasTime = time.hour || time.minute || time.second || time.fractionalSecondDigits;
    if (hasTime) {
      // A weekday alone goes before the time with a space ("Thursday 12 AM").
      const weekdayOnly = date.weekday && !date.year && !date.month && !date.day && !date.era;
      if (hasDate) lit(joinAt ? ' at ' : weekdayOnly ? ' ' : ', ');
      const h12 = time.hourCycle === 'h12' || time.hourCycle === 'h11';
      const first = [];
      if (time.hour) {
        let h = x.hour;
        if (time.hourCycle === 'h12') h = h % 12 === 0 ? 12 : h % 12;
        else if (time.hourCycle === 'h11') h %= 12;
        else if (time.hourCycle === 'h24') h = h === 0 ? 24 : h;
        first.push(['hour', time.hour === '2-digit' ? pad2(h) : String(h)]);
      }
      if (time.minute) first.push(['minute', time.hour || time.second ? pad2(x.minute) : String(x.minute)]);
      if (time.second) first.push(['second', time.hour || time.minute ? pad2(x.second) : String(x.second)]);
      first.forEach(([type, value], i) => {
        if (i > 0) lit(':');
        push(type, value);
      });
      if (time.fractionalSecondDigits) {
        if (first.length) lit('.');
        push('fractionalSecond', String(x.ms).padStart(3, '0').slice(0, time.fractionalSecondDigits));
      }
      if (time.hour && h12) {
        // ICU 73's narrow no-break space; V8's format() prints it as a space, its parts keep it.
        lit('\u202f');
        push('dayPeriod', x.hour < 12 ? 'AM' : 'PM');
      }
    }
    if (time.timeZoneName) {
      lit(hasTime ? ' ' : hasDate ? ', ' : '');
      push('timeZoneName', zoneName(f.timeZone, x.off, time.timeZoneName));
    }
    if (parts.length && parts[0].type === 'literal' && parts[0].value === '') parts.shift();
    return parts;
  }
  const dateString = (f, t) => joinParts(dateParts(f, t)).replace(/\u202f/g, ' ');
  function timeValueOf(date) {
    const t = date === undefined ? dateNow() : Number(typeof date === 'object' && date !== null ? toPrimitive(date) : date);
    const v = Number.isFinite(t) && abs(t) <= 8.64e15 ? (t < 0 ? -floor(-t) : floor(t)) + 0 : NaN;
    if (v !== v) throw new RangeError('Invalid time value');
    return v;
  }

  // formatRange's parts, by ICU's en interval patterns: what both ends share is said once.
  function dateRangeParts(f, a, b) {
    const x = fieldsAt(f.timeZone, a);
    const y = fieldsAt(f.timeZone, b);
    const src = (parts, source) => parts.map((q) => ({ type: q.type, value: q.value, source }));
    const lit = (value) => ({ type: 'literal', value, source: 'shared' });
    const styled = f.dateStyle !== undefined || f.timeStyle !== undefined;
    const has = (k) => f[k] !== undefined;
    const dateShown = styled ? f.dateStyle !== undefined : ['weekday', 'year', 'month', 'day', 'era'].some(has);
    const timeShown = styled ? f.timeStyle !== undefined : ['hour', 'minute', 'second', 'fractionalSecondDigits'].some(has);
    const sameDay = x.year === y.year && x.month === y.month && x.day === y.day;
    // ICU 73's thin spaces around the dash (format() keeps them, unlike its U+202F).
    const DASH = '\u2009–\u2009';
    const full = (g) => [...src(dateParts(g, a), 'startRange'), lit(DASH), ...src(dateParts(g, b), 'endRange')];
    // The same text at both ends, of the same day (or year, for dates without a time): one.
    // (A day shown without its year: different years show it.)
    const yearHidden = !styled && f.year === undefined && f.day !== undefined;
    if (dateString(f, a) === dateString(f, b) && (!yearHidden || x.year === y.year) && (!timeShown || sameDay)) {
      return src(dateParts(f, a), 'shared');
    }
    if (timeShown && sameDay) {
      // The date once, then the times (a shared day period said after the end).
      const time = styled ? { ...f, dateStyle: undefined } : { ...f, weekday: undefined, era: undefined, year: undefined, month: undefined, day: undefined };
      const ta = dateParts(time, a);
      const tb = dateParts(time, b);
      const period = (parts) => parts.find((q) => q.type === 'dayPeriod');
      const pa = period(ta);
      const pb = period(tb);
      let start = ta;
      let end = src(tb, 'endRange');
      const seconds = ta.some((q) => q.type === 'second');
      if (pa && pb && pa.value === pb.value && !seconds) {
        start = ta.slice(0, ta.indexOf(pa) - 1);
        const j = tb.indexOf(pb) - 1;
        end = [...src(tb.slice(0, j), 'endRange'), ...src(tb.slice(j), 'shared')];
      }
      const head = [];
      if (dateShown) {
        const dateOnly = styled ? { ...f, timeStyle: undefined } : { ...f, hour: undefined, minute: undefined, second: undefined, fractionalSecondDigits: undefined, timeZoneName: undefined };
        head.push(...src(dateParts(dateOnly, a), 'shared'), lit(', '));
      }
      return [...head, ...src(start, 'startRange'), lit(DASH), ...end];
    }
    if (timeShown) {
      // Different days: each end with its date.
      return full(dateShown ? f : { ...f, dateStyle: undefined, timeStyle: undefined, year: 'numeric', month: 'numeric', day: 'numeric', ...(styled ? { hour: 'numeric', minute: '2-digit', second: f.timeStyle === 'short' ? undefined : '2-digit', hourCycle: f.hourCycle } : {}) });
    }
    const d = styled ? { full: { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }, long: { month: 'long', day: 'numeric', year: 'numeric' }, medium: { month: 'short', day: 'numeric', year: 'numeric' }, short: { month: 'numeric', day: 'numeric', year: '2-digit' } }[f.dateStyle] : f;
    const textual = d.month === 'long' || d.month === 'short' || d.month === 'narrow';
    const g = { ...f, dateStyle: undefined, timeStyle: undefined, weekday: d.weekday, era: d.era, year: d.year, month: d.month, day: d.day };
    if (!textual || d.era !== undefined) return full(g);
    if (x.year !== y.year && (g.year || g.day)) return full({ ...g, year: g.year || 'numeric' });
    const yearPart = () => (g.year ? [lit(g.day ? ', ' : ' '), ...src(dateParts({ ...g, weekday: undefined, month: undefined, day: undefined }, a), 'shared')] : []);
    const noYear = { ...g, year: undefined };
    if (g.day && !g.weekday && x.month === y.month) {
      return [...src(dateParts({ ...noYear, day: undefined }, a), 'shared'), lit(' '), ...src(dateParts({ ...noYear, month: undefined }, a), 'startRange'), lit(DASH), ...src(dateParts({ ...noYear, month: undefined }, b), 'endRange'), ...yearPart()];
    }
    return [...src(dateParts(noYear, a), 'startRange'), lit(DASH), ...src(dateParts(noYear, b), 'endRange'), ...yearPart()];
  }

  function DateTimeFormat(locales = undefined, options = undefined) {
    const self = new.target === undefined ? create(DateTimeFormat.prototype) : this;
    new Slots(self, makeDateTimeFormat(self, locales, options, 'any', 'date'));
    return self;
  }
  methods(DateTimeFormat.prototype, {
    get format() {
      const s = slotsOf(this, 'DateTimeFormat', 'get Intl.DateTimeFormat.prototype.format');
      if (s.bound === undefined) s.bound = (date) => dateString(s, timeValueOf(date));
      return s.bound;
    },
    formatToParts(date) {
      const s = slotsOf(this, 'DateTimeFormat', 'Intl.DateTimeFormat.prototype.formatToParts');
      return dateParts(s, timeValueOf(date));
    },
    formatRange(start, end) {
      const s = slotsOf(this, 'DateTimeFormat', 'Intl.DateTimeFormat.prototype.formatRange');
      if (start === undefined || end === undefined) throw new TypeError('Invalid time value');
      const parts = dateRangeParts(s, timeValueOf(start), timeValueOf(end));
      const text = joinParts(parts);
      // One date is printed as format() prints it (a space for U+202F); a range keeps it.
      return parts.every((q) => q.source === 'shared') ? text.replace(/\u202f/g, ' ') : text;
    },
    formatRangeToParts(start, end) {
      const s = slotsOf(this, 'DateTimeFormat', 'Intl.DateTimeFormat.prototype.formatRangeToParts');
      if (start === undefined || end === undefined) throw new TypeError('Invalid time value');
      return dateRangeParts(s, timeValueOf(start), timeValueOf(end));
    },
    resolvedOptions() {
      const s = slotsOf(this, 'DateTimeFormat', 'Intl.DateTimeFormat.prototype.resolvedOptions');
      const hc = s.hourCycle;
      return record([
        'locale', s.locale, 'calendar', 'gregory', 'numberingSystem', 'latn', 'timeZone', s.timeZone,
        'hourCycle', hc, 'hour12', hc === undefined ? undefined : hc === 'h12' || hc === 'h11',
        'weekday', s.weekday, 'era', s.era, 'year', s.year, 'month', s.month, 'day', s.day,
        'dayPeriod', s.dayPeriod, 'hour', s.hour, 'minute', s.minute, 'second', s.second,
        'fractionalSecondDigits', s.fractionalSecondDigits, 'timeZoneName', s.timeZoneName,
        'dateStyle', s.dateStyle, 'timeStyle', s.timeStyle,
      ]);
    },
  });
  tag(DateTimeFormat.prototype, 'Intl.DateTimeFormat');
  staticSupported(DateTimeFormat);

  // Date.prototype.toLocale*String as V8 has them: a format made per call.
  function dateToLocale(required, defaults) {
    return function (locales = undefined, options = undefined) {
      const t = call(dateValue, this);
      if (t !== t) return 'Invalid Date';
      const f = makeDateTimeFormat(undefined, locales, options, required, defaults);
      return dateString(f, t);
    };
  }

  // ---- Collator ------------------------------------------------------------------------
  // Three levels as the root collation orders them: base letters (and digits, punctuation,
  // symbols, space, each class before the next), then accents, then case (lower first).
  const MARK = /\p{M}/u;
  const LETTER = /[\p{L}]/u;
  const DIGIT = /\p{Nd}/u;
  const SPACE = /[\p{Z}\s\p{Cc}]/u;
  const PUNCT = /\p{P}/u;
  // The root collation's order of ASCII spaces, punctuation and symbols.
  const ASCII_ORDER = '\t\n\v\f\r _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
  function collationKeys(s, c) {
    const prim = [];
    const sec = [];
    const ter = [];
    const chars = [...s.normalize('NFD')];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (MARK.test(ch)) {
        if (sec.length) sec[sec.length - 1] += ch;
        continue;
      }
      if (c.ignorePunctuation && (PUNCT.test(ch) || SPACE.test(ch))) continue;
      if (c.numeric && DIGIT.test(ch)) {
        let j = i;
        let run = '';
        while (j < chars.length && DIGIT.test(chars[j])) run += chars[j++];
        const digits = run.replace(/^0+/, '') || '0';
        prim.push([3, digits.length, digits]);
        sec.push('');
        ter.push(0);
        i = j - 1;
        continue;
      }
      const lower = ch.toLowerCase();
      const cls = SPACE.test(ch) ? 0 : PUNCT.test(ch) ? 1 : DIGIT.test(ch) ? 3 : LETTER.test(ch) ? 4 : 2;
      const rank = ASCII_ORDER.indexOf(ch);
      const weight = cls === 3 ? String(Number.parseInt(ch, 10)) : lower;
      // ß is "ss" with a secondary (accent-level) difference.
      const sharp = weight === 'ß';
      for (const w of sharp ? ['s', 's'] : [weight]) {
        prim.push([cls, rank, w]);
        sec.push('');
        ter.push(ch !== lower && !sharp ? 1 : 0);
      }
      if (sharp) sec[sec.length - 1] = 'ß';
    }
    return [prim, sec, ter];
  }
  function compareKeys(a, b) {
    for (let i = 0; i < a.length && i < b.length; i++) {
      const x = a[i];
      const y = b[i];
      if (typeof x === 'object') {
        for (let k = 0; k < 3; k++) if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
      } else if (x !== y) {
        return x < y ? -1 : 1;
      }
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  function collate(c, a, b) {
    a = String(a);
    b = String(b);
    const ka = collationKeys(a, c);
    const kb = collationKeys(b, c);
    let r = compareKeys(ka[0], kb[0]);
    if (r !== 0) return r;
    if (c.sensitivity === 'accent' || c.sensitivity === 'variant') {
      r = compareKeys(ka[1], kb[1]);
      if (r !== 0) return r;
    }
    if (c.sensitivity === 'case' || c.sensitivity === 'variant') {
      const ta = c.caseFirst === 'upper' ? ka[2].map((v) => 1 - v) : ka[2];
      const tb = c.caseFirst === 'upper' ? kb[2].map((v) => 1 - v) : kb[2];
      r = compareKeys(ta, tb);
      if (r !== 0) return r;
    }
    if (c.sensitivity === 'variant' && !c.ignorePunctuation) {
      // Identical at every level: code point order, for a total order.
      const na = a.normalize('NFD');
      const nb = b.normalize('NFD');
      return na === nb ? 0 : na < nb ? -1 : 1;
    }
    return 0;
  }
  const COL = 'Intl.Collator';
  function makeCollator(locales, options) {
    const o = toOptions(options);
    const locale = resolveLocale(locales);
    const usage = getOption(o, 'usage', ['sort', 'search'], 'sort', COL);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', COL);
    getOption(o, 'collation', undefined, undefined, COL);
    const numeric = getOption(o, 'numeric', 'boolean', false, COL);
    const caseFirst = getOption(o, 'caseFirst', ['upper', 'lower', 'false'], 'false', COL);
    const sensitivity = getOption(o, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant', COL);
    const ignorePunctuation = getOption(o, 'ignorePunctuation', 'boolean', false, COL);
    return { kind: 'Collator', locale, usage, sensitivity, ignorePunctuation, collation: 'default',
      numeric, caseFirst, bound: undefined };
  }
  function Collator(locales = undefined, options = undefined) {
    const self = new.target === undefined ? create(Collator.prototype) : this;
    new Slots(self, makeCollator(locales, options));
    return self;
  }
  methods(Collator.prototype, {
    get compare() {
      const s = slotsOf(this, 'Collator', 'get Intl.Collator.prototype.compare');
      if (s.bound === undefined) s.bound = (a, b) => collate(s, a, b);
      return s.bound;
    },
    resolvedOptions() {
      const s = slotsOf(this, 'Collator', 'Intl.Collator.prototype.resolvedOptions');
      return record(['locale', s.locale, 'usage', s.usage, 'sensitivity', s.sensitivity,
        'ignorePunctuation', s.ignorePunctuation, 'collation', s.collation, 'numeric', s.numeric,
        'caseFirst', s.caseFirst]);
    },
  });
  tag(Collator.prototype, 'Intl.Collator');
  staticSupported(Collator);

  // ---- PluralRules ---------------------------------------------------------------------
  const PR = 'Intl.PluralRules';
  function PluralRules(locales = undefined, options = undefined) {
    needNew(new.target, 'PluralRules');
    const o = toOptions(options);
    const locale = resolveLocale(locales);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', PR);
    const type = getOption(o, 'type', ['cardinal', 'ordinal'], 'cardinal', PR);
    const nf = create(null);
    const mnfd = o.minimumFractionDigits;
    const f = Slots.get(new NumberFormat(undefined, {
      minimumIntegerDigits: o.minimumIntegerDigits,
      minimumFractionDigits: mnfd, maximumFractionDigits: o.maximumFractionDigits,
      minimumSignificantDigits: o.minimumSignificantDigits,
      maximumSignificantDigits: o.maximumSignificantDigits, useGrouping: false,
    }));
    void nf;
    new Slots(this, { kind: 'PluralRules', locale, type, nf: f });
    return this;
  }
  methods(PluralRules.prototype, {
    select(value) {
      const s = slotsOf(this, 'PluralRules', 'Intl.PluralRules.prototype.select');
      const x = Number(value);
      if (!Number.isFinite(x)) return 'other';
      const parts = numberParts(s.nf, abs(x));
      const int = parts.filter((q) => q.type === 'integer').map((q) => q.value).join('');
      const frac = parts.filter((q) => q.type === 'fraction').map((q) => q.value).join('');
      if (s.type === 'ordinal') return frac === '' ? ordinalOf(int) : 'other';
      return pluralOf(int, frac);
    },
    resolvedOptions() {
      const s = slotsOf(this, 'PluralRules', 'Intl.PluralRules.prototype.resolvedOptions');
      const d = s.nf.digits;
      const sig = d.rounding === 'significant';
      return record(['locale', s.locale, 'type', s.type, 'minimumIntegerDigits', d.minID,
        'minimumFractionDigits', sig ? undefined : d.minFD,
        'maximumFractionDigits', sig ? undefined : d.maxFD,
        'minimumSignificantDigits', sig ? d.minSD : undefined,
        'maximumSignificantDigits', sig ? d.maxSD : undefined,
        'pluralCategories', s.type === 'ordinal' ? ['few', 'one', 'two', 'other'] : ['one', 'other']]);
    },
  });
  tag(PluralRules.prototype, 'Intl.PluralRules');
  staticSupported(PluralRules);

  // ---- ListFormat ----------------------------------------------------------------------
  const LF = 'Intl.ListFormat';
  // [pair separator, middle separator, last separator] by type and style.
  const LISTS = {
    conjunction: { long: [' and ', ', ', ', and '], short: [' & ', ', ', ', & '], narrow: [', ', ', ', ', '] },
    disjunction: { long: [' or ', ', ', ', or '], short: [' or ', ', ', ', or '], narrow: [' or ', ', ', ', or '] },
    unit: { long: [', ', ', ', ', '], short: [', ', ', ', ', '], narrow: [' ', ' ', ' '] },
  };
  function listParts(s, list) {
    const items = [];
    if (list !== undefined) {
      for (const v of list) {
        if (typeof v !== 'string') throw new TypeError(`Iterable yielded ${typeof v === 'symbol' ? 'Symbol()' : String(v)} which is not a string`);
        items.push(v);
      }
    }
    const seps = LISTS[s.type][s.style];
    const parts = [];
    items.forEach((v, i) => {
      if (i > 0) {
        const sep = items.length === 2 ? seps[0] : i === items.length - 1 ? seps[2] : seps[1];
        parts.push({ type: 'literal', value: sep });
      }
      parts.push({ type: 'element', value: v });
    });
    return parts;
  }
  function ListFormat(locales = undefined, options = undefined) {
    needNew(new.target, 'ListFormat');
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new TypeError('Options must be an object');
    }
    const o = toOptions(options);
    const locale = resolveLocale(locales);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', LF);
    const type = getOption(o, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction', LF);
    const style = getOption(o, 'style', ['long', 'short', 'narrow'], 'long', LF);
    new Slots(this, { kind: 'ListFormat', locale, type, style });
    return this;
  }
  methods(ListFormat.prototype, {
    format(list) {
      return joinParts(listParts(slotsOf(this, 'ListFormat', 'Intl.ListFormat.prototype.format'), list));
    },
    formatToParts(list) {
      return listParts(slotsOf(this, 'ListFormat', 'Intl.ListFormat.prototype.formatToParts'), list);
    },
    resolvedOptions() {
      const s = slotsOf(this, 'ListFormat', 'Intl.ListFormat.prototype.resolvedOptions');
      return record(['locale', s.locale, 'type', s.type, 'style', s.style]);
    },
  });
  tag(ListFormat.prototype, 'Intl.ListFormat');
  staticSupported(ListFormat);

  // ---- RelativeTimeFormat --------------------------------------------------------------
  const RTF = 'Intl.RelativeTimeFormat';
  // unit: [long one, long other, short one, short other, narrow one, narrow other].
  const REL_UNITS = {
    second: ['second', 'seconds', 'sec.', 'sec.', 's', 's'],
    minute: ['minute', 'minutes', 'min.', 'min.', 'm', 'm'],
    hour: ['hour', 'hours', 'hr.', 'hr.', 'h', 'h'],
    day: ['day', 'days', 'day', 'days', 'd', 'd'],
    week: ['week', 'weeks', 'wk.', 'wk.', 'w', 'w'],
    month: ['month', 'months', 'mo.', 'mo.', 'mo', 'mo'],
    quarter: ['quarter', 'quarters', 'qtr.', 'qtrs.', 'q', 'q'],
    year: ['year', 'years', 'yr.', 'yr.', 'y', 'y'],
  };
  // numeric: 'auto' words for -1, 0, 1 (long, then short/narrow).
  const REL_WORDS = {
    second: [[undefined, 'now', undefined]],
    minute: [[undefined, 'this minute', undefined]],
    hour: [[undefined, 'this hour', undefined]],
    day: [['yesterday', 'today', 'tomorrow']],
    week: [['last week', 'this week', 'next week'], ['last wk.', 'this wk.', 'next wk.']],
    month: [['last month', 'this month', 'next month'], ['last mo.', 'this mo.', 'next mo.']],
    quarter: [['last quarter', 'this quarter', 'next quarter'], ['last qtr.', 'this qtr.', 'next qtr.']],
    year: [['last year', 'this year', 'next year'], ['last yr.', 'this yr.', 'next yr.']],
  };
  function relParts(s, value, unit, method) {
    const v = Number(value);
    if (!Number.isFinite(v)) throw new RangeError('Invalid time value');
    const u = String(unit);
    const singular = u.endsWith('s') ? u.slice(0, -1) : u;
    const names = REL_UNITS[singular];
    if (names === undefined) throw new RangeError(`Invalid unit argument for Intl.RelativeTimeFormat.prototype.${method}() '${u}'`);
    const neg = v < 0 || (v === 0 && 1 / v < 0);
    if (s.numeric === 'auto' && (v === -1 || v === 0 || v === 1)) {
      const words = REL_WORDS[singular];
      const w = (s.style === 'long' ? words[0] : words[1] || words[0])[v + 1];
      if (w !== undefined) return [{ type: 'literal', value: w }];
    }
    const nparts = numberParts(s.nf, abs(v));
    const int = nparts.filter((q) => q.type === 'integer').map((q) => q.value).join('');
    const frac = nparts.filter((q) => q.type === 'fraction').map((q) => q.value).join('');
    const at = (s.style === 'long' ? 0 : s.style === 'short' ? 2 : 4) + (pluralOf(int, frac) === 'one' ? 0 : 1);
    const name = names[at];
    const glue = s.style === 'narrow' ? '' : ' ';
    const parts = [];
    if (!neg) parts.push({ type: 'literal', value: 'in ' });
    for (const q of nparts) parts.push({ type: q.type, value: q.value, unit: singular });
    parts.push({ type: 'literal', value: glue + name + (neg ? ' ago' : '') });
    return parts;
  }
  function RelativeTimeFormat(locales = undefined, options = undefined) {
    needNew(new.target, 'RelativeTimeFormat');
    const o = toOptions(options);
    const locale = resolveLocale(locales);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', RTF);
    getOption(o, 'numberingSystem', undefined, undefined, RTF);
    const style = getOption(o, 'style', ['long', 'short', 'narrow'], 'long', RTF);
    const numeric = getOption(o, 'numeric', ['always', 'auto'], 'always', RTF);
    new Slots(this, { kind: 'RelativeTimeFormat', locale, style, numeric,
      nf: Slots.get(new NumberFormat()) });
    return this;
  }
  methods(RelativeTimeFormat.prototype, {
    format(value, unit) {
      return joinParts(relParts(slotsOf(this, 'RelativeTimeFormat', 'Intl.RelativeTimeFormat.prototype.format'), value, unit, 'format'));
    },
    formatToParts(value, unit) {
      return relParts(slotsOf(this, 'RelativeTimeFormat', 'Intl.RelativeTimeFormat.prototype.formatToParts'), value, unit, 'formatToParts');
    },
    resolvedOptions() {
      const s = slotsOf(this, 'RelativeTimeFormat', 'Intl.RelativeTimeFormat.prototype.resolvedOptions');
      return record(['locale', s.locale, 'style', s.style, 'numeric', s.numeric, 'numberingSystem', 'latn']);
    },
  });
  tag(RelativeTimeFormat.prototype, 'Intl.RelativeTimeFormat');
  staticSupported(RelativeTimeFormat);

  // ---- Locale --------------------------------------------------------------------------
  function Locale(tagArg, options = undefined) {
    needNew(new.target, 'Locale');
    if (typeof tagArg !== 'string' && (typeof tagArg !== 'object' || tagArg === null)) {
      throw new TypeError('First argument to Intl.Locale constructor can\'t be empty or missing');
    }
    const t = canonicalTag(tagArg);
    const r = parseTag(t);
    const o = toOptions(options);
    const set = (name, re) => {
      const v = o[name];
      if (v === undefined) return;
      const s = String(v);
      if (!re.test(s)) throw new RangeError('Incorrect locale information provided');
      r[name] = name === 'language' ? s.toLowerCase() : name === 'region' ? s.toUpperCase() : s[0].toUpperCase() + s.slice(1).toLowerCase();
    };
    set('language', LANGUAGE);
    set('script', SCRIPT);
    set('region', REGION);
    const u = r.extensions.find((e) => e[0] === 'u');
    const kw = {};
    if (u) {
      for (let i = 0; i < u[1].length; i++) {
        if (u[1][i].length === 2) {
          const vals = [];
          let j = i + 1;
          while (j < u[1].length && u[1][j].length > 2) vals.push(u[1][j++]);
          kw[u[1][i]] = vals.join('-') || 'true';
          i = j - 1;
        }
      }
    }
    for (const [key, name] of [['ca', 'calendar'], ['co', 'collation'], ['hc', 'hourCycle'], ['kf', 'caseFirst'], ['kn', 'numeric'], ['nu', 'numberingSystem']]) {
      const v = o[name];
      if (v !== undefined) kw[key] = name === 'numeric' ? String(Boolean(v)) : String(v);
    }
    const keys = Object.keys(kw).sort();
    r.extensions = r.extensions.filter((e) => e[0] !== 'u');
    if (keys.length) r.extensions.push(['u', keys.flatMap((k) => (kw[k] === 'true' ? [k] : [k, kw[k]]))]);
    new Slots(this, { kind: 'Locale', tag: tagString(r), r, kw });
    return this;
  }
  methods(Locale.prototype, {
    toString() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.toString').tag; },
    maximize() { return new Locale(slotsOf(this, 'Locale', 'Intl.Locale.prototype.maximize').tag); },
    minimize() { return new Locale(slotsOf(this, 'Locale', 'Intl.Locale.prototype.minimize').tag); },
    get baseName() {
      const r = slotsOf(this, 'Locale', 'Intl.Locale.prototype.baseName').r;
      return tagString({ language: r.language, script: r.script, region: r.region, variants: r.variants, extensions: [] });
    },
    get language() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.language').r.language; },
    get script() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.script').r.script; },
    get region() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.region').r.region; },
    get calendar() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.calendar').kw.ca; },
    get collation() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.collation').kw.co; },
    get hourCycle() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.hourCycle').kw.hc; },
    get caseFirst() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.caseFirst').kw.kf; },
    get numberingSystem() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.numberingSystem').kw.nu; },
    get numeric() { return slotsOf(this, 'Locale', 'Intl.Locale.prototype.numeric').kw.kn === 'true'; },
  });
  tag(Locale.prototype, 'Intl.Locale');

  // ---- Segmenter -----------------------------------------------------------------------
  const SEG = 'Intl.Segmenter';
  const GRANULARITIES = ['grapheme', 'word', 'sentence'];
  // The boundaries of a string, from the native (unicode-segmentation): flat triples of
  // start, end (UTF-16 indices), word-like (0/1), computed as far as they are read (as ICU's,
  // lazily: `containing(5)` of a long text reads its first window only).
  // The native gets windows of SEGMENT_WINDOW units, one call each: a call is one engine step
  // that no timeout stops, and its memory (the text as UTF-8, its pieces) is the process's, not
  // the runtime's, so a whole long text in one call ran for seconds past a timeout and took
  // tens of times the text's size outside the memory limit.
  const SEGMENT_WINDOW = 65536;
  // The first window of a read: a read near the text's start segments little.
  const FIRST_WINDOW = 4096;
  // Segments the text of `s` on from where it was left until its bounds reach past UTF-16
  // index `upto` (or the text's end); its bounds.
  function boundaries(s, upto) {
    const text = s.input;
    const bounds = s.bounds;
    const granularity = GRANULARITIES.indexOf(s.granularity);
    let width = FIRST_WINDOW;
    while (s.done < text.length && s.done <= upto) {
      const at = s.done;
      const end = text.length - at <= width ? text.length : at + width;
      // Lone surrogates as U+FFFD (one unit either way): the native reads UTF-8.
      const window = text.slice(at, end).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
      const part = segmentNative(window, granularity);
      // Before the text's end, the last two segments may change with what follows (UAX #29
      // looks ahead: "a'" ends two words, "a'b" is one), so they are segmented again with it;
      // a window of fewer segments is widened.
      const keep = end === text.length ? part.length : part.length - 6;
      if (keep <= 0) {
        width *= 2;
        continue;
      }
      for (let i = 0; i < keep; i += 3) {
        bounds[bounds.length] = part[i] + at;
        bounds[bounds.length] = part[i + 1] + at;
        bounds[bounds.length] = part[i + 2];
      }
      s.done = at + part[keep - 2];
      width = Math.min(width * 2, SEGMENT_WINDOW);
    }
    return bounds;
  }
  function segmentData(s, i) {
    const b = s.bounds;
    const o = { segment: s.input.slice(b[i], b[i + 1]), index: b[i], input: s.input };
    if (s.granularity === 'word') o.isWordLike = b[i + 2] === 1;
    return o;
  }
  const SegmentsPrototype = methods(create(Object.prototype), {
    containing(index = undefined) {
      const s = slotsOf(this, 'Segments', '%Segments.prototype%.containing');
      let n = Number(index);
      n = n !== n ? 0 : Math.trunc(n);
      if (n < 0 || n >= s.input.length) return undefined;
      const b = boundaries(s, n);
      let lo = 0;
      let hi = b.length / 3 - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (b[mid * 3] <= n) lo = mid;
        else hi = mid - 1;
      }
      return segmentData(s, lo * 3);
    },
    [iteratorSymbol]() {
      const s = slotsOf(this, 'Segments', '%Segments.prototype%[@@iterator]');
      const it = create(SegmentIteratorPrototype);
      new Slots(it, { kind: 'SegmentIterator', segments: s, at: 0 });
      return it;
    },
  });
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][iteratorSymbol]()));
  const SegmentIteratorPrototype = methods(create(IteratorPrototype), {
    next() {
      const it = slotsOf(this, 'SegmentIterator', '%SegmentIterator.prototype%.next');
      const s = it.segments;
      let b = s.bounds;
      while (it.at >= b.length && s.done < s.input.length) b = boundaries(s, s.done);
      if (it.at >= b.length) return { value: undefined, done: true };
      const value = segmentData(it.segments, it.at);
      it.at += 3;
      return { value, done: false };
    },
  });
  tag(SegmentIteratorPrototype, 'Segmenter String Iterator');
  function Segmenter(locales = undefined, options = undefined) {
    needNew(new.target, 'Segmenter');
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new TypeError('Options must be an object');
    }
    const o = toOptions(options);
    const locale = resolveLocale(locales);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', SEG);
    const granularity = getOption(o, 'granularity', GRANULARITIES, 'grapheme', SEG);
    new Slots(this, { kind: 'Segmenter', locale, granularity });
    return this;
  }
  methods(Segmenter.prototype, {
    segment(string) {
      const s = slotsOf(this, 'Segmenter', 'Intl.Segmenter.prototype.segment');
      const segments = create(SegmentsPrototype);
      new Slots(segments, { kind: 'Segments', input: String(string), granularity: s.granularity, bounds: [], done: 0 });
      return segments;
    },
    resolvedOptions() {
      const s = slotsOf(this, 'Segmenter', 'Intl.Segmenter.prototype.resolvedOptions');
      return record(['locale', s.locale, 'granularity', s.granularity]);
    },
  });
  tag(Segmenter.prototype, 'Intl.Segmenter');
  staticSupported(Segmenter);

  // ---- Intl ----------------------------------------------------------------------------
  const Intl = create(Object.prototype);
  methods(Intl, {
    getCanonicalLocales(locales = undefined) { return canonicalizeLocaleList(locales); },
    supportedValuesOf(key) {
      const k = String(key);
      const values = {
        calendar: ['gregory'], collation: ['default'], currency: Object.keys(CURRENCIES).sort(),
        numberingSystem: ['latn'], timeZone: localTimeZone() === 'UTC' ? ['UTC'] : ['UTC', localTimeZone()].sort(),
        unit: Object.keys(UNITS).filter((u) => !u.includes('-per-')).sort(),
      }[k];
      if (values === undefined) throw new RangeError(`Invalid key : ${k}`);
      return values;
    },
  });
  for (const [name, ctor] of [['Collator', Collator], ['DateTimeFormat', DateTimeFormat],
    ['ListFormat', ListFormat], ['Locale', Locale], ['NumberFormat', NumberFormat],
    ['PluralRules', PluralRules], ['RelativeTimeFormat', RelativeTimeFormat],
    ['Segmenter', Segmenter]]) {
    hidden(Intl, name, ctor);
  }
  tag(Intl, 'Intl');

  // The engine's own methods that V8 routes through Intl.
  const numberValue = Number.prototype.valueOf;
  const bigintValue = BigInt.prototype.valueOf;
  const named = (f, name) => {
    defineProperty(f, 'name', { value: name, configurable: true });
    return f;
  };
  const localeMethods = methods(create(null), {
    numberToLocaleString: named(function (locales = undefined, options = undefined) {
      return joinParts(numberParts(Slots.get(new NumberFormat(locales, options)), call(numberValue, this)));
    }, 'toLocaleString'),
    bigintToLocaleString: named(function (locales = undefined, options = undefined) {
      return joinParts(numberParts(Slots.get(new NumberFormat(locales, options)), call(bigintValue, this)));
    }, 'toLocaleString'),
    dateToLocaleString: named(dateToLocale('any', 'all'), 'toLocaleString'),
    dateToLocaleDateString: named(dateToLocale('date', 'date'), 'toLocaleDateString'),
    dateToLocaleTimeString: named(dateToLocale('time', 'time'), 'toLocaleTimeString'),
    localeCompare(that, locales = undefined, options = undefined) {
      if (this === undefined || this === null) throw new TypeError('String.prototype.localeCompare called on null or undefined');
      return collate(makeCollator(locales, options), String(this), String(that));
    },
  });
  return [Intl, localeMethods];
});
