// Seed: Node v6 docs, "Example: Running an HTTP Server within a VM".
// DEPENDS ON A LATER FEATURE: needs the `http` module (server and client).
// COMPLETED (lost in extraction, restored as in Node v6's docs):
//   `}).listen(...)` after the request handler, the end of the
//   'Server running at http://127.0.0.1:8124/' message, the closing
//   ` })\`;` of the code string and `vm.runInThisContext(code)(require);`.
// CHANGED so the test terminates and is deterministic: the server listens on
// port 0 (an ephemeral port) on 127.0.0.1 instead of 8124; the message prints
// `<port>` instead of the port number; once listening, the code requests the
// server once with http.get, prints the status code, the content-type header
// and the body (JSON-quoted), then closes the server.
'use strict';
const vm = require('vm');

let code =
`(function(require) {

   const http = require('http');

   const server = http.createServer( (request, response) => {
     response.writeHead(200, {'Content-Type': 'text/plain'});
     response.end('Hello World\\n');
   }).listen(0, '127.0.0.1', () => {
     const port = server.address().port;
     console.log('Server running at http://127.0.0.1:<port>/');
     http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
       let body = '';
       res.setEncoding('utf8');
       res.on('data', (chunk) => { body += chunk; });
       res.on('end', () => {
         console.log('status:', res.statusCode);
         console.log('content-type:', res.headers['content-type']);
         console.log('body:', JSON.stringify(body));
         server.close(() => console.log('closed'));
       });
     });
   });
 })`;

 vm.runInThisContext(code)(require);
