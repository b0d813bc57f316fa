// ora, chalk and cli-progress, each step drawn synchronously (no timer decides what shows).
const ora = require('ora');
const chalk = require('chalk');
const cliProgress = require('cli-progress');
console.log(chalk.red('red'), chalk.bold.green('bold green'), chalk.level);
const s = ora({ text: 'Working', isEnabled: process.stdout.isTTY }).start();
s.text = 'Still';
s.succeed('Done');
ora('x').start().fail('failed');
ora().warn('careful');
ora().info('note');
const bar = new cliProgress.SingleBar({ format: '[{bar}] {percentage}% | {value}/{total}', noTTYOutput: true, notTTYSchedule: 1e9 }, cliProgress.Presets.legacy);
bar.start(5, 0);
bar.update(3);
bar.update(5);
bar.stop();
console.log('end');
