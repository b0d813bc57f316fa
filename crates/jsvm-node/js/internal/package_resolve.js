// Node's package resolution, shared by the CommonJS loader (internal/bootstrap.js) and the ES
// module resolver (src/module_binding.rs, through the host hook `esmResolve`): package.json
// "exports" and "imports" (conditions, subpath patterns), "main", "type" (whether a .js file
// is an ES module), and node_modules lookup. Follows the algorithm of Node's docs
// (doc/api/packages.md, doc/api/esm.md "Resolution algorithm").
'use strict';

const path = require('path');

// Node 20.19+ resolves with "module-sync" too (it can require() ES modules).
const requireConditions = new Set(['require', 'node', 'module-sync', 'node-addons', 'default']);
const importConditions = new Set(['import', 'node', 'module-sync', 'node-addons', 'default']);

const packageCache = new Map(); // package.json path -> parsed object, or null (none / unreadable)

function codedError(code, message) {
  const err = new Error(message);
  err.code = code;
  try {
    Object.defineProperty(err, 'stack', {
      value: `Error [${code}]: ${message}\n${String(err.stack).split('\n').slice(1).join('\n')}`,
      writable: true, configurable: true,
    });
  } catch {}
  return err;
}

function isFile(p) {
  const st = binding.stat(p);
  return st !== undefined && st[0] === 0;
}

function readPackage(file) {
  if (packageCache.has(file)) return packageCache.get(file);
  let pkg = null;
  if (isFile(file)) {
    try {
      const parsed = JSON.parse(binding.readFile(file, true));
      if (parsed !== null && typeof parsed === 'object') pkg = parsed;
    } catch (e) {
      const err = codedError('ERR_INVALID_PACKAGE_CONFIG',
        `Invalid package config ${file}.`);
      err.cause = e;
      throw err;
    }
  }
  packageCache.set(file, pkg);
  return pkg;
}

// The nearest package.json at or above `dir`: { dir, pkg }, or undefined.
function packageScope(dir) {
  for (;;) {
    if (path.basename(dir) === 'node_modules') return undefined;
    const pkg = readPackage(path.join(dir, 'package.json'));
    if (pkg) return { dir, pkg };
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

// Whether nothing declares how `filename` is loaded: a .js or extensionless file whose nearest
// package.json has no "type" (Node 20 then detects ES module syntax).
function isTypeless(filename) {
  const base = path.basename(filename);
  if (!filename.endsWith('.js') && base.includes('.')) return false;
  const scope = packageScope(path.dirname(filename));
  return !scope || scope.pkg.type === undefined;
}

// 'module', 'commonjs' or 'json': how a file is loaded (Node: .mjs and .js under
// "type": "module" are ES modules, .cjs and other .js CommonJS).
function formatOf(filename) {
  if (filename.endsWith('.mjs')) return 'module';
  if (filename.endsWith('.cjs')) return 'commonjs';
  if (filename.endsWith('.json')) return 'json';
  if (filename.endsWith('.js')) {
    const scope = packageScope(path.dirname(filename));
    if (scope && scope.pkg.type === 'module') return 'module';
  }
  return 'commonjs';
}

// The "type" of the package.json nearest to `filename` ('module', 'commonjs' or undefined).
function scopeType(filename) {
  const scope = packageScope(path.dirname(filename));
  return scope ? scope.pkg.type : undefined;
}

// Whether Node 20 runs the main module `filename` through its ES module loader: a .mjs file, or
// any but a .cjs one under "type": "module" (an extensionless bin script too).
function mainIsModule(filename) {
  if (filename.endsWith('.mjs')) return true;
  return !filename.endsWith('.cjs') && scopeType(filename) === 'module';
}

// How `import` takes a file (Node 20's ES module loader): 'module', 'json' or 'commonjs' (a
// .js or extensionless file under no "type": the caller detects ES module syntax). .js and
// extensionless files follow the package's "type"; another extension is an error.
function importFormatOf(filename) {
  const ext = path.extname(filename);
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  if (ext === '.json') return 'json';
  if (ext === '.js' || ext === '') return scopeType(filename) === 'module' ? 'module' : 'commonjs';
  throw require('internal/errors').makeError(TypeError, 'ERR_UNKNOWN_FILE_EXTENSION',
    `Unknown file extension "${ext}" for ${filename}`);
}

function invalidTarget(pkgDir, subpath, target, internal) {
  const where = `${pkgDir}${path.sep}package.json`;
  const shown = JSON.stringify(target);
  const message = subpath === '.' && !internal
    ? `Invalid "exports" main target ${shown} defined in the package config ${where}`
    : `Invalid "${internal ? 'imports' : 'exports'}" target ${shown} defined for '${subpath}' ` +
      `in the package config ${where}`;
  return codedError('ERR_INVALID_PACKAGE_TARGET', message);
}

// Resolves one target of an "exports"/"imports" map: a path (string) or undefined (null, or no
// condition matched).
function resolveTarget(pkgDir, target, subpath, match, conditions, internal) {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) {
      if (internal && !target.startsWith('../') && !target.startsWith('/')) {
        // "imports" may map to a package.
        return { bare: match === undefined ? target : target.split('*').join(match) };
      }
      throw invalidTarget(pkgDir, subpath, target, internal);
    }
    const resolved = match === undefined ? target : target.split('*').join(match);
    const segments = resolved.slice(2).split(/[\\/]/);
    if (segments.some((s) => s === '..' || s === 'node_modules')) {
      throw invalidTarget(pkgDir, subpath, target, internal);
    }
    return { file: path.join(pkgDir, resolved) };
  }
  if (Array.isArray(target)) {
    let lastError;
    for (const t of target) {
      try {
        const r = resolveTarget(pkgDir, t, subpath, match, conditions, internal);
        if (r !== undefined) return r;
      } catch (e) {
        lastError = e;
        if (e && e.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw e;
      }
    }
    if (lastError) throw lastError;
    return undefined;
  }
  if (target !== null && typeof target === 'object') {
    for (const key of Object.keys(target)) {
      if (conditions.has(key)) {
        const r = resolveTarget(pkgDir, target[key], subpath, match, conditions, internal);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }
  if (target === null) return undefined;
  throw invalidTarget(pkgDir, subpath, target, internal);
}

// Finds `key` in an exports/imports map: exact, then the longest matching "*" pattern.
function resolveInMap(pkgDir, map, key, conditions, internal) {
  if (Object.prototype.hasOwnProperty.call(map, key) && !key.includes('*')) {
    return { found: true, result: resolveTarget(pkgDir, map[key], key, undefined, conditions, internal) };
  }
  let bestKey = '';
  let bestMatch;
  for (const k of Object.keys(map)) {
    const star = k.indexOf('*');
    if (star < 0 || k.indexOf('*', star + 1) >= 0) continue;
    const prefix = k.slice(0, star);
    const suffix = k.slice(star + 1);
    if (key.startsWith(prefix) && key !== prefix && key.length >= k.length - 1 &&
        key.endsWith(suffix) && patternKeyCompare(bestKey, k) === 1) {
      bestKey = k;
      bestMatch = key.slice(prefix.length, key.length - suffix.length);
    }
  }
  if (bestKey) {
    return { found: true, result: resolveTarget(pkgDir, map[bestKey], key, bestMatch, conditions, internal) };
  }
  return { found: false };
}

// Node's PATTERN_KEY_COMPARE: 1 when b is the more specific pattern.
function patternKeyCompare(a, b) {
  const aStar = a.indexOf('*');
  const bStar = b.indexOf('*');
  const baseA = aStar === -1 ? a.length : aStar + 1;
  const baseB = bStar === -1 ? b.length : bStar + 1;
  if (baseA > baseB) return -1;
  if (baseB > baseA) return 1;
  if (aStar === -1) return 1;
  if (bStar === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

function notExported(pkgDir, subpath, base) {
  const where = `${pkgDir}${path.sep}package.json`;
  const from = base ? ` imported from ${base}` : '';
  return codedError('ERR_PACKAGE_PATH_NOT_EXPORTED', subpath === '.'
    ? `No "exports" main defined in ${where}${from}`
    : `Package subpath '${subpath}' is not defined by "exports" in ${where}${from}`);
}

// Resolves `subpath` ('.' or './x') through a package's "exports": a file path.
function resolveExports(pkgDir, exportsField, subpath, conditions, base) {
  let map = exportsField;
  const isConditionsOnly = typeof map === 'string' || Array.isArray(map) || (map !== null &&
    typeof map === 'object' && !Object.keys(map).some((k) => k.startsWith('.')));
  if (isConditionsOnly) map = { '.': map };
  if (map === null || typeof map !== 'object') throw notExported(pkgDir, subpath, base);
  const { found, result } = resolveInMap(pkgDir, map, subpath, conditions, false);
  if (!found || result === undefined) throw notExported(pkgDir, subpath, base);
  return result.file;
}

// Splits a bare specifier into its package name and subpath ('.', or './rest').
function splitBare(specifier) {
  let end = specifier.indexOf('/');
  if (specifier.startsWith('@')) {
    if (end < 0) return undefined;
    end = specifier.indexOf('/', end + 1);
  }
  const name = end < 0 ? specifier : specifier.slice(0, end);
  if (name === '' || name.startsWith('.') || name.includes('\\') || name.includes('%')) return undefined;
  return { name, subpath: end < 0 ? '.' : `.${specifier.slice(end)}` };
}

function nodeModulePaths(from) {
  const paths = [];
  let dir = path.resolve(from);
  for (;;) {
    if (path.basename(dir) !== 'node_modules') paths.push(path.join(dir, 'node_modules'));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return paths;
}

// A bare specifier's package with an "exports" field: the file it names, or undefined when
// the package has no "exports" (the caller then uses the legacy lookup). Tries the package
// itself first (a package may import itself by name), then node_modules (the folders `dirs`,
// by default those above `fromDir`).
function resolvePackageExports(specifier, fromDir, conditions, base, dirs = nodeModulePaths(fromDir)) {
  const parts = splitBare(specifier);
  if (parts === undefined) return undefined;
  const scope = packageScope(fromDir);
  if (scope && scope.pkg.name === parts.name && scope.pkg.exports !== undefined) {
    return resolveExports(scope.dir, scope.pkg.exports, parts.subpath, conditions, base);
  }
  for (const dir of dirs) {
    const { pkg, file } = exportsIn(path.resolve(dir), parts, conditions, base);
    if (pkg) return file;
  }
  return undefined;
}

// The package of `parts` (splitBare's) in the node_modules folder `dir`, if there is one, and
// the file its "exports" give (undefined without "exports").
function exportsIn(dir, parts, conditions, base) {
  const pkgDir = path.join(dir, parts.name);
  const pkg = readPackage(path.join(pkgDir, 'package.json'));
  if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
    return { pkg, file: resolveExports(pkgDir, pkg.exports, parts.subpath, conditions, base) };
  }
  return { pkg, file: undefined };
}

// A bare specifier through the "exports" of its package in the folder `dir` (Module._findPath's
// lookup): the file, or undefined.
function resolveExportsIn(dir, specifier, conditions) {
  const parts = splitBare(specifier);
  return parts === undefined ? undefined : exportsIn(dir, parts, conditions).file;
}

// '#name' through the nearest package.json "imports": { file } or { bare } (a package name).
function resolvePackageImports(specifier, fromDir, conditions, base) {
  const scope = packageScope(fromDir);
  if (scope && scope.pkg.imports !== null && typeof scope.pkg.imports === 'object') {
    const { found, result } = resolveInMap(scope.dir, scope.pkg.imports, specifier, conditions, true);
    if (found && result !== undefined) return result;
  }
  const where = scope ? ` in package ${scope.dir}${path.sep}package.json` : '';
  throw codedError('ERR_PACKAGE_IMPORT_NOT_DEFINED',
    `Package import specifier "${specifier}" is not defined${where}${base ? ` imported from ${base}` : ''}`);
}

// The package.json "main" of a directory a bare ES import names (legacy main resolution:
// "main", then index.js), or undefined.
function legacyMain(pkgDir) {
  const pkg = readPackage(path.join(pkgDir, 'package.json'));
  const candidates = [];
  if (pkg && typeof pkg.main === 'string' && pkg.main) {
    const m = path.resolve(pkgDir, pkg.main);
    candidates.push(m, `${m}.js`, `${m}.json`, `${m}.node`, path.join(m, 'index.js'),
      path.join(m, 'index.json'), path.join(m, 'index.node'));
  }
  candidates.push(path.join(pkgDir, 'index.js'), path.join(pkgDir, 'index.json'),
    path.join(pkgDir, 'index.node'));
  return candidates.find(isFile);
}

// An ES import of a bare or '#' specifier from the file `parentPath`: an absolute file path.
function esmResolve(specifier, parentPath) {
  const fromDir = parentPath ? path.dirname(parentPath) : binding.cwd();
  const base = parentPath || path.join(binding.cwd(), '[eval]');
  let file;
  if (specifier.startsWith('#')) {
    const r = resolvePackageImports(specifier, fromDir, importConditions, base);
    if (r.bare === undefined) file = r.file;
    else return esmResolve(r.bare, parentPath);
  } else {
    file = resolvePackageExports(specifier, fromDir, importConditions, base);
  }
  if (file === undefined) {
    const parts = splitBare(specifier);
    if (parts === undefined) {
      throw codedError('ERR_INVALID_MODULE_SPECIFIER',
        `Invalid module "${specifier}" is not a valid package name imported from ${base}`);
    }
    for (const dir of nodeModulePaths(fromDir)) {
      const pkgDir = path.join(dir, parts.name);
      const st = binding.stat(pkgDir);
      if (st === undefined || st[0] !== 1) continue;
      file = parts.subpath === '.' ? legacyMain(pkgDir) : path.join(pkgDir, parts.subpath);
      if (file === undefined) {
        throw codedError('ERR_MODULE_NOT_FOUND',
          `Cannot find package '${pkgDir}' imported from ${base}`);
      }
      break;
    }
    if (file === undefined) {
      throw codedError('ERR_MODULE_NOT_FOUND',
        `Cannot find package '${parts.name}' imported from ${base}`);
    }
  }
  const st = binding.stat(file);
  if (st === undefined || st[0] !== 0) {
    const message = st !== undefined && st[0] === 1
      ? `Directory import '${file}' is not supported resolving ES modules imported from ${base}`
      : `Cannot find module '${file}' imported from ${base}`;
    throw codedError(st !== undefined ? 'ERR_UNSUPPORTED_DIR_IMPORT' : 'ERR_MODULE_NOT_FOUND', message);
  }
  return file;
}

module.exports = {
  requireConditions,
  formatOf,
  importFormatOf,
  mainIsModule,
  isTypeless,
  nodeModulePaths,
  resolvePackageExports,
  resolveExportsIn,
  resolvePackageImports,
  esmResolve,
};
