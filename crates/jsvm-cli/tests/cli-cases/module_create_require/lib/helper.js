module.exports = "helper";
