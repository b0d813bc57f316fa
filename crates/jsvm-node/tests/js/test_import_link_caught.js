// A module graph's link error from import(), handled by code (.catch, await): V8's words, as
// when nothing handles it (the engine makes it in a job, with no frame).
import('./link_caught/bad.mjs').catch((e) => console.log('catch:', e.name, e.message));
(async () => {
  try {
    await import('./link_caught/bad.mjs');
  } catch (e) {
    console.log('await:', e.name, e.message, e instanceof SyntaxError);
  }
})();
import('./link_caught/bad.mjs').then(
  () => console.log('linked?'),
  (e) => console.log('then:', e.message),
);
// Its stack: the importer's import, with an arrow at the name, above the header.
const here = require('url').pathToFileURL(__dirname).href;
import('./link_caught/bad.mjs').catch((e) => {
  console.log(e.stack.split('\n').slice(0, 4).join('\n').split(here).join('.'));
});
