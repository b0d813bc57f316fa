// An `--import` module registering more hooks: CommonJS sources rewritten on their way in.
import { register } from 'node:module';
register('./upper.mjs', import.meta.url);
console.log('register.mjs ran');
