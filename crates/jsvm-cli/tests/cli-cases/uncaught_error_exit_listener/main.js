process.on('exit', c => console.error('exit', c));
function f() {
  return new Error('made');
}
setTimeout(() => { throw f(); }, 1);
