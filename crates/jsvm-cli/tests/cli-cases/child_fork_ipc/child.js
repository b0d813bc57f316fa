const mode = process.argv[2];
if (mode === 'echo') {
  process.on('message', (m) => process.send({ got: m }));
  process.on('disconnect', () => console.log('child: disconnected', process.connected));
  process.send({ ready: true, connected: process.connected, channel: typeof process.channel });
} else if (mode === 'burst') {
  process.send('a');
  process.send(42);
  process.send(null);
  process.send([true, { deep: { er: 1 } }], () => {
    process.disconnect();
    console.log('child connected after disconnect:', process.connected);
  });
} else if (mode === 'once') {
  process.send('only');
}
