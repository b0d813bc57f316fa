const t = setTimeout(() => console.log('unref: never'), 2000);
t.unref();
console.log(t.hasRef());
const i = setInterval(() => console.log('unref interval: never'), 20).unref();
const t2 = setTimeout(() => console.log('re-refed'), 5);
t2.unref(); t2.ref();
console.log(t2.hasRef(), typeof setImmediate(() => {}).unref().hasRef);
process.on('exit', () => console.log('exit'));
