// An ES module's import of a CommonJS file sees the names Node's lexer finds in its text
// (assignments, defineProperty values and plain getters, object literals, re-exports through
// require, Babel's and TypeScript's star exports), not every property: other getters do not
// run. The CommonJS module runs in the graph's order, when its turn comes.
const path = require('path');
const { pathToFileURL } = require('url');
import(pathToFileURL(path.join(__dirname, 'cjs_names', 'run.mjs')).href);
