function f() {
  const e = new Error('x');
  const y = 1;
  throw e;
}
f();
