const { Given, When, Then } = require('@cucumber/cucumber'); const assert = require('assert');
Given('a number {int}', function (n) { this.n = n; });
When('I add {int}', async function (n) { await new Promise(r => setTimeout(r, 2)); this.n += n; });
Then('it is {int}', function (n) { assert.strictEqual(this.n, n); });
