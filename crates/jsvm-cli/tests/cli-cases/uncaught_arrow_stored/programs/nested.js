function inner(e) {
  if (e) throw e;
}
function outer() {
  const err = new TypeError('bad');
  try {
    inner(err);
  } finally {
    console.log('finally');
  }
}
outer();
