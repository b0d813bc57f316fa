const cluster = require('cluster');
console.log(cluster.isPrimary, cluster.isMaster, cluster.isWorker, Object.keys(cluster.workers || {}), process.env.NODE_UNIQUE_ID);
if (cluster.isPrimary) {
  cluster.on('fork', (w) => console.log('fork', w.id));
  cluster.on('online', (w) => console.log('online', w.id));
  cluster.on('exit', (w, code, sig) => console.log('exit', w.id, code, sig, w.isDead(), Object.keys(cluster.workers)));
  const w = cluster.fork({ FOO: 'bar' });
  console.log(w.id, typeof w.process.pid, Object.keys(cluster.workers), { ...cluster.settings, exec: require('path').relative(__dirname, cluster.settings.exec) });
  w.on('message', (m) => { console.log('msg', m); w.send('bye'); });
} else {
  console.log('worker', cluster.worker.id, process.env.FOO, typeof cluster.worker.process.pid);
  process.send({ hello: cluster.worker.id });
  process.on('message', (m) => { console.log('worker got', m); process.exit(3); });
}
