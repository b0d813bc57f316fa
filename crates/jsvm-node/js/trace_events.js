// `trace_events`: Tracing objects that enable and disable categories, and the set of enabled
// categories they make (`getEnabledCategories`). jsvm records no trace events: nothing in it
// emits any (Node's come from V8 and its own internals), and no trace log file is written.
'use strict';

const { codes, makeError, validateObject } = require('internal/errors');

// category -> number of enabled Tracing objects naming it
const enabledCounts = new Map();

class Tracing {
  #categories;
  #enabled = false;

  constructor(categories) {
    this.#categories = categories;
  }

  enable() {
    if (this.#enabled) return;
    this.#enabled = true;
    for (const c of this.#categories) enabledCounts.set(c, (enabledCounts.get(c) || 0) + 1);
  }

  disable() {
    if (!this.#enabled) return;
    this.#enabled = false;
    for (const c of this.#categories) {
      const n = enabledCounts.get(c) - 1;
      if (n === 0) enabledCounts.delete(c);
      else enabledCounts.set(c, n);
    }
  }

  get enabled() {
    return this.#enabled;
  }

  get categories() {
    return this.#categories.join(',');
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    return `Tracing ${inspect({ enabled: this.enabled, categories: this.categories }, options)}`;
  }
}

function createTracing(options) {
  validateObject(options, 'options');
  const { categories } = options;
  if (!Array.isArray(categories)) {
    throw codes.ERR_INVALID_ARG_TYPE('options.categories', 'Array', categories);
  }
  categories.forEach((c, i) => {
    if (typeof c !== 'string') throw codes.ERR_INVALID_ARG_TYPE(`options.categories[${i}]`, 'string', c);
  });
  if (categories.length === 0) {
    throw makeError(TypeError, 'ERR_TRACE_EVENTS_CATEGORY_REQUIRED', 'At least one category is required');
  }
  return new Tracing(categories.slice());
}

function getEnabledCategories() {
  if (enabledCounts.size === 0) return undefined;
  return Array.from(enabledCounts.keys()).sort().join(',');
}

module.exports = { createTracing, getEnabledCategories };
