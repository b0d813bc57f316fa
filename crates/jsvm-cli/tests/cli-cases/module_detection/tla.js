export const v = await Promise.resolve(1);
