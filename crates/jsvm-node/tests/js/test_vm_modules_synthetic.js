// vm.SyntheticModule: exports set by the evaluation steps and later, seen live by importers.
'use strict';
const vm = require('vm');
const util = require('util');

const show = (e) => console.log(`${e.name} ${e.code} ${e.message}`);

async function main() {
  const calls = [];
  const s = new vm.SyntheticModule(['count', 'label'], function () {
    calls.push(['steps', typeof this, arguments.length]);
    this.setExport('count', 1);
  }, { identifier: 'counter' });
  console.log(s.status, s.identifier, util.inspect(s));
  try { s.setExport('count', 0); } catch (e) { show(e); }
  try { s.namespace; } catch (e) { show(e); }
  await s.link(() => { throw new Error('never called'); });
  console.log(s.status, util.inspect(s.namespace));
  s.setExport('label', 'before evaluate');
  try { s.setExport('missing', 1); } catch (e) { show(e); }
  try { s.setExport(5, 1); } catch (e) { show(e); }

  const user = new vm.SourceTextModule(
    "import { count, label } from 'counter'; export const read = () => `${label}: ${count}`; export const atStart = count;");
  await user.link(() => s);
  await user.evaluate();
  console.log(calls, s.status);
  console.log(user.namespace.read(), user.namespace.atStart);
  s.setExport('count', 2);
  s.setExport('label', 'after');
  console.log(user.namespace.read(), s.namespace.count, util.inspect(s.namespace));

  // In a context, as the default export of a JSON-like module.
  const ctx = vm.createContext({});
  const json = new vm.SyntheticModule(['default'], function () {
    this.setExport('default', JSON.parse('{"a": [1, 2]}'));
  }, { context: ctx });
  const reader = new vm.SourceTextModule("import data from 'data.json'; export default data.a.length;", { context: ctx });
  await reader.link(() => json);
  await reader.evaluate();
  console.log(reader.namespace.default, json.identifier);

  // Evaluation steps that throw.
  const failing = new vm.SyntheticModule(['x'], () => { throw new Error('steps failed'); });
  await failing.link(() => {});
  try { await failing.evaluate(); } catch (e) { show(e); }
  console.log(failing.status, failing.error.message);

  // Argument checks.
  try { new vm.SyntheticModule('x', () => {}); } catch (e) { show(e); }
  try { new vm.SyntheticModule(['x', 1], () => {}); } catch (e) { show(e); }
  try { new vm.SyntheticModule(['x', 'x'], () => {}); } catch (e) { show(e); }
  try { new vm.SyntheticModule(['x'], null); } catch (e) { show(e); }
  try { new vm.SyntheticModule(['x'], () => {}, 'opts'); } catch (e) { show(e); }
  console.log(Object.getOwnPropertyNames(vm.SyntheticModule.prototype));
}

main().catch((e) => console.log('unexpected', e));
