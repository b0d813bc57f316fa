// The HTTP side the two node servers share: POST /rules/shop with a JSON object body, the
// rule's answer as JSON, 504 past the timeout, 422 for a rule's error, 400/404 otherwise (the
// answers of crates/jsvm/examples/rules_service.rs). `run(input)` runs the rule.
'use strict';
const http = require('http');

function answer(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function serve(port, label, run, isTimeout) {
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
        answer(res, 200, run(input));
      } catch (e) {
        answer(res, isTimeout(e) ? 504 : 422, { error: String(e) });
      }
    });
  }).listen(Number(port), '127.0.0.1', () => console.log(`${label} service on ${port}`));
}

module.exports = { serve };
