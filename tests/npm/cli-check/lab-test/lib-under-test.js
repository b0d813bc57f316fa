exports.f = function (x) { if (x > 1) { return "big"; } return "small"; };
