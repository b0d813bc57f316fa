// The hooks thread exits in a hook while this thread waits for its answer: no hang, the
// process exits with the thread's code.
require('module').register('./exiting.mjs', require('url').pathToFileURL(__filename));
console.log('registered');
import('virtual:exit').then(() => console.log('imported?'), (e) => console.log('refused', e.code));
