'use strict';
// The hooks thread of `module.register` (see internal/module_hooks.js): imports the hooks
// modules, and answers the main thread's `resolve` and `load` requests by running their chain
// (the last registered first, each calling the next, down to Node's default resolve and load).
// Each answer is posted on the port, then the shared lock is set and notified.

const { workerData } = require('worker_threads');
const { makeError } = require('internal/errors');
const fs = require('fs');

const chain = []; // { url, resolve, load } in registration order

function defaultResolve(specifier, context = {}) {
  const parent = context.parentURL ?? `file://${process.cwd()}/`;
  const url = binding.esmDefaultResolve(String(specifier), parent);
  let format;
  try {
    format = binding.esmDefaultFormat(url);
  } catch {
    format = undefined;
  }
  return { url, format };
}

function defaultLoad(url, context = {}) {
  const format = context.format ?? binding.esmDefaultFormat(url);
  let source = null;
  if (format !== 'builtin' && format !== 'commonjs') {
    if (!url.startsWith('file:')) {
      throw makeError(Error, 'ERR_UNSUPPORTED_ESM_URL_SCHEME',
        `Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '${new URL(url).protocol}'`);
    }
    source = fs.readFileSync(new URL(url.replace(/[?#].*$/, '')));
  }
  return { format, source, responseURL: url };
}

// Runs the chain of `kind` from the hook at `index` down (below 0: the default).
function runChain(kind, index, first, context, last) {
  for (let k = index; k >= 0; k--) {
    const hook = chain[k][kind];
    if (typeof hook !== 'function') continue;
    let called = false;
    const next = (arg, ctx) => {
      called = true;
      return runChain(kind, k - 1, arg, ctx === undefined ? context : { ...context, ...ctx }, last);
    };
    return Promise.resolve(hook(first, context, next)).then((result) => {
      if (result === null || typeof result !== 'object') {
        throw makeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
          `Expected an object to be returned from the "${chain[k].url} '${kind}'" function but got ${result === null ? 'null' : typeof result}.`);
      }
      if (!called && result.shortCircuit !== true) {
        throw makeError(Error, 'ERR_LOADER_CHAIN_INCOMPLETE',
          `"${chain[k].url} '${kind}'" did not call the next hook in its chain and did not explicitly signal a short circuit. If this is intentional, include \`shortCircuit: true\` in the hook's return.`);
      }
      return result;
    });
  }
  return Promise.resolve(last(first, context));
}

async function resolveRequest(specifier, parentURL) {
  const context = { conditions: ['node', 'import', 'node-addons'], importAttributes: {}, parentURL };
  const result = await runChain('resolve', chain.length - 1, specifier, context, defaultResolve);
  if (typeof result.url !== 'string') {
    throw makeError(TypeError, 'ERR_INVALID_RETURN_PROPERTY_VALUE',
      `Expected a URL string to be returned for the "url" from the "resolve" hook but got ${typeof result.url}.`);
  }
  return { url: result.url, format: result.format ?? undefined };
}

function sourceText(source) {
  if (source === null || source === undefined) return null;
  if (typeof source === 'string') return source;
  if (ArrayBuffer.isView(source)) {
    return new TextDecoder().decode(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
  }
  if (source instanceof ArrayBuffer || source instanceof SharedArrayBuffer) return new TextDecoder().decode(source);
  throw makeError(TypeError, 'ERR_INVALID_RETURN_PROPERTY_VALUE',
    `Expected an array buffer, string or typed array to be returned for the "source" from the "load" hook but got ${typeof source}.`);
}

async function loadRequest(url, format) {
  const context = { conditions: ['node', 'import', 'node-addons'], format, importAttributes: {} };
  const result = await runChain('load', chain.length - 1, url, context, defaultLoad);
  return { format: result.format, source: sourceText(result.source) };
}

async function registerRequest(specifier, parentURL, data) {
  const { url } = await resolveRequest(specifier, parentURL);
  const exports = await import(url);
  const hooks = { url, resolve: exports.resolve, load: exports.load };
  chain.push(hooks);
  if (typeof exports.initialize === 'function') {
    const given = await exports.initialize(data);
    if (given !== null && typeof given === 'object') {
      if (typeof given.resolve === 'function') hooks.resolve = given.resolve;
      if (typeof given.load === 'function') hooks.load = given.load;
    }
  }
  return undefined;
}

function serializeError(e) {
  if (e instanceof Error) {
    return { isError: true, name: e.name, message: e.message, code: e.code, stack: e.stack };
  }
  return { isError: false, value: e };
}

exports.run = function run() {
  const { lock, port } = workerData;
  // Its exit (process.exit in a hook) ends the process with its code (module_hooks.js).
  process.on('exit', (code) => {
    Atomics.store(lock, 1, 1 + (code | 0));
    Atomics.notify(lock, 0);
  });
  const answer = (message) => {
    try {
      port.postMessage(message);
    } catch (e) {
      port.postMessage({ error: serializeError(e) });
    }
    Atomics.store(lock, 0, 1);
    Atomics.notify(lock, 0);
  };
  port.on('message', (m) => {
    let work;
    try {
      if (m.type === 'register') work = registerRequest(m.specifier, m.parentURL, m.data);
      else if (m.type === 'resolve') work = resolveRequest(m.specifier, m.parentURL);
      else work = loadRequest(m.url, m.format);
    } catch (e) {
      work = Promise.reject(e);
    }
    work.then((result) => answer({ result }), (e) => answer({ error: serializeError(e) }));
  });
};
