// A link error's arrow marks the whole missing name, as V8's does.
const here = require('url').pathToFileURL(__dirname).href;
import('./link_caught/long_name.mjs').catch((e) => {
  console.log(e.stack.split('\n').slice(0, 4).join('\n').split(here).join('.'));
});
