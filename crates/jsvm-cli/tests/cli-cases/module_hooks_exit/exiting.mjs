// A resolve hook that ends its thread: the whole process ends with that code, as Node's does.
export async function resolve(specifier, context, next) {
  if (specifier === 'virtual:exit') process.exit(3);
  return next(specifier, context);
}
