const { Command } = require('commander');
const prompts = require('prompts');
const chalk = require('chalk');
const program = new Command();
program.name('greet').option('-n, --name <name>', 'who').option('-l, --loud', 'shout');
program.command('hello').description('say hello').action(async () => {
  const opts = program.opts();
  let name = opts.name;
  if (!name) ({ name } = await prompts({ type: 'text', name: 'name', message: 'Name?' }));
  const msg = `hello ${name}`;
  console.log(opts.loud ? chalk.bold(msg.toUpperCase()) : msg);
});
program.parseAsync(process.argv);
