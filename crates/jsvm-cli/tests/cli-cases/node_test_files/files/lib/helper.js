// Not a test file: not run.
console.log('helper ran');
