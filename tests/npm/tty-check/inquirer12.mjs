import inquirer from 'inquirer12';
const a = await inquirer.prompt([
  { type: 'input', name: 'name', message: 'Your name?', default: 'anon' },
  { type: 'list', name: 'color', message: 'Colour?', choices: ['red', 'green', 'blue'] },
  { type: 'confirm', name: 'ok', message: 'Sure?' },
  { type: 'checkbox', name: 'toppings', message: 'Toppings?', choices: ['cheese', 'ham', 'olives'] },
  { type: 'password', name: 'pw', message: 'Password?', mask: '*' },
]);
console.log(JSON.stringify(a));
