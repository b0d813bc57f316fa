// Build and test tools: typescript 5 (transpileModule, then the output run in a vm context;
// a type check), sucrase, prettier, eslint's Linter and ESLint classes, rollup 2 (pure
// JavaScript), esbuild (its service binary, spoken to over pipes), istanbul's instrumenter with
// the instrumented code run in a vm context, and sinon (spies, stubs, fake timers, mocks).
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const steps = [];
const step = (name, f) => steps.push([name, f]);
const line = (name, ...v) => console.log(`${name}:`, ...v);

step('typescript', () => {
  const ts = require('typescript');
  const src = `enum E { A, B } interface I { x: number }
class C<T> implements I { constructor(public x: number, private t?: T) {} get d(): number { return this.x * 2 } }
const c = new C<string>(4); result = [E.B, c.d, (c as any).t ?? 'none'];`;
  const out = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.CommonJS } });
  line('output', out.outputText);
  const ctx = { result: null };
  vm.runInNewContext(out.outputText, ctx, { filename: 'x.js' });
  line('run', ctx.result);
  line('syntax', ts.transpileModule('let x: = 3', { reportDiagnostics: true }).diagnostics.map((d) => d.messageText));
  // Without the standard library's declarations (slow to check): their absence is reported too.
  fs.writeFileSync('ts-input.ts', 'const n: number = "s"; export const y = n;\n');
  const prog = ts.createProgram(['ts-input.ts'], { noEmit: true, strict: true, noLib: true, types: [] });
  line('types', ts.getPreEmitDiagnostics(prog).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')));
});
step('sucrase', () => {
  const { transform } = require('sucrase');
  line('output', transform('const f = (x: number): number => x * 2; export const y = f(21); import t from "./t"',
    { transforms: ['typescript', 'imports'] }).code);
});
step('prettier', async () => {
  const prettier = require('prettier');
  line('babel', await prettier.format('const a={b:1,c:[1,2,3]};function f(x){return x*2}', { parser: 'babel' }));
  line('typescript', await prettier.format('interface A{x:number}', { parser: 'typescript' }));
  line('css', await prettier.format('a{color:red}', { parser: 'css' }));
  line('markdown', await prettier.format('# hi\n*  x', { parser: 'markdown' }));
  try { await prettier.format('const = 1', { parser: 'babel' }); } catch (e) { line('error', e.name, e.message); }
});
step('eslint', async () => {
  const { Linter, ESLint } = require('eslint');
  const linter = new Linter();
  const msgs = linter.verify('var x = 1;\nfoo();\nif (x == 2) { debugger }',
    { rules: { 'no-undef': 'error', eqeqeq: 'warn', 'no-debugger': 'error', 'no-unused-vars': 'error' } });
  line('verify', msgs.map((m) => [m.ruleId, m.line, m.column, m.message]));
  line('fix', linter.verifyAndFix('var a = 1\nvar b = a', { rules: { semi: 'error' } }));
  line('fatal', linter.verify('let = ;', {}).map((m) => [m.fatal, m.message, m.line, m.column]));
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: { rules: { 'no-var': 'error' } } });
  const results = await eslint.lintText('var z = 1;');
  line('formatted', await (await eslint.loadFormatter('stylish')).format(results));
});
step('rollup', async () => {
  const { rollup } = require('rollup');
  fs.mkdirSync('rollup-src', { recursive: true });
  fs.writeFileSync('rollup-src/lib.js', 'export const a = 1; export const unused = 2; export default function f(x) { return x * a }\n');
  fs.writeFileSync('rollup-src/main.js', 'import f, {a} from "./lib.js"; console.log(f(2) + a);\n');
  const bundle = await rollup({ input: path.resolve('rollup-src/main.js'), onwarn: (w) => line('warn', w.code) });
  for (const format of ['cjs', 'es', 'iife', 'umd']) {
    const { output } = await bundle.generate({ format, name: 'X' });
    line(format, output[0].code);
  }
  try { await rollup({ input: path.resolve('rollup-src/nope.js') }); } catch (e) { line('error', e.code); }
});
step('esbuild', async () => {
  const esbuild = require('esbuild');
  const r = await esbuild.transform('const x: number = 1; export default x as any', { loader: 'ts', format: 'cjs' });
  line('transform', r.code.split('\n').filter((l) => !l.startsWith('var __')).join('\n'), r.warnings);
  line('sync', esbuild.transformSync('let a = () => 1 ?? 2', { target: 'es2015' }).code);
  try { await esbuild.transform('let = ;'); } catch (e) { line('error', e.errors[0].text); }
  fs.mkdirSync('esbuild-src', { recursive: true });
  fs.writeFileSync('esbuild-src/x.js', 'export const a = 42\n');
  const b = await esbuild.build({ stdin: { contents: 'import {a} from "./x"; console.log(a)', resolveDir: path.resolve('esbuild-src') },
    bundle: true, write: false, format: 'iife' });
  line('bundle', b.outputFiles[0].text);
  await esbuild.stop();
});
step('istanbul-lib-instrument', () => {
  const { createInstrumenter } = require('istanbul-lib-instrument');
  const code = createInstrumenter({ coverageVariable: '__cov' })
    .instrumentSync('function f(x) { if (x > 1) { return "big"; } return "small"; }\nresult = f(2);', 'src.js');
  const ctx = { result: null };
  vm.runInNewContext(code, ctx);
  const cov = ctx.__cov['src.js'];
  line('coverage', ctx.result, cov.s, cov.b, cov.f);
});
step('sinon', async () => {
  const sinon = require('sinon');
  const o = { f(a) { return a + 1; } };
  const spy = sinon.spy(o, 'f');
  o.f(1); o.f(2);
  line('spy', spy.callCount, spy.args, spy.calledWith(2), spy.returnValues);
  const stub = sinon.stub().returns(42);
  stub.withArgs(1).returns(7);
  line('stub', stub(), stub(1));
  const clock = sinon.useFakeTimers();
  let hit = 0;
  setTimeout(() => hit++, 1000);
  clock.tick(999); line('before', hit); clock.tick(1); line('after', hit, Date.now());
  clock.restore();
  try { sinon.assert.calledWith(spy, 5); } catch (e) { line('assert', e.name, e.message.split('\n')[0]); }
  const m = sinon.mock({ g() {} });
  m.expects('g').once();
  try { m.verify(); } catch (e) { line('mock', e.message); }
  line('match', sinon.match({ a: 1 }).test({ a: 1, b: 2 }), String(sinon.match.number));
  const fake = sinon.fake.resolves('ok');
  line('fake', await fake(), fake.callCount);
});

(async () => {
  for (const [name, f] of steps) {
    console.log(`-- ${name}`);
    try { await f(); } catch (e) { console.log('FAILED', e && e.stack); }
  }
})();
