// `inspector/promises`: `inspector` with a Session whose `post` returns a promise. As there is
// no inspector in jsvm (see js/inspector.js), a session cannot connect.
'use strict';

const inspector = require('inspector');

class Session extends inspector.Session {
  async post(method, params) {
    return super.post(method, params);
  }
}

module.exports = { ...inspector, Session };
