// Node's MessageEvent global: its init dictionary, getters, the ports it checks, and events
// dispatched through an EventTarget.
const e = new MessageEvent('message', { data: { a: 1 }, origin: 'o', lastEventId: 7, bubbles: true });
console.log(e.type, e.data, e.origin, e.lastEventId, e.source, e.ports, e.bubbles, e.cancelable,
  e instanceof Event, Object.prototype.toString.call(e));
console.log(Object.getOwnPropertyNames(MessageEvent.prototype).sort(), MessageEvent.length, MessageEvent.name);
for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(MessageEvent.prototype))) {
  console.log(k, d.enumerable, d.configurable, typeof d.get, typeof d.set);
}
const d = new MessageEvent('x');
console.log(d.data, JSON.stringify(d.origin), JSON.stringify(d.lastEventId), d.source, d.ports, Object.isFrozen(d.ports));
console.log(new MessageEvent().type);
try { new MessageEvent('a', { ports: 5 }); } catch (err) { console.log(err.name, err.message); }
try { new MessageEvent('a', { source: {} }); } catch (err) { console.log(err.name, err.code, err.message); }
try { new MessageEvent('a', { ports: [1] }); } catch (err) { console.log(err.name, err.code, err.message); }
try { new MessageEvent('a', null); } catch (err) { console.log(err.name); }
try { MessageEvent('a'); } catch (err) { console.log(err.name); }
try { Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data').get.call({}); } catch (err) {
  console.log(err.name, err.code, err.message);
}
const { port1, port2 } = new MessageChannel();
const withPort = new MessageEvent('m', { source: port1, ports: [port1, port2] });
console.log(withPort.source === port1, withPort.ports.length, withPort.ports[1] === port2);
port1.close();
const target = new EventTarget();
target.addEventListener('message', (ev) => console.log('got', ev.data, ev.constructor.name, ev.target === target));
target.dispatchEvent(new MessageEvent('message', { data: 42 }));
class Sub extends MessageEvent {}
console.log(new Sub('s', { data: 1 }).data, new Sub('s') instanceof MessageEvent);
