// `path.win32` (and `path/win32`): Windows path rules, written from Node's documentation and
// checked against Node's results. A path is a root (a drive `C:` with or without `\`, a UNC
// `\\server\share`, or a lone separator) and a tail; both `\` and `/` separate, and the
// results use `\`.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { codes, validateString } = require('internal/errors');

const isSep = (c) => c === 47 || c === 92;
const isLetter = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

// The root of `path`: `device` ('C:', '\\server\share' or ''), whether it is absolute, where
// the tail starts (`end`), and for a UNC root `uncEnd`, the end of the share (the root with
// its separator, as parse and dirname give it, runs one further).
function splitRoot(path) {
  const len = path.length;
  if (len === 0) return { device: '', absolute: false, end: 0, unc: false };
  const c0 = path.charCodeAt(0);
  if (isSep(c0)) {
    if (len > 1 && isSep(path.charCodeAt(1))) {
      // \\server\share: a server name, separators, a share name.
      let j = 2;
      while (j < len && !isSep(path.charCodeAt(j))) j++;
      const server = path.slice(2, j);
      if (server.length > 0 && j < len) {
        let k = j;
        while (k < len && isSep(path.charCodeAt(k))) k++;
        const shareStart = k;
        while (k < len && !isSep(path.charCodeAt(k))) k++;
        if (shareStart < len && k > shareStart) {
          // \\.\ and \\?\ start Windows' device namespaces: resolving keeps only that prefix
          // as the device (`namespace`); the other functions see a UNC root.
          const namespace = server === '.' || server === '?' ? { device: `\\\\${server}`, end: j } : undefined;
          return { device: `\\\\${server}\\${path.slice(shareStart, k)}`, absolute: true, end: k, unc: true, namespace };
        }
      }
    }
    return { device: '', absolute: true, end: 1, unc: false };
  }
  if (len > 1 && isLetter(c0) && path.charCodeAt(1) === 58) {
    if (len > 2 && isSep(path.charCodeAt(2))) return { device: path.slice(0, 2), absolute: true, end: 3, unc: false };
    return { device: path.slice(0, 2), absolute: false, end: 2, unc: false };
  }
  return { device: '', absolute: false, end: 0, unc: false };
}

// The tail's segments with '.' and empty ones dropped and '..' taken against the one before
// (kept, when nothing is before it, only if the path may go above its start), joined by '\'.
function normalizeTail(tail, allowAboveRoot) {
  const out = [];
  for (const part of tail.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(part);
    }
  }
  return out.join('\\');
}

function cwd() {
  return typeof process === 'object' && process && typeof process.cwd === 'function' ? process.cwd() : '\\';
}

// The last part of `path` after `start`: where it starts, ends (trailing separators left
// out), and where its extension's dot is (-1: none).
function lastPart(path, start) {
  let end = path.length;
  while (end > start && isSep(path.charCodeAt(end - 1))) end--;
  let begin = end;
  while (begin > start && !isSep(path.charCodeAt(begin - 1))) begin--;
  let dot = path.lastIndexOf('.', end - 1);
  // No extension for a leading dot only ('.git') or the name '..'.
  if (dot < begin || dot === begin || (end - begin === 2 && dot === begin + 1 && path.charCodeAt(begin) === 46)) dot = -1;
  return { begin, end, dot };
}

const win32 = {
  resolve(...args) {
    let device = '';
    let tail = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (device.length === 0) {
        path = cwd();
      } else {
        // The current directory of that drive, as Windows keeps it in the environment.
        path = process.env[`=${device}`] || cwd();
        if (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path.charCodeAt(2) === 92) {
          path = `${device}\\`;
        }
      }
      let root = splitRoot(path);
      if (root.namespace !== undefined) root = { ...root, ...root.namespace };
      if (root.device.length > 0) {
        if (device.length === 0) device = root.device;
        else if (root.device.toLowerCase() !== device.toLowerCase()) continue;
      }
      if (absolute) {
        if (device.length > 0) break;
      } else {
        tail = `${path.slice(root.end)}\\${tail}`;
        absolute = root.absolute;
        if (absolute && device.length > 0) break;
      }
    }
    tail = normalizeTail(tail, !absolute);
    if (absolute) return `${device}\\${tail}`;
    return `${device}${tail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isSep(path.charCodeAt(0)) ? '\\' : path;
    let root = splitRoot(path);
    if (root.namespace !== undefined) root = { ...root, ...root.namespace, unc: false };
    // '\\server\share' alone is a root: it gets its separator.
    if (root.unc && root.end === len) return `${root.device}\\`;
    let tail = root.end < len ? normalizeTail(path.slice(root.end), !root.absolute) : '';
    if (tail.length === 0 && !root.absolute) tail = '.';
    // A relative path must not turn into one on a drive ('a\\..\\b:c' is not 'b:c'), nor keep
    // a part that names one ('a\\D:'): such results start with '.\\'.
    if (!root.absolute && root.device === '' &&
        (/^[A-Za-z]:/.test(tail) || path.split(/[\\/]/).some((p) => p.endsWith(':')))) {
      tail = `.\\${tail}`;
    }
    if (tail.length > 0 && isSep(path.charCodeAt(len - 1))) tail += '\\';
    if (root.absolute) return `${root.device}\\${tail}`;
    return `${root.device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    const c0 = path.charCodeAt(0);
    return isSep(c0) || (len > 2 && isLetter(c0) && path.charCodeAt(1) === 58 && isSep(path.charCodeAt(2)));
  },

  join(...args) {
    if (args.length === 0) return '.';
    let joined;
    let first;
    for (let i = 0; i < args.length; ++i) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) {
        if (joined === undefined) joined = first = arg;
        else joined += `\\${arg}`;
      }
    }
    if (joined === undefined) return '.';
    // Joining must not make a UNC root out of a first part that was none ('\\' + 'server'):
    // leading separators beyond two are cut to one, and two only stay when the first part
    // itself started with two followed by a name.
    let needsReplace = true;
    let slashCount = 0;
    if (isSep(first.charCodeAt(0))) {
      ++slashCount;
      if (first.length > 1 && isSep(first.charCodeAt(1))) {
        ++slashCount;
        if (first.length > 2) {
          if (isSep(first.charCodeAt(2))) ++slashCount;
          else needsReplace = false;
        }
      }
    }
    if (needsReplace) {
      while (slashCount < joined.length && isSep(joined.charCodeAt(slashCount))) slashCount++;
      if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
    }
    return win32.normalize(joined);
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return '';
    const fromLower = fromOrig.toLowerCase();
    const toLower = toOrig.toLowerCase();
    if (fromLower === toLower) return '';
    // Compare case-insensitively part by part; paths whose first parts after the root
    // differ (or whose roots do) have no relative path: the answer is `to` resolved.
    const fromRoot = splitRoot(fromOrig);
    const toRoot = splitRoot(toOrig);
    if (fromOrig.slice(0, fromRoot.end).toLowerCase() !== toOrig.slice(0, toRoot.end).toLowerCase()) return toOrig;
    const fromParts = fromOrig.slice(fromRoot.end).split('\\').filter((p) => p !== '');
    const toParts = toOrig.slice(toRoot.end).split('\\').filter((p) => p !== '');
    let common = 0;
    while (common < fromParts.length && common < toParts.length &&
      fromParts[common].toLowerCase() === toParts[common].toLowerCase()) common++;
    if (common === 0 && fromRoot.device === '' && fromParts.length > 0 && toParts.length > 0) return toOrig;
    const up = fromParts.slice(common).map(() => '..');
    return [...up, ...toParts.slice(common)].join('\\');
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (resolved.length <= 2) return path;
    if (resolved.charCodeAt(0) === 92) {
      if (resolved.charCodeAt(1) === 92) {
        const c2 = resolved.charCodeAt(2);
        if (c2 !== 63 && c2 !== 46) return `\\\\?\\UNC\\${resolved.slice(2)}`;
      }
    } else if (isLetter(resolved.charCodeAt(0)) && resolved.charCodeAt(1) === 58 && resolved.charCodeAt(2) === 92) {
      return `\\\\?\\${resolved}`;
    }
    return resolved;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isSep(path.charCodeAt(0)) ? path : '.';
    const root = splitRoot(path);
    let rootEnd = root.device === '' && !root.absolute ? -1 : root.end;
    if (root.unc) {
      if (root.end === len) return path;
      rootEnd = root.end + 1;
    }
    // The separator just before the last name (trailing separators skipped) ends the answer.
    const { begin } = lastPart(path, Math.max(rootEnd, 0));
    if (begin > Math.max(rootEnd, 0)) return path.slice(0, begin - 1);
    return rootEnd === -1 ? '.' : path.slice(0, rootEnd);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'ext');
    validateString(path, 'path');
    let start = 0;
    if (path.length >= 2 && isLetter(path.charCodeAt(0)) && path.charCodeAt(1) === 58) start = 2;
    if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) {
      const { begin, end } = lastPart(path, start);
      return path.slice(begin, end);
    }
    if (suffix === path) return '';
    // Scanning back from the end: the name's start, and where it ends once `suffix` is cut
    // (the name's own end if the suffix does not match it).
    let begin = start;
    let end = -1;
    let nameEnd = -1;
    let suffixIndex = suffix.length - 1;
    for (let i = path.length - 1; i >= start; i--) {
      const code = path.charCodeAt(i);
      if (isSep(code)) {
        if (nameEnd !== -1) {
          begin = i + 1;
          break;
        }
        continue;
      }
      if (nameEnd === -1) nameEnd = i + 1;
      if (suffixIndex >= 0) {
        if (code === suffix.charCodeAt(suffixIndex)) {
          if (--suffixIndex === -1) end = i;
        } else {
          suffixIndex = -1;
          end = nameEnd;
        }
      }
    }
    if (begin === end) end = nameEnd;
    else if (end === -1) end = path.length;
    return path.slice(begin, end);
  },

  extname(path) {
    validateString(path, 'path');
    let start = 0;
    if (path.length >= 2 && path.charCodeAt(1) === 58 && isLetter(path.charCodeAt(0))) start = 2;
    const { begin, end, dot } = lastPart(path, start);
    if (dot === -1 || dot === begin) return '';
    return path.slice(dot, end);
  },

  format(pathObject) {
    if (pathObject === null || typeof pathObject !== 'object') {
      throw codes.ERR_INVALID_ARG_TYPE('pathObject', 'Object', pathObject);
    }
    const dir = pathObject.dir || pathObject.root;
    const base = pathObject.base || `${pathObject.name || ''}${pathObject.ext ? (pathObject.ext[0] === '.' ? '' : '.') + pathObject.ext : ''}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}\\${base}`;
  },

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    const len = path.length;
    if (len === 0) return ret;
    const root = splitRoot(path);
    let rootEnd = root.end;
    if (root.unc) {
      if (rootEnd === len) {
        ret.root = ret.dir = path;
        return ret;
      }
      rootEnd++;
    } else if (len === 1 && root.absolute) {
      ret.root = ret.dir = path;
      return ret;
    }
    ret.root = path.slice(0, rootEnd);
    if (rootEnd === len) {
      ret.dir = ret.root;
      return ret;
    }
    const { begin, end, dot } = lastPart(path, rootEnd);
    if (end > rootEnd) {
      ret.base = path.slice(begin, end);
      if (dot === -1 || dot === begin) {
        ret.name = ret.base;
      } else {
        ret.name = path.slice(begin, dot);
        ret.ext = path.slice(dot, end);
      }
    }
    ret.dir = begin > rootEnd ? path.slice(0, begin - 1) : ret.root;
    return ret;
  },

  matchesGlob: undefined,
  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
};

delete win32.matchesGlob;
win32.win32 = win32;

win32._makeLong = win32.toNamespacedPath;
module.exports = win32;
