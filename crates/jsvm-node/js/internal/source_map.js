'use strict';

// `module.SourceMap`: a Source Map v3 payload (a plain map, or an index map of sections)
// decoded once into a sorted list of mappings, looked up by generated position as Node's
// does (its answers, quirks included: a segment that ends the `mappings` string reads a
// name index delta of 0; a lookup past a line's last mapping answers that mapping).
// `module.findSourceMap`: Node keeps the maps of loaded files only when source maps are
// enabled (`--enable-source-maps`), which jsvm accepts and ignores, so it finds none.

const { codes } = require('internal/errors');

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map(Array.from(BASE64, (c, i) => [c, i]));

// One base64 VLQ number from `state.text` at `state.at`; 0 at the end of the text.
function readVLQ(state) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (state.at >= state.text.length) break;
    const digit = DIGIT.get(state.text[state.at++]);
    if (digit === undefined) break;
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if ((digit & 32) === 0) break;
  }
  const negative = value % 2 === 1;
  value = Math.floor(value / 2);
  return negative ? -value : value;
}

const isSeparator = (c) => c === ',' || c === ';';

// Appends the mappings of one plain map to `out`, its generated positions moved by the
// section's offset. Each mapping: [line, column, source, sourceLine, sourceColumn, name].
function decodeMappings(map, line, column, out) {
  const sources = [];
  for (let i = 0; i < map.sources.length; i++) sources.push(map.sources[i]);
  const state = { text: String(map.mappings), at: 0 };
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let name = 0;
  for (;;) {
    const c = state.text[state.at];
    if (c === ',') {
      state.at++;
    } else {
      while (state.text[state.at] === ';') {
        line++;
        column = 0;
        state.at++;
      }
      if (state.at >= state.text.length) break;
    }
    column += readVLQ(state);
    if (isSeparator(state.text[state.at])) {
      out.push([line, column]);
      continue;
    }
    source += readVLQ(state);
    sourceLine += readVLQ(state);
    sourceColumn += readVLQ(state);
    let named;
    if (!isSeparator(state.text[state.at])) {
      name += readVLQ(state);
      named = map.names ? map.names[name] : undefined;
    }
    out.push([line, column, sources[source], sourceLine, sourceColumn, named]);
  }
}

// A copy of a payload that changes to it cannot reach the map's (Node copies it too).
function copyPayload(payload) {
  const copy = { ...payload };
  for (const key of ['sources', 'sourcesContent', 'names']) {
    if (Array.isArray(copy[key])) copy[key] = copy[key].slice();
  }
  if (Array.isArray(copy.sections)) {
    copy.sections = copy.sections.map((s) => ({ ...s, map: s && s.map ? copyPayload(s.map) : s && s.map }));
  }
  return copy;
}

class SourceMap {
  #payload;
  #lineLengths;
  #mappings = [];

  constructor(payload, { lineLengths } = {}) {
    if (payload === null || typeof payload !== 'object') {
      throw codes.ERR_INVALID_ARG_TYPE('payload', 'object', payload);
    }
    this.#payload = copyPayload(payload);
    this.#lineLengths = lineLengths;
    if (Array.isArray(payload.sections)) {
      for (const section of payload.sections) {
        decodeMappings(section.map, section.offset.line, section.offset.column, this.#mappings);
      }
    } else {
      decodeMappings(payload, 0, 0, this.#mappings);
    }
    this.#mappings.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  // A new copy at each read, as Node's.
  get payload() {
    return copyPayload(this.#payload);
  }

  get lineLengths() {
    return this.#lineLengths;
  }

  // 0-based: the last mapping at or before (line, column), `{}` when none is.
  findEntry(line, column) {
    const list = this.#mappings;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const m = list[mid];
      if (m[0] < line || (m[0] === line && m[1] <= column)) low = mid + 1;
      else high = mid;
    }
    const m = list[low - 1];
    if (m === undefined) return {};
    return {
      generatedLine: m[0],
      generatedColumn: m[1],
      originalSource: m[2],
      originalLine: m[3],
      originalColumn: m[4],
      name: m[5],
    };
  }

  // 1-based: where (line, column) of the generated code comes from, `{}` when unknown.
  findOrigin(line, column) {
    const entry = this.findEntry(line - 1, column - 1);
    if (entry.originalSource === undefined) return {};
    return {
      name: entry.name,
      fileName: entry.originalSource,
      lineNumber: entry.originalLine + (line - 1 - entry.generatedLine) + 1,
      columnNumber: entry.originalColumn + (column - 1 - entry.generatedColumn) + 1,
    };
  }
}

function findSourceMap() {
  return undefined;
}

module.exports = { SourceMap, findSourceMap };
