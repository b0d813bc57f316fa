try { setTimeout('code', 1); } catch (e) { console.log(e.name, e.code, e.message); }
try { process.nextTick(null); } catch (e) { console.log(e.name, e.code, e.message); }
setTimeout(() => console.log('negative delay'), -5);
setTimeout(() => console.log('NaN delay'), NaN);
