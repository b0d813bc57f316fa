export const value = __HOOKED__;
export const url = import.meta.url.replace(/^.*\//, '');
