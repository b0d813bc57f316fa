// A `--loader` hooks module: a virtual module, and a note of each file loaded.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'virtual:config') return { url: 'virtual:config', shortCircuit: true };
  return nextResolve(specifier, context);
}
export async function load(url, context, nextLoad) {
  if (url === 'virtual:config') return { format: 'json', source: '{"mode": "hooked"}', shortCircuit: true };
  const result = await nextLoad(url, context);
  // (Not the hooks modules: Node loads them through the hooks before them, jsvm does not.)
  if (url.startsWith('file:') && !url.endsWith('upper.mjs')) console.log('[loader] load', url.slice(url.lastIndexOf('/') + 1), result.format);
  return result;
}
