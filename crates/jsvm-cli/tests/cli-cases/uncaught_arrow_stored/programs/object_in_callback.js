setTimeout(() => {
  const o = { code: 1 };
  throw o;
}, 1);
