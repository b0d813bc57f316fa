const should = require('should');
const expectjs = require('expect.js');
const chai = require('chai');
chai.use(require('chai-as-promised'));
chai.use(require('sinon-chai'));
const sinon = require('sinon');
const { expect } = chai;
(1).should.be.exactly(1);
({ a: 1 }).should.have.property('a', 1);
try { [1, 2].should.containEql(3); } catch (e) { console.log(e.message); }
try { should(null).be.ok(); } catch (e) { console.log(e.message); }
expectjs([1]).to.contain(1);
try { expectjs({ a: 1 }).to.eql({ a: 2 }); } catch (e) { console.log(e.message); }
const spy = sinon.spy();
spy(1, 'a');
expect(spy).to.have.been.calledWith(1, 'a');
try { expect(spy).to.have.been.calledTwice; } catch (e) { console.log(e.message); }
const clock = sinon.useFakeTimers();
let fired = 0; setTimeout(() => fired++, 100); clock.tick(100); console.log('fired', fired); clock.restore();
const stub = sinon.stub().onFirstCall().returns(1).onSecondCall().throws(new Error('boom'));
console.log(stub()); try { stub(); } catch (e) { console.log(e.message); }
(async () => {
  await expect(Promise.resolve(2)).to.eventually.equal(2);
  try { await expect(Promise.reject(new Error('no'))).to.be.fulfilled; } catch (e) { console.log(e.message); }
  try { await expect(Promise.resolve(1)).to.eventually.deep.equal({ x: 1 }); } catch (e) { console.log(e.message); }
  console.log('done');
})();
