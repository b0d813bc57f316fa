export function add(a: number, b: number): number { return a + b }
const s: string = add(1, 2);
