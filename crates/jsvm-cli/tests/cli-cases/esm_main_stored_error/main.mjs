// What an ES main module throws is reported as its evaluation promise's rejection: the arrow
// at the error's creation, not at its throw (as Node 20).
const e = new Error('x');
console.log('between');
throw e;
