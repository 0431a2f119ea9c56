// Writes test/fixtures/parity.jsonl: a sample of the shared corpus (every 199th message of at most 1,600 UTF-16 units, plus
// a few edge cases) with the Rust CLI's JSON answers under three profiles. test/parity.test.js
// checks the npm package against it, so the test needs neither the corpus nor the CLI.
//   cargo build -p sms-preflight-cli && node scripts/gen-parity.mjs [CORPUS] [CLI]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const here = new URL('..', import.meta.url).pathname;
const corpus = process.argv[2] ?? `${here}/../../../shared/corpus/messages.jsonl`;
const cli = process.argv[3] ?? `${here}/../../target/debug/sms-preflight`;

const lines = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim());
const sample = lines
  .filter((_, i) => i % 199 === 0)
  .map((l) => JSON.parse(l))
  .filter((m) => typeof m.text === "string" && m.text.length <= 1600);
const extra = [
  'a'.repeat(152) + '€' + 'a'.repeat(152),
  'a'.repeat(66) + '😀' + 'a'.repeat(66),
  '👨‍👩‍👧‍👦'.repeat(20),
  'Ça coûte 5€ — “merci”',
  'ı ş ğ Ğ İ '.repeat(20),
  '',
];
extra.forEach((text, i) => sample.push({ id: `edge${i}`, text }));
const input = sample.map((m) => JSON.stringify({ id: m.id, text: m.text })).join('\n') + '\n';

const profiles = {
  standard: { flags: [], options: {} },
  telnyx: { flags: ['--telnyx'], options: { profile: 'telnyx' } },
  national: { flags: ['--national', 'all'], options: { national: 'all' } },
};
const out = sample.map((m) => ({ id: m.id, text: m.text, answers: {} }));
for (const [name, { flags, options }] of Object.entries(profiles)) {
  const answers = execFileSync(cli, ['analyze', ...flags, '--jsonl', '-'], { input, maxBuffer: 1 << 28 })
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  answers.forEach((a, i) => {
    // Compact: the test checks each segment's text as text.slice(start, end), and each
    // non-GSM character as [utf16, utf8, code point, lone surrogate].
    for (const s of a.segments ?? []) delete s.text;
    if (a.non_gsm) a.non_gsm = a.non_gsm.map((c) => [c.utf16, c.utf8, c.code_point, !!c.lone_surrogate]);
    delete a.id;
    out[i].answers[name] = { options, cli: a };
  });
}
writeFileSync(`${here}/test/fixtures/parity.jsonl`, out.map((o) => JSON.stringify(o)).join('\n') + '\n');
console.log(`${sample.length} messages, ${Object.keys(profiles).length} profiles each`);
