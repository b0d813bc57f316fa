// util.parseArgs, as Node's docs describe it (doc/api/util.md "util.parseArgs"): options of
// type 'string' or 'boolean' with `short`, `multiple` and `default`; `strict`,
// `allowPositionals`, `allowNegative` (`--no-flag`) and `tokens`; Node's error codes.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { codes, makeError, validateObject, validateArray, validateBoolean, validateString } =
  require('internal/errors');

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

function unknownOption(token, allowPositionals) {
  const raw = token.rawName;
  const hint = allowPositionals
    ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(raw)}`
    : '';
  return makeError(TypeError, 'ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${raw}'${hint}`);
}

function invalidValue(message) {
  return makeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', message);
}

function defaultArgs() {
  const argv = process.argv;
  // After `-e`/`-p` code there is no script path in argv.
  const evalMode = process.execArgv.some((a) => a === '-e' || a === '--eval' || a === '-p' || a === '--print');
  return argv.slice(evalMode ? 1 : 2);
}

function validateOptions(options) {
  validateObject(options, 'options');
  for (const [name, opt] of Object.entries(options)) {
    validateObject(opt, `options.${name}`);
    const type = opt.type;
    if (type !== 'string' && type !== 'boolean') {
      throw codes.ERR_INVALID_ARG_TYPE(`options.${name}.type`, "('string|boolean')", type);
    }
    if (hasOwn(opt, 'short')) {
      validateString(opt.short, `options.${name}.short`);
      if (opt.short.length !== 1) {
        throw codes.ERR_INVALID_ARG_VALUE(`options.${name}.short`, opt.short, 'must be a single character');
      }
    }
    if (hasOwn(opt, 'multiple')) validateBoolean(opt.multiple, `options.${name}.multiple`);
    if (hasOwn(opt, 'default') && opt.default !== undefined) {
      const d = opt.default;
      const ok = (v) => (type === 'string' ? typeof v === 'string' : typeof v === 'boolean');
      if (opt.multiple ? !(Array.isArray(d) && d.every(ok)) : !ok(d)) {
        throw codes.ERR_INVALID_ARG_TYPE(`options.${name}.default`, opt.multiple ? 'Array' : type, d);
      }
    }
  }
}

function tokenize(args, options, allowNegative) {
  const shortToLong = new Map();
  for (const [name, opt] of Object.entries(options)) if (hasOwn(opt, 'short')) shortToLong.set(opt.short, name);
  const longOf = (short) => shortToLong.get(short) || short;
  const typeOf = (name) => (hasOwn(options, name) ? options[name].type : undefined);
  const tokens = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const next = args[index + 1];
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (let i = index + 1; i < args.length; i++) tokens.push({ kind: 'positional', index: i, value: args[i] });
      break;
    }
    if (arg.length === 2 && arg[0] === '-' && arg[1] !== '-') {
      const name = longOf(arg[1]);
      let value;
      let inlineValue;
      if (typeOf(name) === 'string' && next !== undefined) {
        value = next;
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue });
      if (value !== undefined) index++;
      continue;
    }
    if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
      const first = longOf(arg[1]);
      if (typeOf(first) === 'string') {
        tokens.push({ kind: 'option', name: first, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
        continue;
      }
      // A group of short flags: -abc is -a -b -c (a string option takes the rest as value).
      for (let i = 1; i < arg.length; i++) {
        const name = longOf(arg[i]);
        if (typeOf(name) !== 'string' || i === arg.length - 1) {
          let value;
          let inlineValue;
          if (typeOf(name) === 'string' && i === arg.length - 1 && next !== undefined) {
            value = next;
            inlineValue = false;
          }
          tokens.push({ kind: 'option', name, rawName: `-${arg[i]}`, index, value, inlineValue });
          if (value !== undefined) index++;
        } else {
          tokens.push({ kind: 'option', name, rawName: `-${arg[i]}`, index, value: arg.slice(i + 1), inlineValue: true });
          break;
        }
      }
      continue;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        tokens.push({ kind: 'option', name: arg.slice(2, eq), rawName: arg.slice(0, eq), index, value: arg.slice(eq + 1), inlineValue: true });
        continue;
      }
      let name = arg.slice(2);
      let value;
      let inlineValue;
      if (allowNegative && name.startsWith('no-') && typeOf(name) === undefined) {
        name = name.slice(3);
        tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue, negative: true });
        continue;
      }
      if (typeOf(name) === 'string' && next !== undefined) {
        value = next;
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue });
      if (value !== undefined) index++;
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

function parseArgs(config = { __proto__: null }) {
  validateObject(config, 'config');
  const args = config.args !== undefined ? config.args : defaultArgs();
  const strict = config.strict !== undefined ? config.strict : true;
  const allowPositionals = config.allowPositionals !== undefined ? config.allowPositionals : !strict;
  const returnTokens = config.tokens !== undefined ? config.tokens : false;
  const allowNegative = config.allowNegative !== undefined ? config.allowNegative : false;
  const options = config.options !== undefined ? config.options : { __proto__: null };
  validateArray(args, 'args');
  validateBoolean(strict, 'strict');
  validateBoolean(allowPositionals, 'allowPositionals');
  validateBoolean(returnTokens, 'tokens');
  validateBoolean(allowNegative, 'allowNegative');
  validateOptions(options);

  const tokens = tokenize(args, options, allowNegative);
  const values = { __proto__: null };
  const positionals = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!allowPositionals) {
        throw makeError(TypeError, 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
          `Unexpected argument '${token.value}'. This command does not take positional arguments`);
      }
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const known = hasOwn(options, token.name);
    const opt = known ? options[token.name] : undefined;
    if (strict) {
      if (!known) throw unknownOption(token, allowPositionals);
      const shortAndLong = hasOwn(opt, 'short') ? `-${opt.short}, --${token.name}` : `--${token.name}`;
      if (opt.type === 'string' && typeof token.value !== 'string') {
        throw invalidValue(`Option '${shortAndLong} <value>' argument missing`);
      }
      if (opt.type === 'boolean' && token.value !== undefined) {
        throw invalidValue(`Option '${shortAndLong}' does not take an argument`);
      }
      if (token.negative && opt.type !== 'boolean') throw unknownOption(token, allowPositionals);
    }
    let value = token.negative ? false : token.value === undefined ? true : token.value;
    if (known && opt.multiple) {
      if (values[token.name] === undefined) values[token.name] = [];
      values[token.name].push(value);
    } else {
      values[token.name] = value;
    }
  }
  for (const [name, opt] of Object.entries(options)) {
    if (values[name] === undefined && hasOwn(opt, 'default') && opt.default !== undefined) {
      values[name] = opt.default;
    }
  }
  const result = { values, positionals };
  if (returnTokens) {
    result.tokens = tokens.map((t) => {
      if (t.kind !== 'option') return t;
      const { negative, ...rest } = t;
      void negative;
      return rest;
    });
  }
  return result;
}

module.exports = { parseArgs };
