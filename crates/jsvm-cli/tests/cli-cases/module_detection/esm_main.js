console.log(typeof import.meta.url, typeof require); const v = await Promise.resolve("main tla"); console.log(v);
