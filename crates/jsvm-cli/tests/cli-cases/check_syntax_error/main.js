// --check compiles the program without running it: a syntax error is reported (exit 1).
console.log("never printed");
function f() {
  let x = ;
}
