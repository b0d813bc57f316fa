// Blob and File (globals, and buffer's): parts, types, slices, reading back, byte streams.
'use strict';
const buffer = require('buffer');

const err = (e) => `${e.name} ${e.code} ${e.message}`;

(async () => {
  console.log(buffer.Blob === Blob, buffer.File === File, Object.keys(buffer).includes('Blob'));
  const b = new Blob(['ab', new Uint8Array([99]), new Blob(['d']), new Uint16Array([0x6665]).buffer], { type: 'Text/Plain' });
  console.log(b, b.size, b.type, Object.prototype.toString.call(b));
  console.log(Object.getOwnPropertyNames(Blob.prototype).filter((n) => n !== 'bytes'));
  console.log(await b.text(), await b.arrayBuffer());
  console.log(new Uint8Array(await b.arrayBuffer()));
  const s = b.slice(1, -1);
  console.log(s.size, s.type, await s.text(), await b.slice(-2).text(), b.slice(0, 1, 'x/Y').type);
  console.log(await b.slice(2, 1).text() === '', b.slice(10).size, await b.slice(-100, 3).text());
  console.log(new Blob(['a\r\nb\rc'], { endings: 'native' }).size, new Blob(['a\r\nb'], { endings: 'transparent' }).size);
  console.log(new Blob([{}]).size, new Blob(['é']).size, new Blob(['a'], { type: 'é' }).type, new Blob().size);
  const chunks = [];
  for await (const c of b.stream()) chunks.push(Array.from(c));
  console.log(chunks);
  const r = b.stream().getReader({ mode: 'byob' });
  const first = await r.read(new Uint8Array(3));
  console.log(first.value, first.done);
  try { new Blob('x'); } catch (e) { console.log(err(e)); }
  try { new Blob([], { endings: 'weird' }); } catch (e) { console.log(err(e)); }
  const f = new File(['x', 'yz'], 'a.txt', { type: 'text/plain', lastModified: 5 });
  console.log(f, f.name, f.lastModified, f instanceof Blob, String(f), await f.text());
  console.log(Object.getOwnPropertyNames(File.prototype), typeof new File([], 'n').lastModified);
  console.log(f.slice(1) instanceof File, f.slice(1).size);
  try { new File(['x']); } catch (e) { console.log(err(e)); }
  try { Blob.prototype.text.call({}).catch((e) => console.log('rejected', e.code)); } catch (e) { console.log('threw', e.code); }
})();
