// A module graph whose import names an export its module lacks: the link error names the
// specifier the importing module used, in V8's words (imported from a module here: an import()
// whose link fails in a job with no frame keeps the engine's words, except the main module's).
const path = require('path');
const { pathToFileURL } = require('url');
import(pathToFileURL(path.join(__dirname, 'esm_missing_export', 'run.mjs')).href);
