const inquirer = require('inquirer');
inquirer.prompt([
  { type: 'input', name: 'name', message: 'Your name?', default: 'anon' },
  { type: 'list', name: 'color', message: 'Colour?', choices: ['red', 'green', 'blue'] },
  { type: 'confirm', name: 'ok', message: 'Sure?' },
  { type: 'checkbox', name: 'toppings', message: 'Toppings?', choices: ['cheese', 'ham', 'olives'] },
  { type: 'password', name: 'pw', message: 'Password?', mask: '*' },
  { type: 'number', name: 'n', message: 'Number?' },
  { type: 'rawlist', name: 'size', message: 'Size?', choices: ['S', 'M', 'L'] },
  { type: 'expand', name: 'act', message: 'Action?', choices: [{ key: 'y', name: 'Yes', value: 'yes' }, { key: 'n', name: 'No', value: 'no' }] },
]).then((a) => console.log(JSON.stringify(a)));
