// The same after a promise job in which an async function threw (after an await): the timer's
// throw of an error made earlier has the arrow at the throw.
const stored = new Error('stored');
async function boom() { await null; throw new Error('boom'); }
boom().catch(() => {});
setTimeout(() => { throw stored; }, 5);
