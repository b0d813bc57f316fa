console.log('first.mjs runs');
