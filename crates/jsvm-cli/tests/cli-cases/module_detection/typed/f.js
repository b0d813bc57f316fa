import x from "y"; export default x;
