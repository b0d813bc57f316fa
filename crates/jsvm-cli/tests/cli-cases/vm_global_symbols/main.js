// Symbols defined on or assigned to a context's global are listed as its own symbols, read
// back, and gone once deleted (from the host's side and from the context's own code).
const vm = require('vm');

const global = vm.runInContext('this', vm.createContext());
function check(where, data, viaDefine) {
  const key = Symbol.for(`${where}-${viaDefine ? 'define' : 'assign'}`);
  if (viaDefine) {
    Object.defineProperty(data, key, { value: 1, writable: true, enumerable: true, configurable: true });
  } else {
    data[key] = 1;
  }
  const listed = Object.getOwnPropertySymbols(data).includes(key);
  const read = data[key];
  delete data[key];
  const gone = !Object.getOwnPropertySymbols(data).includes(key) && !(key in data);
  console.log(where, viaDefine ? 'define' : 'assign', listed, read, gone);
}
check('host', global, true);
check('host', global, false);
const ctx = vm.createContext({ check });
vm.runInContext('check("inside", this, true); check("inside", this, false)', ctx);
