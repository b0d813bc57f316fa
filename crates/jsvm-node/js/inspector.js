// `inspector`: jsvm has no inspector (no V8, no DevTools protocol), so this is the module as
// a Node built without the inspector behaves for a program: no debugger is attached (`url()`
// is undefined), and opening one or connecting a session throws ERR_INSPECTOR_NOT_AVAILABLE.
'use strict';

const EventEmitter = require('events');
const { makeError } = require('internal/errors');

function notAvailable() {
  return makeError(Error, 'ERR_INSPECTOR_NOT_AVAILABLE', 'Inspector is not available');
}

class Session extends EventEmitter {
  connect() {
    throw notAvailable();
  }

  connectToMainThread() {
    throw notAvailable();
  }

  post() {
    throw makeError(Error, 'ERR_INSPECTOR_NOT_CONNECTED', 'Session is not connected');
  }

  disconnect() {}
}

function open() {
  throw notAvailable();
}

// Nothing is attached, so nothing is open to close and no one to wait for.
function close() {}

function url() {
  return undefined;
}

function waitForDebugger() {
  throw makeError(Error, 'ERR_INSPECTOR_NOT_ACTIVE', 'Inspector is not active');
}

// Node's inspector.console writes only to an attached debugger's console; with none attached
// its messages go nowhere.
const inspectorConsole = {};
for (const name of ['debug', 'error', 'info', 'log', 'warn', 'dir', 'dirxml', 'table', 'trace',
  'group', 'groupCollapsed', 'groupEnd', 'clear', 'count', 'countReset', 'assert', 'profile',
  'profileEnd', 'time', 'timeLog', 'timeEnd', 'timeStamp', 'context']) {
  inspectorConsole[name] = function () {};
}

module.exports = { open, close, url, waitForDebugger, console: inspectorConsole, Session };
