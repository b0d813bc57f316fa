let kept;
try {
  kept = new RangeError('r');
  null.x;
} catch (e) {
  const z = 2;
  throw kept;
}
