const e = new Error('x');
throw Object.assign(new Error('x'), { code: 'C', extra: { a: 1 } });
