// The tenant-rule service on vm2 (the most installed "secure" Node sandbox): per request a
// new VM whose sandbox is the request's JSON, with the same 100 ms timeout and answers as
// crates/jsvm/examples/rules_service.rs. vm2 is installed by run.sh into a temporary folder.
// Usage: NODE_PATH=<dir>/node_modules node server-vm2.js PORT RULE_FILE
'use strict';
const fs = require('fs');
const { VM, VMScript } = require('vm2');
const { serve } = require('./serve');

const [port, ruleFile] = process.argv.slice(2);
const rule = new VMScript(fs.readFileSync(ruleFile, 'utf8'));
serve(port, 'vm2', (input) => new VM({ sandbox: input, timeout: 100 }).run(rule),
  (e) => /timed out/.test(e.message));
