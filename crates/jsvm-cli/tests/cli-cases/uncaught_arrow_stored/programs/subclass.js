class MyError extends Error {}
const e = new MyError('m');
[1].forEach(() => {
  throw e;
});
