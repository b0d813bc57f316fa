globalThis.preloaded = (globalThis.preloaded || []).concat('pre');
console.log('pre: main?', require.main === undefined, module.id.endsWith('pre.js'), module.parent && module.parent.id);
