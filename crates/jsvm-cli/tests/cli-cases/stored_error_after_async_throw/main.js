// An async function's throw the engine caught itself (its promise rejected) leaves a stored
// error's later throw with Node's arrow at the throw, not where it was made.
const stored = new Error('stored');
async function boom() { throw new Error('async boom'); }
boom().catch(() => {});
throw stored;
