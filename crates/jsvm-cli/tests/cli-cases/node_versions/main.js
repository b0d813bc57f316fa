// process.version is the Node release whose API jsvm implements; builtinModules uses Node's names.
const Module = require('module');
console.log(process.version, process.versions.node, process.version === `v${process.versions.node}`);
console.log(Number(process.versions.node.split('.')[0]) >= 10);
const mods = Module.builtinModules;
console.log(Array.isArray(mods), mods.includes('assert_strict'), mods.includes('assert/strict'));
console.log(mods.includes('fs'), mods.includes('module'), mods.includes('process'), mods.includes('timers/promises'));
console.log(mods.every((m) => Module.isBuiltin(m)), Module.isBuiltin('node:assert/strict'), Module.isBuiltin('assert_strict'));
console.log(require('assert/strict') === require('assert').strict, require('node:assert/strict') === require('assert/strict'));
// Node 20's list: jsvm lists none that Node does not have.
const node20 = ('_http_agent _http_client _http_common _http_incoming _http_outgoing _http_server ' +
  '_stream_duplex _stream_passthrough _stream_readable _stream_transform _stream_wrap ' +
  '_stream_writable _tls_common _tls_wrap assert assert/strict async_hooks buffer child_process ' +
  'cluster console constants crypto dgram diagnostics_channel dns dns/promises domain events fs ' +
  'fs/promises http http2 https inspector inspector/promises module net os path path/posix ' +
  'path/win32 perf_hooks process punycode querystring readline readline/promises repl stream ' +
  'stream/consumers stream/promises stream/web string_decoder sys timers timers/promises tls ' +
  'trace_events tty url util util/types v8 vm wasi worker_threads zlib').split(' ');
console.log(mods.filter((m) => !node20.includes(m)), mods.slice().sort().join() === mods.join());
