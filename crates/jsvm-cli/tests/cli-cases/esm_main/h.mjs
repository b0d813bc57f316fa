export function helper() { return "helped" }
