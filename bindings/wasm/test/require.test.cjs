// `require('sms-preflight')` works on Node 20.19+ and 22.12+ (require of an ES module
// without top-level await); this checks it on the running Node.
const { test } = require('node:test');
const assert = require('node:assert/strict');

test('require works', () => {
  const { count, analyze } = require('sms-preflight');
  assert.equal(count('hello').parts, 1);
  assert.equal(analyze('ç').encoding, 'UCS-2');
  const full = require('sms-preflight/full');
  assert.equal(full.normalizePhone('+14155552671').region, 'US');
});
