// The main module's graph fails to link: V8's words, and the arrow at the missing name.
import { a } from './x.mjs';
import { b } from './x.mjs';
console.log(a, b);
