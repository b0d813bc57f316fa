import { b } from './lib.mjs'; export default b;
