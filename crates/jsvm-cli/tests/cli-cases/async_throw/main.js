async function main() {
  await null;
  throw new TypeError('async bad');
}
main();
