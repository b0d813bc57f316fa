// `dgram`: UDP sockets on the socket natives of src/net_binding/udp.rs (handles of the loop's
// poll, shared with `net` through net._internal). A socket binds when asked, or on its first
// send or connect; received datagrams are 'message' events. Names given as addresses are
// looked up by the natives (blocking, as `dns.lookup` here does).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { makeError, codes, isArrayBufferView } = require('internal/errors');
const net = require('net');

const { nb, attach, detach, setRef, errnoException, exceptionWithHostPort, validatePort } = net._internal;

const EV_MESSAGE = 30; // src/net_binding.rs
const UNBOUND = 0;
const BINDING = 1;
const BOUND = 2;

const E = {
  badType: () => makeError(TypeError, 'ERR_SOCKET_BAD_TYPE', 'Bad socket type specified. Valid types are: udp4, udp6'),
  alreadyBound: () => makeError(Error, 'ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound'),
  notRunning: () => makeError(Error, 'ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running'),
  isConnected: () => makeError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected'),
  notConnected: () => makeError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected'),
};

const UV_EAI_NONAME = -3008;

// An error of the natives, as Node reports it: a failed name lookup is dns.lookup's.
function socketError(err, syscall, host, port) {
  if (err === UV_EAI_NONAME) {
    const e = new Error(`getaddrinfo ENOTFOUND ${host}`);
    e.errno = err;
    e.code = 'ENOTFOUND';
    e.syscall = 'getaddrinfo';
    e.hostname = host;
    return e;
  }
  return syscall === 'send' ? errnoException(err, syscall, host && `${host}:${port}`) :
    exceptionWithHostPort(err, syscall, host, port);
}

function toBuffer(chunk) {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (isArrayBufferView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw codes.ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
}

class Socket extends EventEmitter {
  constructor(type, listener) {
    super();
    const options = typeof type === 'string' ? { type } : type;
    if (options === null || typeof options !== 'object' || (options.type !== 'udp4' && options.type !== 'udp6')) {
      throw E.badType();
    }
    this.type = options.type;
    this._id = 0;
    this._refed = true;
    this._bindState = UNBOUND;
    this._connected = false;
    this._closed = false;
    this._reuseAddr = !!options.reuseAddr;
    this._ipv6Only = !!options.ipv6Only;
    this._pending = []; // work waiting for the socket to be bound
    if (typeof listener === 'function') this.on('message', listener);
    if (options.signal !== undefined) {
      const onAbort = () => { if (!this._closed) this.close(); };
      if (options.signal.aborted) process.nextTick(onAbort);
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
  }

  _healthCheck() {
    if (this._closed) throw E.notRunning();
  }

  bind(port, address, callback) {
    this._healthCheck();
    if (this._bindState !== UNBOUND) throw E.alreadyBound();
    let exclusive;
    if (port !== null && typeof port === 'object') {
      callback = address;
      ({ port, address, exclusive } = port);
    } else if (typeof port === 'function') {
      callback = port; port = 0; address = undefined;
    }
    if (typeof address === 'function') {
      callback = address; address = undefined;
    }
    if (typeof callback === 'function') this.once('listening', callback);
    port = port === undefined || port === null ? 0 : validatePort(port);
    void exclusive;
    this._bindState = BINDING;
    const host = typeof address === 'string' ? address : '';
    process.nextTick(() => {
      if (this._closed) return;
      const flags = (this._reuseAddr ? 1 : 0) | (this._ipv6Only ? 2 : 0);
      const id = nb.udpBind(this.type === 'udp6', host, port, flags);
      if (id < 0) {
        this._bindState = UNBOUND;
        const shown = host || (this.type === 'udp6' ? '::' : '0.0.0.0');
        this.emit('error', socketError(id, 'bind', shown, port));
        return;
      }
      attach(this, id);
      nb.readStart(id);
      this._bindState = BOUND;
      this.emit('listening');
      const pending = this._pending;
      this._pending = [];
      for (const work of pending) work();
    });
    return this;
  }

  // Runs `work` once bound, binding to any port first if nothing has.
  _whenBound(work) {
    if (this._bindState === BOUND) {
      work();
      return;
    }
    this._pending.push(work);
    if (this._bindState === UNBOUND) this.bind({ port: 0 });
  }

  send(msg, offset, length, port, address, callback) {
    let list;
    if (typeof msg === 'string' || isArrayBufferView(msg)) {
      if (typeof offset === 'number' && typeof length === 'number' && typeof msg !== 'string' &&
          (typeof port === 'number' || this._connected)) {
        const buf = toBuffer(msg);
        list = [buf.subarray(offset, offset + length)];
      } else {
        callback = port;
        address = length;
        port = offset;
        list = [toBuffer(msg)];
      }
    } else if (Array.isArray(msg)) {
      callback = port;
      address = length;
      port = offset;
      list = msg.map(toBuffer);
    } else {
      throw codes.ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], msg);
    }
    if (typeof port === 'function') {
      callback = port; port = undefined; address = undefined;
    } else if (typeof address === 'function') {
      callback = address; address = undefined;
    }
    if (port !== undefined && port !== null) {
      port = validatePort(port, 'Port', false);
    } else if (!this._connected) {
      throw makeError(RangeError, 'ERR_SOCKET_BAD_PORT', `Port should be > 0 and < 65536. Received ${port}.`);
    }
    if (address !== undefined && address !== null && typeof address !== 'string') {
      throw codes.ERR_INVALID_ARG_TYPE('address', 'string', address);
    }
    this._healthCheck();
    const host = port === undefined || port === null ? '' : (address || (this.type === 'udp6' ? '::1' : '127.0.0.1'));
    const data = list.length === 1 ? list[0] : Buffer.concat(list);
    this._whenBound(() => {
      if (this._closed) return;
      const sent = nb.udpSend(this._id, data, host, host === '' ? 0 : port);
      const err = sent < 0 ? socketError(sent, 'send', host, port) : null;
      if (typeof callback === 'function') process.nextTick(callback, err, err ? undefined : sent);
      else if (err) process.nextTick(() => this.emit('error', err));
    });
  }

  connect(port, address, callback) {
    port = validatePort(port, 'Port', false);
    if (typeof address === 'function') {
      callback = address; address = undefined;
    }
    if (this._connected || this._connecting) throw E.isConnected();
    this._healthCheck();
    if (typeof callback === 'function') this.once('connect', callback);
    this._connecting = true;
    const host = address || (this.type === 'udp6' ? '::1' : '127.0.0.1');
    this._whenBound(() => {
      if (this._closed) return;
      this._connecting = false;
      const err = nb.udpConnect(this._id, host, port);
      if (err < 0) {
        process.nextTick(() => this.emit('error', socketError(err, 'connect', host, port)));
        return;
      }
      this._connected = true;
      process.nextTick(() => this.emit('connect'));
    });
  }

  disconnect() {
    this._healthCheck();
    if (!this._connected) throw E.notConnected();
    const err = nb.udpDisconnect(this._id);
    if (err < 0) throw errnoException(err, 'disconnect');
    this._connected = false;
  }

  close(callback) {
    if (this._closed) throw E.notRunning();
    if (typeof callback === 'function') this.once('close', callback);
    this._closed = true;
    this._pending = [];
    detach(this);
    process.nextTick(() => this.emit('close'));
    return this;
  }

  address() {
    this._healthCheck();
    const a = this._id ? nb.address(this._id) : undefined;
    if (a === undefined) throw errnoException(-9, 'getsockname');
    return { address: a[0], family: a[1], port: a[2] };
  }

  remoteAddress() {
    this._healthCheck();
    if (!this._connected) throw E.notConnected();
    const a = nb.address(this._id, true);
    if (a === undefined) throw E.notConnected();
    return { address: a[0], family: a[1], port: a[2] };
  }

  _option(name, value, syscall) {
    this._healthCheck();
    const err = this._id ? nb.udpSetOption(this._id, name, value) : -9;
    if (err < 0) throw errnoException(err, syscall);
  }

  setBroadcast(on) { this._option('broadcast', on ? 1 : 0, 'setBroadcast'); }

  setTTL(ttl) {
    if (typeof ttl !== 'number') throw codes.ERR_INVALID_ARG_TYPE('ttl', 'number', ttl);
    this._option('ttl', ttl, 'setTTL');
    return ttl;
  }

  setMulticastTTL(ttl) {
    if (typeof ttl !== 'number') throw codes.ERR_INVALID_ARG_TYPE('ttl', 'number', ttl);
    this._option('multicastTTL', ttl, 'setMulticastTTL');
    return ttl;
  }

  setMulticastLoopback(on) {
    this._option('multicastLoopback', on ? 1 : 0, 'setMulticastLoopback');
    return on;
  }

  _membership(group, iface, join) {
    this._healthCheck();
    if (typeof group !== 'string') throw codes.ERR_INVALID_ARG_TYPE('multicastAddress', 'string', group);
    const syscall = join ? 'addMembership' : 'dropMembership';
    const err = this._id ? nb.udpMembership(this._id, group, iface || '', join) : -9;
    if (err < 0) throw errnoException(err, syscall);
  }

  addMembership(group, iface) { this._membership(group, iface, true); }

  dropMembership(group, iface) { this._membership(group, iface, false); }

  ref() {
    setRef(this, true);
    return this;
  }

  unref() {
    setRef(this, false);
    return this;
  }

  _onIo(type, payload) {
    if (type !== EV_MESSAGE) return;
    const [address, family, port, bytes] = payload;
    const msg = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.emit('message', msg, { address, family, port, size: msg.length });
  }
}

if (typeof Symbol.asyncDispose === 'symbol') {
  Socket.prototype[Symbol.asyncDispose] = function () {
    if (this._closed) return Promise.resolve();
    return new Promise((resolve) => this.close(resolve));
  };
}

function createSocket(type, listener) {
  return new Socket(type, listener);
}

module.exports = { createSocket, Socket };
