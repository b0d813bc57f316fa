// The tenant-rule service as Node users write it today: node's http server, and per request
// a fresh context whose globals are the request's JSON (vm.runInNewContext), with the same
// 100 ms timeout and answers as crates/jsvm/examples/rules_service.rs.
// Usage: node server-node-vm.js PORT RULE_FILE
'use strict';
const http = require('http');
const fs = require('fs');
const vm = require('vm');

const [port, ruleFile] = process.argv.slice(2);
const rule = new vm.Script(fs.readFileSync(ruleFile, 'utf8'));

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
      answer(res, 200, rule.runInNewContext(input, { timeout: 100 }));
    } catch (e) {
      answer(res, e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? 504 : 422, { error: String(e) });
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`node vm service on ${port}`));
