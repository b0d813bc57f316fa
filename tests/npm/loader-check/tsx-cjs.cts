const twice = (n: number): number => n * 2;
module.exports = { twice };
