const   x = {a:1,b:[1,2,3],  c: function(){return "s"}}
async function f(a,b){ await null; return a+b }
