// The origin V8 gives code of `new Function` and `eval` (`eval at f (file:line:col)`) is the
// call's position, also when its argument spreads over lines (QuickJS records the position of
// the argument's last part); and a function `new Function` made, called as a method, is named
// by its receiver's type and the property (`Object.eval [as f]`).
const a = '', b = '';
const frame = (stack) => stack.split('\n')[1].replace(/\(\/.*\//g, '(');
const g = Function(`
  ${a}
  return new Error('q').stack;
`);
console.log(frame(g()));
const g2 = Function(`return new Error('q').stack
  ${a}`);
console.log(frame(g2()));
const FF = Function;
const g3 = FF(`
  return new Error('q').stack;
  ${b.replace('y', '')}
`);
console.log(frame(g3()));
const g4 = new FF('x',
  `return new Error('q').stack;${b}`);
console.log(frame(g4()));
function direct() {
  return eval(`
    ${a}
    new Error('d').stack`);
}
console.log(frame(direct()));
const obj = { f: Function('return new Error("n").stack') };
console.log(frame(obj.f()));
class K { constructor() { this.g = Function('return new Error("n").stack'); } }
console.log(frame(new K().g()));
const plain = Function('return new Error("p").stack');
console.log(frame(plain()));
