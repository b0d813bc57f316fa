const { prompt } = require('enquirer');
(async () => {
  const r = await prompt([
    { type: 'input', name: 'name', message: 'Your name?', initial: 'anon' },
    { type: 'select', name: 'color', message: 'Colour?', choices: ['red', 'green', 'blue'] },
    { type: 'confirm', name: 'ok', message: 'Sure?' },
    { type: 'multiselect', name: 'tops', message: 'Toppings?', choices: ['cheese', 'ham', 'olives'] },
    { type: 'password', name: 'pw', message: 'Password?' },
    { type: 'numeral', name: 'n', message: 'Number?' },
  ]);
  console.log(JSON.stringify(r));
})();
