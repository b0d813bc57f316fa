// node:test's `mock`: mock functions that record their calls, and methods replaced by them.
'use strict';

const { codes, validateFunction, validateObject } = require('internal/errors');

class MockFunctionContext {
  #calls = [];
  #implementation;
  #original;
  #once = new Map(); // call index -> implementation
  #times;
  #restore;

  constructor(original, implementation, times, restore) {
    this.#original = original;
    this.#implementation = implementation;
    this.#times = times;
    this.#restore = restore;
  }

  get calls() {
    return this.#calls.slice();
  }

  callCount() {
    return this.#calls.length;
  }

  mockImplementation(implementation) {
    validateFunction(implementation, 'implementation');
    this.#implementation = implementation;
  }

  mockImplementationOnce(implementation, onCall) {
    validateFunction(implementation, 'implementation');
    const index = onCall === undefined ? this.#calls.length : onCall;
    this.#once.set(index, implementation);
  }

  resetCalls() {
    this.#calls.length = 0;
  }

  restore() {
    this.#implementation = this.#original;
    if (this.#restore) this.#restore();
  }

  // The function the next call runs.
  nextImplementation() {
    const index = this.#calls.length;
    if (this.#once.has(index)) {
      const once = this.#once.get(index);
      this.#once.delete(index);
      return once;
    }
    if (this.#times !== undefined && index >= this.#times) return this.#original;
    return this.#implementation;
  }

  record(call) {
    this.#calls.push(call);
  }
}

function makeMock(original, implementation, times, restore) {
  const ctx = new MockFunctionContext(original, implementation, times, restore);
  const mock = new Proxy(original, {
    apply(target, thisArg, args) {
      const impl = ctx.nextImplementation();
      const call = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: undefined, this: thisArg };
      try {
        call.result = Reflect.apply(impl, thisArg, args);
      } catch (e) {
        call.error = e;
        ctx.record(call);
        throw e;
      }
      ctx.record(call);
      return call.result;
    },
    construct(target, args, newTarget) {
      const impl = ctx.nextImplementation();
      const call = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: newTarget, this: undefined };
      try {
        call.result = Reflect.construct(impl, args, newTarget === mock ? impl : newTarget);
        call.this = call.result;
      } catch (e) {
        call.error = e;
        ctx.record(call);
        throw e;
      }
      ctx.record(call);
      return call.result;
    },
    get(target, key, receiver) {
      if (key === 'mock') return ctx;
      return Reflect.get(target, key, receiver);
    },
  });
  return { mock, ctx };
}

function validateTimes(options) {
  validateObject(options, 'options');
  const { times } = options;
  if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
    throw codes.ERR_OUT_OF_RANGE('options.times', '>= 1', times);
  }
  return times;
}

class MockTracker {
  #mocks = [];

  fn(original = function () {}, implementation = original, options = {}) {
    if (original !== null && typeof original === 'object') {
      options = original; original = function () {}; implementation = original;
    } else if (implementation !== null && typeof implementation === 'object') {
      options = implementation; implementation = original;
    }
    validateFunction(original, 'original');
    validateFunction(implementation, 'implementation');
    const times = validateTimes(options);
    const { mock, ctx } = makeMock(original, implementation, times);
    this.#mocks.push(ctx);
    return mock;
  }

  method(object, methodName, implementation, options = {}) {
    if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
      throw codes.ERR_INVALID_ARG_TYPE('object', 'Object', object);
    }
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation; implementation = undefined;
    }
    let owner = object;
    let descriptor;
    while (owner !== null) {
      descriptor = Object.getOwnPropertyDescriptor(owner, methodName);
      if (descriptor !== undefined) break;
      owner = Object.getPrototypeOf(owner);
    }
    const original = descriptor && descriptor.value;
    if (typeof original !== 'function') {
      throw codes.ERR_INVALID_ARG_VALUE('methodName', original, 'must be a method');
    }
    if (implementation === undefined) implementation = original;
    validateFunction(implementation, 'implementation');
    const times = validateTimes(options);
    const own = Object.getOwnPropertyDescriptor(object, methodName);
    const restore = () => {
      if (own !== undefined) Object.defineProperty(object, methodName, own);
      else delete object[methodName];
    };
    const { mock, ctx } = makeMock(original, implementation, times, restore);
    Object.defineProperty(object, methodName, {
      value: mock, writable: true, configurable: true,
      enumerable: descriptor.enumerable,
    });
    this.#mocks.push(ctx);
    return mock;
  }

  reset() {
    this.restoreAll();
    this.#mocks.length = 0;
  }

  restoreAll() {
    for (const ctx of this.#mocks) ctx.restore();
  }
}

module.exports = { MockTracker };
