// The graph misses an export: its link fails in the job import() queued.
import { a,
  y } from './x.mjs';
console.log(a, y);
