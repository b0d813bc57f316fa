// The `.env` format as Node 20 reads it (util.parseEnv, process.loadEnvFile, --env-file).
// Node follows the dotenv package with its own edge cases, matched here rule by rule:
// - carriage returns are dropped; the text is trimmed of spaces first;
// - a line that starts with a newline or `#` is skipped; with no `=` left, reading stops, and
//   so does an empty name (`=x`);
// - the name is the text before `=` trimmed of spaces (it may hold a newline: a line without
//   `=` joins the next one), without a leading `export `;
// - a value in quotes (' " `) runs to the same quote, across lines; `\n` becomes a newline in
//   double quotes; the rest of its line is ignored; an unclosed quote keeps its line as the
//   value, or ends the reading on the last line;
// - an unquoted value ends at the newline or at `#`, trimmed of spaces;
// - a name given twice keeps its last value; names come out in byte order.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { Buffer } = require('buffer'); // not the global, which a program may delete

const trimSpaces = (s) => s.replace(/^ +| +$/g, '');

function parseEnv(content) {
  if (typeof content !== 'string') {
    throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE('content', 'string', content);
  }
  const values = new Map();
  let rest = trimSpaces(content.replace(/\r/g, ''));
  while (rest.length > 0) {
    if (rest[0] === '\n' || rest[0] === '#') {
      const newline = rest.indexOf('\n');
      if (newline >= 0) {
        rest = rest.slice(newline + 1);
        continue;
      }
    }
    const equal = rest.indexOf('=');
    if (equal < 0) break;
    let name = trimSpaces(rest.slice(0, equal));
    rest = rest.slice(equal + 1);
    if (name === '') break;
    if (name.startsWith('export ')) name = name.slice(7);
    rest = trimSpaces(rest);
    if (rest === '') {
      values.set(name, '');
      break;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const closing = rest.indexOf(quote, 1);
      if (closing < 0) {
        const newline = rest.indexOf('\n');
        if (newline < 0) break;
        values.set(name, rest.slice(0, newline));
        rest = rest.slice(newline);
        continue;
      }
      let value = rest.slice(1, closing);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
      values.set(name, value);
      const newline = rest.indexOf('\n', closing + 1);
      rest = newline < 0 ? '' : rest.slice(newline);
      continue;
    }
    const newline = rest.indexOf('\n');
    let value = newline < 0 ? rest : rest.slice(0, newline);
    const hash = value.indexOf('#');
    if (hash >= 0) value = value.slice(0, hash);
    values.set(name, trimSpaces(value));
    rest = newline < 0 ? '' : rest.slice(newline);
  }
  const result = {};
  for (const name of [...values.keys()].sort()) result[name] = values.get(name);
  return result;
}

// Sets the variables of the file at `path` that the environment does not have yet.
function loadEnvFile(path = '.env') {
  if (typeof path !== 'string' && !Buffer.isBuffer(path) && !(path instanceof URL)) {
    throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE('path', ['string', 'Buffer', 'URL'], path);
  }
  setMissing(parseEnv(require('fs').readFileSync(path, 'utf8')));
}

// The variables of `values` that the environment does not have yet.
function setMissing(values) {
  for (const [name, value] of Object.entries(values)) {
    if (!Object.prototype.hasOwnProperty.call(process.env, name)) process.env[name] = value;
  }
}

// `--env-file`s: read in order, a later file's value winning over an earlier one's (as
// node's), then set where the environment lacks them. A file that cannot be read: node's
// complaint about it (`PATH: not found`, or `PATH: invalid format` when it is no file).
function loadEnvFiles(files) {
  const values = {};
  for (const file of files) {
    let text;
    try {
      text = require('fs').readFileSync(file, 'utf8');
    } catch (e) {
      return `${file}: ${e && e.code === 'ENOENT' ? 'not found' : 'invalid format'}`;
    }
    Object.assign(values, parseEnv(text));
  }
  setMissing(values);
  return undefined;
}

module.exports = { parseEnv, loadEnvFile, loadEnvFiles };
