import * as p from '@clack/prompts';
p.intro('setup');
const name = await p.text({ message: 'Name?', placeholder: 'anon' });
const color = await p.select({ message: 'Colour?', options: [{ value: 'red' }, { value: 'green' }, { value: 'blue' }] });
const ok = await p.confirm({ message: 'Sure?' });
const tops = await p.multiselect({ message: 'Toppings?', options: [{ value: 'cheese' }, { value: 'ham' }] });
p.outro(JSON.stringify({ name, color, ok, tops }));
