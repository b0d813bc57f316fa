const yargs = require('yargs/yargs');
const { hideBin } = require('yargs/helpers');
const argv = yargs(hideBin(process.argv)).scriptName('tool')
  .command('serve [port]', 'start', (y) => y.positional('port', { default: 5000, type: 'number' }))
  .option('verbose', { alias: 'v', type: 'boolean' }).option('tag', { type: 'array' })
  .strict(false).parse();
console.log(JSON.stringify({ _: argv._, port: argv.port, verbose: argv.verbose, tag: argv.tag }));
yargs(['--help']).scriptName('tool').command('serve [port]', 'start the server').option('v', { describe: 'loud' }).wrap(80).exitProcess(false).parse([ '--help' ], (err, a, out) => console.log(out));
yargs().exitProcess(false).demandCommand(1).fail((msg) => console.log('fail:', msg)).parse([]);
const { Command } = require('commander');
const program = new Command();
program.name('cmd').version('1.2.3').option('-d, --debug', 'debug').option('-n, --num <n>', 'number', parseInt)
  .argument('<file>').argument('[rest...]').action((file, rest, opts) => console.log('action', file, rest, opts));
program.exitOverride();
program.configureOutput({ writeOut: (s) => console.log('OUT', s), writeErr: (s) => console.log('ERR', s) });
program.parse(['node', 'cmd', '-d', '-n', '5', 'a.txt', 'b', 'c']);
try { program.parse(['node', 'cmd', '--help']); } catch (e) { console.log(e.code); }
try { program.parse(['node', 'cmd', '--bogus']); } catch (e) { console.log(e.code); }
