// events.EventEmitterAsyncResource (piscina's pool extends it): made on first read through a
// getter, listeners run in the async context the emitter was made in.
const events = require('events');
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');

console.log(Object.keys(events));
const d = Object.getOwnPropertyDescriptor(events, 'EventEmitterAsyncResource');
console.log(typeof d.get, d.get.name, d.set, d.enumerable, d.configurable);
const { EventEmitterAsyncResource } = events;
console.log(EventEmitterAsyncResource === events.EventEmitterAsyncResource, EventEmitterAsyncResource.name,
  Object.getPrototypeOf(EventEmitterAsyncResource) === events.EventEmitter);

const als = new AsyncLocalStorage();
let emitter;
als.run('made here', () => { emitter = new EventEmitterAsyncResource({ name: 'Pool' }); });
emitter.on('ev', (a, b) => console.log('listener sees', als.getStore(), a, b));
als.run('emitted here', () => console.log('emit returns', emitter.emit('ev', 1, 2)));
console.log(emitter instanceof events.EventEmitter, emitter.asyncResource instanceof AsyncResource,
  emitter.asyncResource.eventEmitter === emitter, typeof emitter.asyncId, typeof emitter.triggerAsyncId);
emitter.emitDestroy();

class Pool extends EventEmitterAsyncResource {}
const p = new Pool();
p.once('x', () => console.log('subclass emits, store:', als.getStore()));
p.emit('x');
const byString = new EventEmitterAsyncResource('named');
console.log(byString.listenerCount('x'));
for (const bad of [undefined, {}, { name: 5 }]) {
  try {
    new EventEmitterAsyncResource(bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
