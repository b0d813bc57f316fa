const x = 1;
throw new Error("esm boom")
