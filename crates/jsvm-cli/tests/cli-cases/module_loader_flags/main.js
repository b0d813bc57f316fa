// With hooks from --loader and --import, the program runs through the ES loader's hooks.
console.log('main', require.main === module, 'quiet');
import('virtual:config').then((m) => console.log('config', m.default));
