function yargsLike() { return 'called'; }
export { yargsLike as 'module.exports' };
export default 2;
