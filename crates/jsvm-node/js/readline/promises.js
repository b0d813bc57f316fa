// `readline/promises`: readline's Interface with a `question` that returns a promise.
'use strict';

const readline = require('readline');

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

class Interface extends readline.Interface {
  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      const signal = options && options.signal;
      if (signal && signal.aborted) {
        reject(abortError(signal));
        return;
      }
      let onAbort;
      if (signal) {
        onAbort = () => {
          this._questionCallback = null;
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
      super.question(query, (answer) => {
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(answer);
      });
    });
  }
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

module.exports = { Interface, createInterface };
