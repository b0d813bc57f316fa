/** A module. @module m */
/** Adds. @param {number} a - first @param {number} b - second @returns {number} sum */
function add(a, b) { return a + b; }
/** A class. */
class K { /** ctor @param {string} s */ constructor(s) { this.s = s; } }
