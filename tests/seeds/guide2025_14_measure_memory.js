// Seed: 2025 guide, section 10.3 "Measuring Memory".
// ADDED: `const vm = require('node:vm');` (section 2).
// CHANGED for determinism: the guide logs `info` itself, whose numbers vary
// from run to run; this prints its shape instead: the same structure with every
// value replaced by its typeof (arrays keep their length and element shapes).
const vm = require('node:vm');

function shape(value) {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) out[key] = shape(value[key]);
    return out;
  }
  return typeof value;
}

vm.measureMemory({ mode: 'detailed', execution: 'eager' })
  .then(info => console.log(shape(info)));
