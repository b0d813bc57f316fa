'use strict';
// Strict code assigning a string's index: V8 points at the assignment's operator.
const s = 'abc';
s[1] = 'x';
