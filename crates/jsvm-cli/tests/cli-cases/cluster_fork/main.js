// The worker reports its view by message, not by printing: its own start and the primary's
// 'online' line race (in Node too).
const cluster = require('cluster');
const view = () => [cluster.isPrimary, cluster.isMaster, cluster.isWorker, Object.keys(cluster.workers || {}), process.env.NODE_UNIQUE_ID];
if (cluster.isPrimary) {
  console.log(...view());
  cluster.on('fork', (w) => console.log('fork', w.id));
  cluster.on('online', (w) => console.log('online', w.id));
  cluster.on('exit', (w, code, sig) => console.log('exit', w.id, code, sig, w.isDead(), Object.keys(cluster.workers)));
  const w = cluster.fork({ FOO: 'bar' });
  console.log(w.id, typeof w.process.pid, Object.keys(cluster.workers), { ...cluster.settings, exec: require('path').relative(__dirname, cluster.settings.exec) });
  w.on('message', (m) => { console.log('msg', m); w.send('bye'); });
} else {
  process.send({ hello: cluster.worker.id, view: view(), foo: process.env.FOO, pid: typeof cluster.worker.process.pid });
  process.on('message', (m) => { console.log('worker got', m); process.exit(3); });
}
