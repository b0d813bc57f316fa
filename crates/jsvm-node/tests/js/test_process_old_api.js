// Node's older process API: dlopen (no native addons), debugPort, _tickCallback, openStdin, assert (DEP0100).
console.log(typeof process.dlopen, process.debugPort, typeof process._tickCallback, typeof process.openStdin, typeof process.assert);
try { process.dlopen() } catch (e) { console.log(e.name, e.code, e.message) }
try { process.dlopen({ exports: {} }, '/nonexistent.node') } catch (e) { console.log(e.name, e.code) }
let ticked = false; process.nextTick(() => { ticked = true; }); process._tickCallback(); console.log('ticked', ticked);
try { process.assert(false, 'boom') } catch (e) { console.log(e.name, e.code, e.message) }
process.assert(true);
try { process.assert(0) } catch (e) { console.log(e.name, e.code, JSON.stringify(e.message), e.stack.split('\n')[0]) }
