"use strict";
var __exportStar = (this && this.__exportStar) || function(m, exports) { for (var p in m) exports[p] = m[p]; };
Object.defineProperty(exports, "__esModule", { value: true });
__exportStar(require("./c.cjs"), exports);
exports.own = 1;
