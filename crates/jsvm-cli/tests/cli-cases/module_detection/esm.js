export default 5; export const named = "n";
