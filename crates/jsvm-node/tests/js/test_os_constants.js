// os.constants, fs.constants and the `constants` module (what graceful-fs, and so jest, read).
'use strict';
const os = require('os');
const fs = require('fs');
const constants = require('constants');

console.log(Object.keys(os.constants));
console.log(JSON.stringify(os.constants.errno));
console.log(JSON.stringify(os.constants.priority), JSON.stringify(os.constants.dlopen), os.constants.UV_UDP_REUSEADDR);
console.log(os.constants.signals.SIGTERM, os.constants.signals.SIGKILL, os.constants.signals.SIGUSR2);
console.log(JSON.stringify(fs.constants));
console.log(constants.O_RDONLY, constants.O_CREAT, constants.ENOENT, constants.SIGINT, constants.RTLD_NOW,
  constants.PRIORITY_HIGH, constants.S_IFDIR, constants.COPYFILE_EXCL, constants.F_OK);
