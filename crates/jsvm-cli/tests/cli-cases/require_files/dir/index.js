exports.idx = "index!"
