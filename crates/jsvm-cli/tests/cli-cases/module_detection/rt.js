module.exports = JSON.parse("{bad");
