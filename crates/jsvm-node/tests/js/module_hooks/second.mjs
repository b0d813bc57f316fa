// Registered second: sees every request first, and rewrites a constant in ES module sources.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'virtual:lazy') return { url: 'virtual:lazy' }; // no shortCircuit, no next
  const r = await nextResolve(specifier, context);
  return r;
}
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (result.format === 'module' && result.source != null && !url.startsWith('virtual:')) {
    return { ...result, source: String(result.source).replace('__HOOKED__', JSON.stringify(`hooked (${context.format})`)) };
  }
  return result;
}
