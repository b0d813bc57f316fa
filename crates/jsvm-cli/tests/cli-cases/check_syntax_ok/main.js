#!/usr/bin/env node
// --check compiles the program without running it: nothing is printed (exit 0), and a
// top-level return is valid in the module wrapper.
console.log("never printed");
return 1;
