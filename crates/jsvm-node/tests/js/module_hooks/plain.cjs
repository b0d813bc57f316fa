exports.kind = 'commonjs, left to the CommonJS loader';
