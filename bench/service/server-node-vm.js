// The tenant-rule service as Node users write it today: node's http server, and per request
// a fresh context whose globals are the request's JSON (vm.runInNewContext), with the same
// 100 ms timeout and answers as crates/jsvm/examples/rules_service.rs.
// Usage: node server-node-vm.js PORT RULE_FILE
'use strict';
const fs = require('fs');
const vm = require('vm');
const { serve } = require('./serve');

const [port, ruleFile] = process.argv.slice(2);
const rule = new vm.Script(fs.readFileSync(ruleFile, 'utf8'));
serve(port, 'node vm', (input) => rule.runInNewContext(input, { timeout: 100 }),
  (e) => e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT');
