// fs.promises settle from the loop, as Node's do when its thread pool is done: never within
// the microtasks of the code that asked (a chain of microtasks started with the call runs to its
// end first), and after the I/O callbacks already due (chokidar's stat of a new file comes after
// the other watch events read with its creation).
const fsp = require('fs/promises');
let n = 0;
let settled = false;
function spin() {
  if (!settled && n < 1000) {
    n++;
    Promise.resolve().then(spin);
  }
}
fsp.stat(__filename).then((st) => {
  settled = true;
  console.log('stat settled after the whole microtask chain:', n === 1000, st.isFile());
  return fsp.readFile(__filename, 'utf8');
}).then((text) => {
  console.log('readFile', text.startsWith('// fs.promises settle'));
  return fsp.access('/no/such/path');
}).catch((e) => console.log('rejected', e.code));
spin();
