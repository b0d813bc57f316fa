import {add} from "./a";
export default class K<T> { constructor(public v: T) {} get x() { return add(1, 2) } }
