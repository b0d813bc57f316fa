// Getters the text does not name as exports do not run on import (webpack's deprecated ones).
module.exports = Object.defineProperties({}, {
  visible: { enumerable: true, get() { console.log('getter visible runs'); return 1; } },
});
Object.defineProperty(module.exports, 'throws', { enumerable: true, get: function () { return boom.x; } });
var boom = null;
