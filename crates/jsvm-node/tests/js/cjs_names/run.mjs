console.log('run.mjs starts');
import './first.mjs';
import { when } from './order.cjs';
import * as getters from './getters.cjs';
console.log('when', when, Object.keys(getters), getters.throws);
for (const f of ['a', 'b', 'c', 'd', 'e']) {
  const ns = await import(`./${f}.cjs`);
  console.log(f, Object.keys(ns), ns.ok ?? ns.a ?? ns.own);
}
