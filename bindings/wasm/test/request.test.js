// validate and estimateCost of the full entry: Telnyx's error shape, the options, the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate, estimateCost, count, SmsPreflightError } from 'sms-preflight/full';

const card = {
  entries: [
    { country: 'US', sender: 'long_code', type: 'SMS', rate: '0.00205', carrier_fee: '0.00305', currency: 'USD' },
    { country: '*', sender: '*', type: 'SMS', rate: '0.08', carrier_fee: '0', currency: 'USD' },
  ],
};
const now = '2026-12-01T12:00:00Z';

function throwsCode(f, code) {
  assert.throws(f, (e) => e instanceof SmsPreflightError && e.code === code && e.message.length > 10);
  assert.equal(count('ok').parts, 1);
}

test('validate: the rust doc example, in Telnyx error shape', () => {
  const r = validate({ from: '+12025550123', to: '+14155552671', text: 'a'.repeat(1612) }, { policy: 'telnyx', now });
  assert.equal(r.valid, false);
  assert.deepEqual(
    [r.errors[0].code, r.errors[0].title, r.errors[0].source.pointer],
    ['40302', 'Message too large', '/text'],
  );
  assert.equal(r.parts, 11);
  assert.equal(r.type, 'SMS');
  assert.equal(r.encoding, 'GSM-7');
});

test('validate: a valid request, an alphanumeric sender, a policy object, now as Date or number', () => {
  const ok = validate({ from: '+12025550123', to: '+14155552671', text: 'Your code is 1234' }, { now: new Date(now) });
  assert.equal(ok.valid, true, JSON.stringify(ok.errors));
  assert.equal(ok.parts, 1);
  assert.equal(ok.to[0].region, 'US');
  const alpha = validate({ from: 'ACME Corp 12', to: '+14155552671', text: 'Hi' }, { now: Date.parse(now) });
  assert.equal(alpha.errors[0].code, '40325');
  assert.equal(alpha.errors[0].source.pointer, '/from');
  const strict = validate({ from: '+12025550123', to: '+14155552671', text: 'a'.repeat(400) }, { policy: { max_parts: 2 }, now });
  assert.equal(strict.errors[0].code, '40302');
  assert.equal(validate({ to: '+14155552671', text: 'x' }).parts, 1); // now defaults to the clock
});

test('validate: lone surrogates and send_at null pass through JSON', () => {
  const r = validate({ from: '+12025550123', to: '+14155552671', text: 'Hi \uD83D', send_at: null }, { now });
  assert.equal(r.encoding, 'UCS-2');
  assert.equal(r.units, 4);
});

test('estimateCost: exact decimals from a rate card', () => {
  const e = estimateCost({ from: '+12025550123', to: '+14155552671', text: 'Hello' }, card);
  assert.deepEqual(e.cost, { amount: '0.0051', currency: 'USD' });
  assert.equal(e.cost_breakdown.rate.amount, '0.00205');
  assert.equal(e.parts, 1);
  assert.equal(e.sender, 'long_code');
  const two = estimateCost({ from: '+12025550123', to: '+442079460958', text: 'a'.repeat(161) }, card);
  assert.equal(two.cost.amount, '0.16');
});

test('every error path of validate and estimateCost', () => {
  for (const bad of [undefined, null, 'x', 5, []]) throwsCode(() => validate(bad), 'invalid_input');
  throwsCode(() => validate({ to: 5 }), 'wrong_type');
  throwsCode(() => validate({ type: 'FAX' }), 'bad_value');
  throwsCode(() => validate({}, { policy: { bogus: 1 } }), 'invalid_option');
  throwsCode(() => validate({}, { policy: 'twilio' }), 'invalid_option');
  throwsCode(() => validate({}, { policy: { max_parts: 0 } }), 'conflicting_options');
  throwsCode(() => validate({}, { now: 'yesterday' }), 'invalid_option');
  throwsCode(() => validate({}, { now: NaN }), 'invalid_option');
  throwsCode(() => validate({}, { now: {} }), 'invalid_option');
  throwsCode(() => validate({}, { when: now }), 'invalid_option');
  throwsCode(() => validate({}, 'telnyx'), 'invalid_option');
  throwsCode(() => estimateCost({ to: '+14155552671', text: 'x' }, null), 'invalid_rate_card');
  throwsCode(() => estimateCost({ to: '+14155552671', text: 'x' }, { entries: 5 }), 'invalid_rate_card');
  throwsCode(() => estimateCost({ to: '+14155552671', text: 'x' }, { entries: [] }), 'missing_rate');
  throwsCode(() => estimateCost({ text: 'x' }, card), 'no_recipient');
  throwsCode(() => estimateCost({ to: '+14155552671', text: 'x' }, card, { nope: 1 }), 'invalid_option');
  const any = { sender: '*', type: '*', rate: '0.01', carrier_fee: '0' };
  const mixed = { entries: [{ ...any, country: 'US', currency: 'USD' }, { ...any, country: 'GB', currency: 'EUR' }] };
  throwsCode(() => estimateCost({ from: '+12025550123', to: ['+14155552671', '+442079460958'], text: 'x' }, mixed), 'mixed_currencies');
});

// The entry reads requests with JavaScript's JSON.parse (the CLI and the Rust tests with
// serde_json): the validator's rule corpus must give the same verdicts through it.
test('the rule corpus of tests/request.rs gives the same codes through the npm entry', async () => {
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(new URL('../../../tests/data/request_rules.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const codes = (list) => list.map((e) => (e.source ? `${e.code} ${e.source.pointer}` : e.code)).sort();
  let n = 0;
  for (const line of lines) {
    const c = JSON.parse(line);
    // Raw JSON text (duplicate keys) and the other endpoints are the Rust API's only.
    if (c.json !== undefined || (c.endpoint ?? 'send') !== 'send') continue;
    const req = structuredClone(c.request);
    if (c.build_text) req.text = c.build_text.map(([s, k]) => s.repeat(k)).join('');
    if (c.build_media) req.media_urls = Array.from({ length: c.build_media }, (_, i) => `https://example.com/m/${i}.png`);
    if (c.build_to) req.to = Array.from({ length: c.build_to }, (_, i) => `+1415555267${i}`);
    if (c.build_url) req.media_urls = ['https://example.com/' + 'a'.repeat(c.build_url[1] - 'https://example.com/'.length)];
    const r = validate(req, { now });
    assert.deepEqual(codes(r.errors), [...c.errors].sort(), c.name);
    assert.deepEqual(codes(r.warnings), [...c.warnings].sort(), c.name);
    if (c.parts !== undefined) assert.equal(r.parts, c.parts, c.name);
    n++;
  }
  assert.ok(n >= 60, `${n} cases`);
});

test('numbers, nesting and field order read as serde_json reads them', () => {
  const base = { from: '+12025550123', to: '+14155552671', type: 'MMS', media_urls: ['https://example.com/a.png'] };
  assert.equal(validate({ ...base, media_sizes: [2 ** 53] }, { now }).errors[0].code, '40317');
  assert.equal(validate({ ...base, media_sizes: [0] }, { now }).valid, true);
  for (const bad of [1.5, -1, 1e21, '5']) {
    assert.throws(
      () => validate({ ...base, media_sizes: [bad] }, { now }),
      (e) => e.code === 'wrong_type' && e.pointer === '/media_sizes/0',
      String(bad),
    );
  }
  // Unknown fields are warned about in the order JSON.stringify writes them.
  const r = validate({ ...base, zeta: { deep: [[[1]]] }, alpha: null, 7: 'x' }, { now });
  assert.deepEqual(r.warnings.filter((w) => w.code === 'P106').map((w) => w.source.pointer), ['/7', '/zeta', '/alpha']);
  // serde_json's nesting limit: 127 levels of arrays and objects, the body's own included.
  const nested = (levels) => {
    let v = 1;
    for (let i = 0; i < levels; i++) v = [v];
    return v;
  };
  assert.equal(validate({ ...base, x: nested(126) }, { now }).warnings[0].code, 'P106');
  assert.throws(() => validate({ ...base, x: nested(127) }, { now }), (e) => e.code === 'syntax');
});
