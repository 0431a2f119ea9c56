// The JS API beyond parity: lone surrogates, every error path (and that the module keeps
// working after each), junk input, a 1 MB string, the full entry's phone functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, { analyze, count, smartEncode, SmsPreflightError } from 'sms-preflight';
import * as full from 'sms-preflight/full';

function throwsCode(f, code) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof SmsPreflightError || e instanceof full.SmsPreflightError, `not an SmsPreflightError: ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'SmsPreflightError');
    assert.equal(e.code, code, e.message);
    assert.ok(e.message.length > 10, e.message);
    return true;
  });
  // The module still answers after the error.
  assert.equal(count('still works').parts, 1);
  assert.equal(full.count('still works').parts, 1);
}

test('init() is a no-op in Node and the functions work without it', async () => {
  assert.equal(count('hello').encoding, 'GSM-7');
  await init();
  assert.equal(count('hello').units, 5);
});

test('the README example: an escape pair on a boundary takes a third part', () => {
  const text = 'a'.repeat(152) + '€' + 'a'.repeat(152);
  const a = analyze(text);
  assert.deepEqual([a.encoding, a.units, a.parts, a.remaining], ['GSM-7', 306, 3, 152]);
  assert.equal(a.segments[0].units, 152);
  assert.equal(a.segments[1].start, 152);
  const t = analyze(text, { profile: 'telnyx' });
  assert.deepEqual([t.encoding, t.parts], ['UCS-2', 5]);
  assert.deepEqual(count(text), { encoding: 'GSM-7', units: 306, parts: 3, remaining: 152, partCapacity: 153, chars: 305 });
});

test('ranges are UTF-16 offsets: text.slice(start, end) is the part', () => {
  const text = '😀'.repeat(40) + 'é'.repeat(40);
  const a = analyze(text);
  assert.equal(a.encoding, 'UCS-2');
  assert.equal(a.segments.map((s) => text.slice(s.start, s.end)).join(''), text);
  for (const s of a.segments) assert.equal(s.text, text.slice(s.start, s.end));
  assert.equal(a.nonGsm[1].start, 2);
  assert.equal(text.slice(a.nonGsm[1].start, a.nonGsm[1].end), '😀');
});

test('lone surrogates: one unit each, UCS-2, flagged, offsets still index the string', () => {
  for (const text of ['Hi\uD83D', '\uDE00abc', 'a\uD800b\uDC00c', '\uD83D\uD83D\uDE00']) {
    const a = analyze(text);
    const c = count(text);
    assert.equal(a.encoding, 'UCS-2', JSON.stringify(text));
    assert.equal(a.units, text.length);
    assert.equal(a.utf16Len, text.length);
    assert.deepEqual(c, { encoding: 'UCS-2', units: text.length, parts: 1, remaining: 70 - text.length, partCapacity: 70, chars: a.chars });
    const lone = a.nonGsm.filter((g) => g.loneSurrogate);
    assert.ok(lone.length >= 1);
    for (const g of lone) {
      assert.equal(g.end - g.start, 1);
      const u = text.charCodeAt(g.start);
      assert.ok(u >= 0xd800 && u <= 0xdfff);
    }
    assert.equal(a.warnings.find((w) => w.kind === 'lone_surrogates').count, lone.length);
  }
  // 67 units per part: a lone high surrogate at the boundary is one unit, not a pair.
  const text = 'ç'.repeat(66) + '\uD83D' + 'ç'.repeat(10);
  assert.deepEqual([count(text).units, count(text).parts], [77, 2]);
  assert.equal(analyze(text).segments[0].end, 67);
});

test('smartEncode: replacements with offsets, and the parts it saves', () => {
  const text = '“Hello” — it’s 5 o’clock… '.repeat(8);
  const r = smartEncode(text);
  assert.equal(r.applied, true);
  assert.equal(r.before.encoding, 'UCS-2');
  assert.equal(r.after.encoding, 'GSM-7');
  assert.ok(r.partsSaved > 0);
  assert.equal(r.partsSaved, r.before.parts - r.after.parts);
  assert.equal(count(r.text).parts, r.after.parts);
  const first = r.replacements[0];
  assert.equal(text.slice(first.start, first.start + 1), first.original);
  assert.equal(r.text.slice(first.newStart, first.newStart + first.replacement.length), first.replacement);
  assert.equal(smartEncode(text, { smart: 'off' }).applied, false);
  assert.equal(smartEncode(text, { encoding: 'ucs2' }).enabled, false);
});

test('national tables as an option', () => {
  const text = 'Şişli’de buluşalım mı? Çok güzel olur, ğ ı İ.';
  assert.equal(count(text).encoding, 'UCS-2');
  const a = analyze(text.replace('’', "'"), { national: ['tr'] });
  assert.equal(a.encoding, 'GSM-7');
  assert.equal(a.nationalSingleShift, 'tr');
  assert.deepEqual(count(text.replace('’', "'"), { national: 'all' }).encoding, 'GSM-7');
});

test('every error path of the text functions throws an SmsPreflightError with a code', () => {
  for (const bad of [undefined, null, 42, {}, [], 1n]) {
    throwsCode(() => count(bad), 'invalid_input');
    throwsCode(() => analyze(bad), 'invalid_input');
    throwsCode(() => smartEncode(bad), 'invalid_input');
  }
  throwsCode(() => count('x', 'telnyx'), 'invalid_option');
  throwsCode(() => count('x', [1]), 'invalid_option');
  throwsCode(() => count('x', { bogus: true }), 'invalid_option');
  throwsCode(() => count('x', { profile: 'twilio' }), 'invalid_option');
  throwsCode(() => count('x', { profile: 3 }), 'invalid_option');
  throwsCode(() => count('x', { charset: 'ascii' }), 'invalid_option');
  throwsCode(() => count('x', { reference: 12 }), 'invalid_option');
  throwsCode(() => count('x', { split: 'words' }), 'invalid_option');
  throwsCode(() => count('x', { encoding: 'utf8' }), 'invalid_option');
  throwsCode(() => count('x', { maxParts: 0 }), 'invalid_option');
  throwsCode(() => count('x', { maxParts: 1.5 }), 'invalid_option');
  throwsCode(() => count('x', { maxParts: '10' }), 'invalid_option');
  throwsCode(() => count('x', { national: ['xx'] }), 'invalid_option');
  throwsCode(() => count('x', { national: [1] }), 'invalid_option');
  throwsCode(() => count('x', { national: 5 }), 'invalid_option');
  throwsCode(() => analyze('x', { smart: 'telnyx' }), 'invalid_option');
  throwsCode(() => smartEncode('x', { smart: 'twilio' }), 'invalid_option');
  throwsCode(() => count('x', { profile: 'telnyx', national: 'all' }), 'conflicting_options');
  throwsCode(() => analyze('ç😀', { encoding: 'gsm7' }), 'not_gsm7');
  throwsCode(() => count('ç', { encoding: 'gsm7' }), 'not_gsm7');
  throwsCode(() => smartEncode('\u200B\u200B'), 'empty_after_smart_encoding');
  try {
    analyze('aç😀', { encoding: 'gsm7' });
  } catch (e) {
    assert.deepEqual(e.chars.map((c) => [c.codePoint, c.start, c.end]), [['U+00E7', 1, 2], ['U+1F600', 2, 4]]);
    assert.equal(e.charset, 'standard');
  }
  // undefined keys are ignored, like absent ones; null options are no options
  assert.equal(count('x', { charset: undefined }).parts, 1);
  assert.equal(count('x', null).parts, 1);
  // maxParts: counted exactly, with a warning
  assert.deepEqual(analyze('a'.repeat(400), { maxParts: 2 }).warnings.map((w) => w.kind), ['exceeds_max_parts']);
});

test('options objects: what is accepted, and how unknown keys are named', () => {
  // A function is not an options object; one without a prototype is.
  throwsCode(() => count('x', () => {}), 'invalid_option');
  const bare = Object.assign(Object.create(null), { profile: 'telnyx' });
  assert.equal(count('x', bare).partCapacity, 160);
  // Unknown keys are quoted as the core quotes values: invisible characters escaped.
  assert.throws(() => count('x', { 'profile\u200B': 'telnyx' }), (e) => {
    assert.match(e.message, /unknown option "profile\\u\{200b\}"/);
    return true;
  });
});

test("the caller's getters and Proxy traps: what they throw is thrown on, and the module keeps working", () => {
  const boom = new Error('boom');
  const getter = { get profile() { throw boom; } };
  const element = ['tr'];
  Object.defineProperty(element, 0, { get() { throw boom; } });
  const trap = new Proxy({}, { ownKeys() { throw boom; } });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  // Thousands of times: a throw that unwound through the WebAssembly frames leaked their
  // stack and broke the instance after about 1,700 calls.
  for (let i = 0; i < 5000; i++) {
    assert.throws(() => count('x', getter), (e) => e === boom);
    assert.throws(() => analyze('x', { national: element }), (e) => e === boom);
    assert.throws(() => smartEncode('x', trap), (e) => e === boom);
    assert.throws(() => count('x', revoked), TypeError);
  }
  assert.equal(count('still works').parts, 1);
  assert.equal(analyze('still works', { national: ['tr'] }).parts, 1);
});

test('an error from the full entry is an instance of the main entry\'s SmsPreflightError', () => {
  assert.throws(() => full.count('ç', { encoding: 'gsm7' }), (e) => e instanceof SmsPreflightError);
  assert.throws(() => count('ç', { encoding: 'gsm7' }), (e) => e instanceof full.SmsPreflightError);
  assert.ok(!(new Error('x') instanceof SmsPreflightError));
  assert.ok(!(null instanceof SmsPreflightError));
});

test('the full entry: normalizePhone and classifyAddress, and their errors', () => {
  const n = full.normalizePhone('020 7946 0958', { defaultRegion: 'GB' });
  assert.deepEqual([n.e164, n.countryCode, n.region, n.isValid], ['+442079460958', 44, 'GB', true]);
  assert.equal(full.normalizePhone('+1 (415) 555-2671').e164, '+14155552671');
  const a = full.classifyAddress('+14155552671');
  assert.deepEqual([a.kind, a.value, a.number.region], ['e164', '+14155552671', 'US']);
  assert.equal(full.classifyAddress('12345').kind, 'short_code');
  assert.equal(full.classifyAddress('ACME').kind, 'alphanumeric_sender_id');
  assert.equal(full.count('x').parts, 1);

  assert.throws(() => full.normalizePhone('4155552671'), (e) => e.code === 'missing_country_code' && e.telnyxCode === 10016);
  throwsCode(() => full.normalizePhone('hello'), 'not_a_number');
  throwsCode(() => full.normalizePhone('020 7946 0958', { defaultRegion: 'ZZ' }), 'unsupported_region');
  throwsCode(() => full.normalizePhone('+1', { region: 'US' }), 'invalid_option');
  throwsCode(() => full.normalizePhone('+1', { defaultRegion: 1 }), 'invalid_option');
  throwsCode(() => full.normalizePhone('+1', 'US'), 'invalid_option');
  throwsCode(() => full.normalizePhone(14155552671), 'invalid_input');
  throwsCode(() => full.normalizePhone('9'.repeat(300)), 'input_too_long');
  throwsCode(() => full.classifyAddress(''), 'empty');
  throwsCode(() => full.classifyAddress('ACME-CORP!'), 'sender_id_invalid_char');
  throwsCode(() => full.classifyAddress(null), 'invalid_input');
});

test('junk input never crashes the module (the phone engine panic is kept out)', () => {
  const junk = [
    'tel:;phone-context=tel:+1', 'tel:+1;phone-context=tel:', ';phone-context=tel:tel:',
    'tel:' + ';phone-context='.repeat(20), '+' + '\u0000'.repeat(50), '\uD800+1', '+١٢٣٤٥٦٧٨٩',
    '++++++++', 'tel:', '+1;ext=' + '9'.repeat(100), '(((((((+1)))))))', '\uFEFF+44 20',
  ];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alphabet = ['+', '1', '4', '0', 'tel:', ';', 'phone-context=', 'ext=', ' ', '-', '(', ')', 'x', '#', '*', '\uD83D', 'é', '٣', '.'];
  for (let i = 0; i < 2000; i++) {
    let s = '';
    const n = Math.floor(rnd() * 12);
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    junk.push(s);
  }
  for (const s of junk) {
    for (const f of [() => full.normalizePhone(s), () => full.normalizePhone(s, { defaultRegion: 'US' }), () => full.classifyAddress(s)]) {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof full.SmsPreflightError, `${JSON.stringify(s)}: ${e}`);
      }
    }
    full.analyze(s);
    full.count(s);
  }
  assert.equal(full.normalizePhone('+14155552671').e164, '+14155552671');
});

test('a 1 MB string is answered without error', () => {
  const mb = 'Hello, world! Ça va? 😀 '.repeat(Math.ceil((1 << 20) / 24)).slice(0, 1 << 20);
  const c = count(mb);
  assert.equal(c.encoding, 'UCS-2');
  assert.ok(c.parts > 15000);
  const a = analyze(mb);
  assert.equal(a.parts, c.parts);
  assert.equal(a.utf16Len, mb.length);
  assert.equal(a.segments.at(-1).end, mb.length);
});
