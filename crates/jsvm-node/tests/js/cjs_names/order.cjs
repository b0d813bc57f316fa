console.log('order.cjs runs');
exports.when = 'evaluated';
