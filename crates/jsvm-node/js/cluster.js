// `cluster`: a primary forks workers (child_process.fork of the main program, with Node's
// NODE_UNIQUE_ID in their environment); a worker finds that variable at startup (the bootstrap
// loads this module then) and tells the primary it is online. Messages go over the fork IPC
// channel. Not done: sharing a listening socket between workers (Node's workers pass their
// `listen` to the primary; here each worker's server binds on its own), scheduling policies.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const EventEmitter = require('events');
const { validateObject } = require('internal/errors');

const kInternal = 'NODE_CLUSTER';
const uniqueId = process.env.NODE_UNIQUE_ID;
const isWorker = uniqueId !== undefined;
if (isWorker) delete process.env.NODE_UNIQUE_ID;

class Worker extends EventEmitter {
  constructor(options = {}) {
    super();
    this.exitedAfterDisconnect = undefined;
    this.state = options.state || 'none';
    this.id = options.id | 0;
    this.process = options.process;
    if (this.process !== undefined) {
      // (The fork channel gives messages whose `cmd` starts with NODE_ as 'internalMessage'.)
      this.process.on('message', (message, handle) => this.emit('message', message, handle));
      this.process.once('disconnect', () => this.emit('disconnect'));
      this.process.on('error', (err) => this.emit('error', err));
    }
  }

  send(...args) {
    return this.process.send(...args);
  }

  kill(signal = 'SIGTERM') {
    this.exitedAfterDisconnect = true;
    if (this.process === process) {
      process.exit(0);
      return;
    }
    if (this.isConnected()) this.process.disconnect();
    this.process.kill(signal);
  }

  destroy(signal) {
    this.kill(signal);
  }

  disconnect() {
    this.exitedAfterDisconnect = true;
    this.state = 'disconnecting';
    if (this.process.connected) this.process.disconnect();
    return this;
  }

  isDead() {
    return this.process.exitCode != null || this.process.signalCode != null;
  }

  isConnected() {
    return this.process.connected === true;
  }
}

const cluster = new EventEmitter();
cluster.isWorker = isWorker;
cluster.isMaster = !isWorker;
cluster.isPrimary = !isWorker;
cluster.Worker = Worker;
cluster.SCHED_NONE = 1;
cluster.SCHED_RR = 2;
cluster.schedulingPolicy = cluster.SCHED_RR;

if (isWorker) {
  cluster.worker = new Worker({ id: Number(uniqueId), process, state: 'online' });
  if (typeof process.send === 'function') process.send({ cmd: kInternal, act: 'online' });
} else {
  cluster.workers = {};
  cluster.settings = {};
  let ids = 0;

  cluster.setupPrimary = function setupPrimary(settings = {}) {
    validateObject(settings, 'settings');
    cluster.settings = {
      args: process.argv.slice(2),
      exec: process.argv[1],
      execArgv: process.execArgv.filter((a, i, all) => a !== '-e' && all[i - 1] !== '-e'),
      silent: false,
      ...cluster.settings,
      ...settings,
    };
    cluster.emit('setup', cluster.settings);
  };
  cluster.setupMaster = cluster.setupPrimary;

  cluster.fork = function fork(env) {
    if (cluster.settings.exec === undefined) cluster.setupPrimary();
    const { exec, args, execArgv, silent, cwd, stdio, uid, gid, serialization } = cluster.settings;
    const id = ++ids;
    const child = require('child_process').fork(exec, args, {
      cwd, env: { ...process.env, ...env, NODE_UNIQUE_ID: String(id) }, execArgv, silent,
      stdio, uid, gid, serialization,
    });
    const worker = new Worker({ id, process: child });
    cluster.workers[id] = worker;
    child.on('internalMessage', (message) => {
      if (message && message.cmd === kInternal && message.act === 'online') {
        worker.state = 'online';
        worker.emit('online');
        cluster.emit('online', worker);
      }
    });
    child.once('exit', (code, signal) => {
      worker.state = 'dead';
      if (worker.exitedAfterDisconnect === undefined) worker.exitedAfterDisconnect = false;
      delete cluster.workers[id];
      worker.emit('exit', code, signal);
      cluster.emit('exit', worker, code, signal);
    });
    child.once('disconnect', () => {
      cluster.emit('disconnect', worker);
    });
    process.nextTick(() => cluster.emit('fork', worker));
    return worker;
  };

  cluster.disconnect = function disconnect(callback) {
    const workers = Object.values(cluster.workers);
    let left = workers.length;
    const done = () => {
      if (--left <= 0 && typeof callback === 'function') callback();
    };
    if (left === 0) process.nextTick(done);
    for (const w of workers) {
      w.once('exit', done);
      w.disconnect();
    }
  };
}

module.exports = cluster;
