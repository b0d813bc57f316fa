const Benchmark = require('benchmark');
const suite = new Benchmark.Suite;
let n = 0;
suite.add('a', function () { n++; }, { maxTime: 0.05, minSamples: 2 })
  .add('b', function () { 'x'.repeat(10); }, { maxTime: 0.05, minSamples: 2 })
  .on('cycle', e => console.log(String(e.target.name), e.target.stats.sample.length > 0, typeof e.target.hz))
  .on('complete', function () { console.log('done', this.length, typeof this.filter('fastest').map('name')[0]); })
  .run();
console.log(Benchmark.support, typeof Benchmark.platform.name);
