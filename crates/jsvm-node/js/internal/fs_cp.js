// fs.cp, fs.cpSync and fs.promises.cp: copying files, links and (with `recursive`) directories,
// with Node's options (force, errorOnExist, filter, dereference, preserveTimestamps,
// verbatimSymlinks, mode) and Node's SystemErrors for what it refuses.
'use strict';
const path = require('path');

const { codes, validateFunction } = require('internal/errors');

// Node's SystemError: `${prefix}: cp returned ${code} (${message}) ${path}`, with `info` and
// errno, syscall and path as accessors over it.
function cpError(errCode, prefix, code, errno, message, at) {
  const info = { message, path: at, syscall: 'cp', errno, code };
  const err = new Error(`${prefix}: cp returned ${code} (${message}) ${at}`);
  Object.defineProperty(err, 'name', { value: 'SystemError', writable: true, configurable: true });
  try {
    const stack = err.stack;
    if (typeof stack === 'string' && stack.startsWith('Error: ')) {
      Object.defineProperty(err, 'stack', {
        value: `SystemError [${errCode}]: ${stack.slice('Error: '.length)}`,
        writable: true, configurable: true,
      });
    }
  } catch {}
  Object.defineProperty(err, 'toString', {
    value() { return `SystemError [${errCode}]: ${this.message}`; },
    writable: true, configurable: true,
  });
  err.code = errCode;
  err.info = info;
  for (const key of ['errno', 'syscall', 'path']) {
    Object.defineProperty(err, key, {
      get() { return info[key]; },
      set(value) { info[key] = value; },
      enumerable: true, configurable: true,
    });
  }
  return err;
}

const errors = {
  EINVAL: (message, at) => cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 22, message, at),
  EISDIR: (message, at) => cpError('ERR_FS_EISDIR', 'Path is a directory', 'EISDIR', 22, message, at),
  EEXIST: (message, at) => cpError('ERR_FS_CP_EEXIST', 'Target already exists', 'EEXIST', 17, message, at),
  NON_DIR_TO_DIR: (message, at) => cpError('ERR_FS_CP_NON_DIR_TO_DIR',
    'Cannot overwrite directory with non-directory', 'ENOTDIR', 20, message, at),
  DIR_TO_NON_DIR: (message, at) => cpError('ERR_FS_CP_DIR_TO_NON_DIR',
    'Cannot overwrite non-directory with directory', 'EISDIR', 21, message, at),
  SYMLINK_TO_SUBDIRECTORY: (message, at) => cpError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY',
    'Cannot copy symlink to a subdirectory of self', 'EINVAL', 22, message, at),
  UNKNOWN: (message, at) => cpError('ERR_FS_CP_UNKNOWN', 'Cannot copy an unknown file type', 'EINVAL', 22, message, at),
};

function validateOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  const opts = {
    dereference: false, errorOnExist: false, filter: undefined, force: true,
    preserveTimestamps: false, recursive: false, verbatimSymlinks: false, mode: 0, ...options,
  };
  for (const key of ['dereference', 'errorOnExist', 'force', 'preserveTimestamps', 'recursive', 'verbatimSymlinks']) {
    if (typeof opts[key] !== 'boolean') throw codes.ERR_INVALID_ARG_TYPE(`options.${key}`, 'boolean', opts[key]);
  }
  if (opts.filter !== undefined) validateFunction(opts.filter, 'options.filter');
  if (opts.dereference && opts.verbatimSymlinks) {
    throw codes.ERR_INCOMPATIBLE_OPTION_PAIR
      ? codes.ERR_INCOMPATIBLE_OPTION_PAIR('dereference', 'verbatimSymlinks')
      : new TypeError('Option "dereference" cannot be used in combination with option "verbatimSymlinks"');
  }
  return opts;
}

function isSubdirectory(src, dest) {
  const srcParts = path.resolve(src).split(path.sep).filter(Boolean);
  const destParts = path.resolve(dest).split(path.sep).filter(Boolean);
  return srcParts.every((part, i) => destParts[i] === part);
}

// The synchronous copy; `filter` answers synchronously (cp awaits a promise it returns).
function copy(fs, src, dest, opts, filterAnswer) {
  const statOf = (p) => (opts.dereference ? fs.statSync(p) : fs.lstatSync(p));
  const srcStat = statOf(src);
  const destStat = (opts.dereference ? fs.statSync : fs.lstatSync)(dest, { throwIfNoEntry: false });
  if (destStat !== undefined && srcStat.ino === destStat.ino && srcStat.dev === destStat.dev) {
    throw errors.EINVAL('src and dest cannot be the same', dest);
  }
  if (srcStat.isDirectory() && !opts.recursive) {
    throw errors.EISDIR(`${src} is a directory (not copied)`, src);
  }
  if (destStat !== undefined) {
    if (srcStat.isDirectory() && !destStat.isDirectory()) {
      throw errors.DIR_TO_NON_DIR(`cannot overwrite non-directory ${dest} with directory ${src}`, dest);
    }
    if (!srcStat.isDirectory() && destStat.isDirectory()) {
      throw errors.NON_DIR_TO_DIR(`cannot overwrite directory ${dest} with non-directory ${src}`, dest);
    }
  }
  if (srcStat.isDirectory() && isSubdirectory(src, dest)) {
    throw errors.EINVAL(`cannot copy ${src} to a subdirectory of self ${dest}`, dest);
  }
  // The destination's parent is made as needed.
  const parent = path.dirname(dest);
  if (!fs.existsSync(parent)) fs.mkdirSync(parent, { recursive: true });
  copyEntry(fs, src, dest, opts, filterAnswer, statOf, srcStat, destStat);
}

function copyEntry(fs, src, dest, opts, filterAnswer, statOf, srcStat, destStat) {
  if (opts.filter !== undefined && !filterAnswer(src, dest)) return;
  if (srcStat.isDirectory()) {
    if (destStat === undefined) fs.mkdirSync(dest);
    for (const name of fs.readdirSync(src)) {
      const from = path.join(src, name);
      const to = path.join(dest, name);
      const fromStat = statOf(from);
      const toStat = (opts.dereference ? fs.statSync : fs.lstatSync)(to, { throwIfNoEntry: false });
      if (toStat !== undefined && fromStat.isDirectory() && !toStat.isDirectory()) {
        throw errors.DIR_TO_NON_DIR(`cannot overwrite non-directory ${to} with directory ${from}`, to);
      }
      if (toStat !== undefined && !fromStat.isDirectory() && toStat.isDirectory()) {
        throw errors.NON_DIR_TO_DIR(`cannot overwrite directory ${to} with non-directory ${from}`, to);
      }
      copyEntry(fs, from, to, opts, filterAnswer, statOf, fromStat, toStat);
    }
    if (destStat === undefined) fs.chmodSync(dest, srcStat.mode & 0o7777);
    return;
  }
  if (srcStat.isSymbolicLink()) {
    let target = fs.readlinkSync(src);
    if (!opts.verbatimSymlinks && !path.isAbsolute(target)) target = path.resolve(path.dirname(src), target);
    if (destStat !== undefined) {
      if (!opts.force) {
        if (opts.errorOnExist) throw errors.EEXIST(`${dest} already exists`, dest);
        return;
      }
      fs.unlinkSync(dest);
    }
    fs.symlinkSync(target, dest);
    return;
  }
  if (!srcStat.isFile()) throw errors.UNKNOWN(`cannot copy an unknown file type ${dest}`, dest);
  if (destStat !== undefined) {
    if (!opts.force) {
      if (opts.errorOnExist) throw errors.EEXIST(`${dest} already exists`, dest);
      return;
    }
    fs.unlinkSync(dest);
  }
  fs.copyFileSync(src, dest, opts.mode);
  if (opts.preserveTimestamps) fs.utimesSync(dest, srcStat.atime, srcStat.mtime);
}

function cpSync(fs, src, dest, options) {
  const opts = validateOptions(options);
  src = fs._toPath(src, 'src');
  dest = fs._toPath(dest, 'dest');
  copy(fs, src, dest, opts, (s, d) => {
    const answer = opts.filter(s, d);
    if (answer !== null && typeof answer === 'object' && typeof answer.then === 'function') {
      throw codes.ERR_INVALID_RETURN_VALUE
        ? codes.ERR_INVALID_RETURN_VALUE('boolean', 'filter', answer)
        : new TypeError('Expected a boolean from the filter function; a promise was returned');
    }
    return answer;
  });
}

// The promise form: the filter may answer with a promise, so its answers are gathered first
// (walking the source as the copy will), then the copy runs with them.
async function cp(fs, src, dest, options) {
  const opts = validateOptions(options);
  src = fs._toPath(src, 'src');
  dest = fs._toPath(dest, 'dest');
  const answers = new Map();
  if (opts.filter !== undefined) {
    const statOf = (p) => (opts.dereference ? fs.statSync(p) : fs.lstatSync(p));
    const visit = async (s, d) => {
      const ok = !!(await opts.filter(s, d));
      answers.set(`${s}\0${d}`, ok);
      if (!ok) return;
      const st = statOf(s);
      if (st.isDirectory() && opts.recursive) {
        for (const name of fs.readdirSync(s)) await visit(path.join(s, name), path.join(d, name));
      }
    };
    await visit(src, dest);
  }
  copy(fs, src, dest, opts, (s, d) => answers.get(`${s}\0${d}`) !== false);
}

module.exports = { cpSync, cp };
