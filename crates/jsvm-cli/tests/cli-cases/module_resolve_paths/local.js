module.exports = "local";
