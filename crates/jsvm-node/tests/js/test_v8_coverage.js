// v8.takeCoverage / v8.stopCoverage, which test runners (ava) call at the end of each run:
// without NODE_V8_COVERAGE in the environment they write nothing and return nothing.
const v8 = require('v8');
console.log(typeof v8.takeCoverage, typeof v8.stopCoverage, 'NODE_V8_COVERAGE' in process.env);
console.log(v8.takeCoverage(), v8.takeCoverage(), v8.stopCoverage());
