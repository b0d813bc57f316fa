// dns.lookup on names every resolver knows (localhost, address literals); the failure of a
// name that cannot exist may be ENOTFOUND or, without a reachable DNS server, EAI_AGAIN.
const dns = require('dns');
const { promisify } = require('util');

(async () => {
  const order = [];
  dns.lookup('127.0.0.1', (err, address, family) => order.push(`literal ${err} ${address} ${family}`));
  order.push('sync');
  await new Promise((r) => setImmediate(r));
  console.log(order);
  await new Promise((resolve) => dns.lookup('localhost', { family: 4 }, (err, address, family) => {
    console.log('localhost', err, address, family);
    resolve();
  }));
  await new Promise((resolve) => dns.lookup('localhost', { family: 4, all: true }, (err, list) => {
    console.log('all', err, list);
    resolve();
  }));
  await new Promise((resolve) => dns.lookup('::1', (err, address, family) => {
    console.log('v6 literal', err, address, family);
    resolve();
  }));
  console.log('promises', await dns.promises.lookup('localhost', 4));
  console.log('dns/promises', await require('dns/promises').lookup('127.0.0.1', { all: true }));
  console.log('promisified', await promisify(dns.lookup)('127.0.0.1'));
  for (const f of [() => dns.lookup(1, () => {}), () => dns.lookup('x', { family: 5 }, () => {}), () => dns.lookup('x')]) {
    try { f(); } catch (e) { console.log(e.code, e.message); }
  }
  await new Promise((resolve) => dns.lookup('nosuch.invalid', (err) => {
    console.log(err.name, ['ENOTFOUND', 'EAI_AGAIN'].includes(err.code), err.syscall, err.hostname,
      err.message === `getaddrinfo ${err.code} nosuch.invalid`, err.errno < 0);
    resolve();
  }));
  try {
    await dns.promises.lookup('nosuch.invalid');
  } catch (e) {
    console.log('rejected', ['ENOTFOUND', 'EAI_AGAIN'].includes(e.code));
  }
})();
