"use strict";
exports.__esModule = true;
var _external = require("./b.cjs");
Object.keys(_external).forEach(function (key) {
  if (key === "default" || key === "__esModule") return;
  exports[key] = _external[key];
});
