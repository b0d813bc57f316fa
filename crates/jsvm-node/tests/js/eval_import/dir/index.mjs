export default 'eval_import/dir/index.mjs';
