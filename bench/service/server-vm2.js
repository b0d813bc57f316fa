// The tenant-rule service on vm2 (the most installed "secure" Node sandbox): per request a
// new VM whose sandbox is the request's JSON, with the same 100 ms timeout and answers as
// crates/jsvm/examples/rules_service.rs. vm2 is installed by run.sh into a temporary folder.
// Usage: NODE_PATH=<dir>/node_modules node server-vm2.js PORT RULE_FILE
'use strict';
const http = require('http');
const fs = require('fs');
const { VM, VMScript } = require('vm2');

const [port, ruleFile] = process.argv.slice(2);
const rule = new VMScript(fs.readFileSync(ruleFile, 'utf8'));

function answer(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/rules/shop') return answer(res, 404, { error: 'not found' });
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    let input;
    try { input = JSON.parse(body); } catch (e) { return answer(res, 400, { error: e.message }); }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return answer(res, 400, { error: 'the body must be a JSON object' });
    }
    try {
      answer(res, 200, new VM({ sandbox: input, timeout: 100 }).run(rule));
    } catch (e) {
      answer(res, /timed out/.test(e.message) ? 504 : 422, { error: String(e) });
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`vm2 service on ${port}`));
