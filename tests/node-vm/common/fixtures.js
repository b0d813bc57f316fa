'use strict';
// Our own stand-in for Node's test/common/fixtures: paths into tests/node-vm/fixtures.
const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');

const fixturesDir = path.join(__dirname, '..', 'fixtures');

function fixturesPath(...args) {
  return path.join(fixturesDir, ...args);
}

module.exports = {
  fixturesDir,
  path: fixturesPath,
  fileURL: (...args) => pathToFileURL(fixturesPath(...args)),
  readSync: (args, enc) => fs.readFileSync(fixturesPath(...[].concat(args)), enc),
  readKey: (name, enc) => fs.readFileSync(fixturesPath('keys', name), enc),
};
