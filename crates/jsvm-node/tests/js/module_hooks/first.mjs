import { readFileSync } from 'node:fs';
// Registered first: runs after the second (hooks chain last-registered first).
let port;
export async function initialize(data) {
  port = data.port;
  port.postMessage(`first initialized with ${data.tag}`);
}
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'virtual:answer') return { url: 'virtual:answer', shortCircuit: true };
  if (specifier === 'virtual:broken') throw new RangeError('no such virtual module');
  return nextResolve(specifier, context);
}
export async function load(url, context, nextLoad) {
  if (url === 'virtual:answer') {
    return { format: 'module', source: 'export default 42; export const from = "first";', shortCircuit: true };
  }
  if (url.endsWith('.txt')) {
    const text = readFileSync(new URL(url), 'utf8').trim();
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
