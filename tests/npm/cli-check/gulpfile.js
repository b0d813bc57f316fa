// A gulp 5 build: series and parallel tasks, a callback task, an async one and a stream copy.
const { series, parallel, src, dest } = require('gulp');
function a(cb) { console.log('task a'); cb(); }
async function b() { await new Promise((r) => setTimeout(r, 300)); console.log('task b'); }
function copy() { return src('gulp-input/*.txt').pipe(dest('gulp-output/')); }
exports.default = series(a, parallel(b, copy));
