// Parity with the Rust CLI's JSON (`sms-preflight analyze --jsonl`) on a committed sample of
// the shared corpus, under three profiles: every count, every segment's UTF-16 and UTF-8
// range, every non-GSM character's offsets. Regenerate with scripts/gen-parity.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, count } from 'sms-preflight';

const messages = readFileSync(new URL('./fixtures/parity.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

test('the sample is not empty', () => {
  assert.ok(messages.length >= 100, `only ${messages.length} messages`);
});

for (const profile of ['standard', 'telnyx', 'national']) {
  test(`analyze and count agree with the CLI (${profile})`, () => {
    let checked = 0;
    for (const { id, text, answers } of messages) {
      const { options, cli } = answers[profile];
      const a = analyze(text, options);
      const at = `${id} (${profile})`;
      assert.equal(a.encoding, cli.encoding, at);
      assert.equal(a.charset, cli.charset, at);
      assert.equal(a.nationalLockingShift, cli.national_locking_shift, at);
      assert.equal(a.nationalSingleShift, cli.national_single_shift, at);
      for (const [js, rs] of [
        ['udhOctets', 'udh_octets'], ['units', 'units'], ['parts', 'parts'],
        ['remaining', 'remaining'], ['partCapacity', 'part_capacity'],
        ['singlePartCapacity', 'single_part_capacity'], ['multipartCapacity', 'multipart_capacity'],
        ['chars', 'chars'], ['graphemes', 'graphemes'], ['utf8Len', 'utf8_len'], ['utf16Len', 'utf16_len'],
      ]) {
        assert.equal(a[js], cli[rs], `${at}: ${js}`);
      }
      assert.equal(a.utf16Len, text.length, at);
      assert.deepEqual(
        a.segments.map((s) => [s.start, s.end, s.utf8Start, s.utf8End, s.units, s.capacity]),
        cli.segments.map((s) => [s.utf16.start, s.utf16.end, s.utf8.start, s.utf8.end, s.units, s.capacity]),
        `${at}: segments`,
      );
      for (const s of a.segments) assert.equal(s.text, text.slice(s.start, s.end), `${at}: segment text`);
      assert.deepEqual(
        a.nonGsm.map((c) => [c.start, c.utf8, c.codePoint, c.loneSurrogate]),
        cli.non_gsm,
        `${at}: nonGsm`,
      );
      for (const c of a.nonGsm) assert.equal(text.slice(c.start, c.end), c.char, `${at}: ${c.codePoint}`);
      assert.deepEqual(a.warnings.map((w) => w.kind), cli.warnings.map((w) => w.kind), `${at}: warnings`);
      const c = count(text, options);
      assert.deepEqual(
        [c.encoding, c.units, c.parts, c.remaining, c.partCapacity, c.chars],
        [cli.encoding, cli.units, cli.parts, cli.remaining, cli.part_capacity, cli.chars],
        `${at}: count`,
      );
      checked++;
    }
    assert.equal(checked, messages.length);
  });
}
