async function a() { throw new Error('a'); }
a().catch(() => {});
setTimeout(() => {
  const e = new Error('late');
  throw e;
}, 1);
