const prompts = require('prompts');
(async () => {
  const r = await prompts([
    { type: 'text', name: 'name', message: 'Your name?', initial: 'anon' },
    { type: 'select', name: 'color', message: 'Colour?', choices: [{ title: 'red' }, { title: 'green' }, { title: 'blue' }] },
    { type: 'confirm', name: 'ok', message: 'Sure?' },
    { type: 'multiselect', name: 'tops', message: 'Toppings?', choices: [{ title: 'cheese' }, { title: 'ham' }, { title: 'olives' }] },
    { type: 'password', name: 'pw', message: 'Password?' },
    { type: 'number', name: 'n', message: 'Number?' },
    { type: 'toggle', name: 't', message: 'Toggle?', active: 'yes', inactive: 'no' },
    { type: 'autocomplete', name: 'ac', message: 'Pick', choices: [{ title: 'alpha' }, { title: 'beta' }, { title: 'gamma' }] },
    { type: 'list', name: 'l', message: 'List?' },
  ]);
  console.log(JSON.stringify(r));
})();
