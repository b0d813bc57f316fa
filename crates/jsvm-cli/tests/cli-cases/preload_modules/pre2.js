globalThis.preloaded = (globalThis.preloaded || []).concat('pre2');
