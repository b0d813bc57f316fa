// TypeScript run by tsx: its ES hooks (module.register) and its CommonJS hooks.
import { basename } from 'node:path';
import { helper, type Shape } from './tsx-helper.ts';
enum Color { Red, Green }
const shapes: Shape[] = [{ kind: 'square', size: 2 }, { kind: 'circle', size: 1 }];
console.log(shapes.map(helper), Color.Green, basename(import.meta.url));
import('./tsx-cjs.cts').then((cjs) => console.log(cjs.default.twice(21)));
