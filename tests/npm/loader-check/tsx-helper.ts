export type Shape = { kind: 'square' | 'circle'; size: number };
export const helper = (s: Shape): string => `${s.kind}:${(s.kind === 'square' ? s.size ** 2 : Math.PI * s.size ** 2).toFixed(2)}`;
