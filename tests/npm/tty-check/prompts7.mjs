import { input, select, confirm, checkbox, password } from '@inquirer/prompts';
const name = await input({ message: 'Your name?', default: 'anon' });
const color = await select({ message: 'Colour?', choices: ['red', 'green', 'blue'].map((v) => ({ value: v })) });
const ok = await confirm({ message: 'Sure?' });
const toppings = await checkbox({ message: 'Toppings?', choices: ['cheese', 'ham', 'olives'].map((v) => ({ value: v })) });
const pw = await password({ message: 'Password?', mask: '*' });
console.log(JSON.stringify({ name, color, ok, toppings, pw }));
