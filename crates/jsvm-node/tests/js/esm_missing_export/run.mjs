try {
  await import('./main.mjs');
  console.log('linked?');
} catch (e) {
  console.log(e.name, e.message, e instanceof SyntaxError);
}
