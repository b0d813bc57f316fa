export default 'eval_import/m.mjs';
