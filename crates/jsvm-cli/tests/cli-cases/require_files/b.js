exports.name = "bee"; console.log("loading b");
