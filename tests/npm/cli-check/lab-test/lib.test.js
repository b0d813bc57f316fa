const Code = require('@hapi/code'); const Lab = require('@hapi/lab');
const { expect } = Code; const { it, describe } = exports.lab = Lab.script();
const lib = require('./lib-under-test');
describe('lib', () => { it('big', () => { expect(lib.f(2)).to.equal('big'); });
  it('fails', () => { expect(lib.f(0)).to.equal('big'); });
  it('async', async () => { await new Promise(r => setTimeout(r, 5)); expect([1,2]).to.include(2); }); });
