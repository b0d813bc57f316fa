function f(x) {
  if (x) { throw 'str'; }
}
f(1);
