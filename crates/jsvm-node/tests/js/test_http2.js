// http2's constants, default settings and settings packing as Node 20's (jsvm has no HTTP/2 sessions:
// connect and the servers throw, see crates/jsvm-cli/tests/cli.rs).
const h=require('http2');
console.log(Object.keys(h).join(' '), Object.keys(h.constants).length, h.constants.HTTP2_HEADER_STATUS, h.constants.NGHTTP2_CANCEL);
console.log(JSON.stringify(h.getDefaultSettings()));
console.log(h.getPackedSettings({headerTableSize:1,enablePush:true,maxConcurrentStreams:3,initialWindowSize:4,maxFrameSize:16385,maxHeaderListSize:6,enableConnectProtocol:true}).toString('hex'));
console.log(JSON.stringify(h.getUnpackedSettings(h.getPackedSettings({headerTableSize:1,enablePush:false,maxHeaderListSize:9}))));
try { h.getPackedSettings({headerTableSize:-1}) } catch (e) { console.log(e.name, e.code, e.message) }
try { h.getUnpackedSettings(Buffer.alloc(5)) } catch (e) { console.log(e.name, e.code, e.message) }
try { h.getPackedSettings({enablePush: 1}) } catch (e) { console.log(e.name, e.code, e.message) }
console.log(JSON.stringify(h.getUnpackedSettings(Buffer.from('00090000000a','hex'))));
console.log(h.getPackedSettings().length, typeof h.sensitiveHeaders, String(h.sensitiveHeaders));
