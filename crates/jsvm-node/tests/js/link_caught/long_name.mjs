import { a, missingName } from './other.mjs';
export default missingName;
