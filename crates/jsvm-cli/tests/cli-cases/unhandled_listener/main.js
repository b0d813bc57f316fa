process.on('unhandledRejection', (r, p) => console.log('unhandled', r instanceof Error ? r.message : r, p instanceof Promise));
Promise.reject(new Error('x'));
const p = Promise.reject(2); setTimeout(() => p.catch(() => console.log('late catch')), 1);
process.on('beforeExit', (c) => console.log('beforeExit', c));
