function g() { try { throw 7; } finally { console.log('f'); } }
g();
