// Reads standard input in the way named by argv[2] and reports what it got.
const mode = process.argv[2];
const stdin = process.stdin;
if (mode === 'data') {
  let text = '';
  stdin.setEncoding('utf8');
  stdin.on('data', (c) => { text += c; });
  stdin.on('end', () => console.log('data/end:', JSON.stringify(text.slice(0, 40)), text.length));
} else if (mode === 'readable') {
  let total = 0;
  stdin.on('readable', () => { let c; while ((c = stdin.read()) !== null) total += c.length; });
  stdin.on('end', () => console.log('readable total', total));
} else if (mode === 'readline') {
  const rl = require('readline').createInterface({ input: stdin });
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  rl.on('close', () => console.log('lines', lines.length, JSON.stringify(lines.slice(0, 3))));
} else if (mode === 'iterate') {
  (async () => {
    let n = 0;
    for await (const chunk of stdin) n += chunk.length;
    console.log('iterated bytes', n);
  })();
} else if (mode === 'pipe') {
  stdin.pipe(require('zlib').createGzip()).pipe(require('zlib').createGunzip()).pipe(process.stdout);
} else if (mode === 'unused') {
  console.log('stdin is', typeof stdin.on, stdin.fd, stdin.readableFlowing);
  setTimeout(() => console.log('exits without reading'), 20);
} else if (mode === 'pause') {
  stdin.once('data', (c) => {
    stdin.pause();
    console.log('first chunk then pause', c.length > 0);
  });
}
