import { readFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (result.format === 'commonjs' && url.endsWith('main.js')) {
    const source = readFileSync(new URL(url), 'utf8').replace("'quiet'", "'LOUD'");
    return { ...result, source };
  }
  return result;
}
