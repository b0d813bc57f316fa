// Loggers: pino (its default destination, sonic-boom writing to fd 1 asynchronously, is taken
// only when process.stdout's write is its class's), a pino child, winston (json, splat, simple),
// and console after pino's lines are out (node's first asynchronous write races the program's
// own lines, so those wait).
'use strict';
const pino = require('pino');
const logger = pino({ base: { pid: 1, hostname: 'h' }, timestamp: false });
logger.info({ a: 1 }, 'hello %s', 'world');
logger.child({ mod: 'x' }).warn('child');
logger.error({ err: { message: 'plain' } }, 'failed');
setTimeout(winstonLogs, 50);

function winstonLogs() {
  console.log('console after');
  const winston = require('winston');
  const w = winston.createLogger({
    level: 'debug',
    format: winston.format.combine(winston.format.splat(), winston.format.json()),
    transports: [new winston.transports.Console()],
  });
  w.info('hi %d', 5, { meta: true });
  w.debug('dbg');
  const w2 = winston.createLogger({ format: winston.format.simple(), transports: [new winston.transports.Console()] });
  w2.warn('simple', { k: 'v' });
  const stream = require('stream');
  console.log(typeof stream.Writable, process.stdout.write === process.stdout.constructor.prototype.write);
  setTimeout(() => logger.info('later'), 10);
}
