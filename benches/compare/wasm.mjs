// sms-preflight through WebAssembly in Node against Twilio's sms-segments-calculator, in the
// same process on the same corpus: agreement first, then timing (issue 10).
//
//   PEERS_DIR=... node benches/compare/wasm.mjs CORPUS [PASSES] [TWILIO_PASSES]
//
// PEERS_DIR is run.sh's scratch directory (it installs sms-segments-calculator 1.3.0 there);
// bindings/wasm must be built (`npm run build` there). Agreement: count(text).parts against
// `new SegmentedMessage(text, 'auto', false).segmentsCount`; every disagreement is classified
// with compare.py's rules (line breaks, Telnyx charset, split policy), and an unexplained one
// makes the script exit 1 before any clock starts. Timing: one untimed warm-up pass, then the
// median of the timed passes; strings in and results out are included (count() returns a
// plain object, analyze() the full analysis with its segments). Also times a 1 MB and a
// 10 MB string once each, for the README (the node tests only check that 1 MB is answered).
// COMPARE_NO_TIMING=1: agreement only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { analyze, count } from '../../bindings/wasm/js/node.js';

const [corpus, passesArg = '5', twPassesArg = '3'] = process.argv.slice(2);
if (!corpus || !process.env.PEERS_DIR) {
  console.error('usage: PEERS_DIR=... node wasm.mjs CORPUS [PASSES] [TWILIO_PASSES] (see run.sh)');
  process.exit(2);
}
const req = createRequire(join(process.env.PEERS_DIR, 'node', 'package.json'));
const { SegmentedMessage } = req('sms-segments-calculator');
const twVersion = req('sms-segments-calculator/package.json').version;

const texts = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim())
  .map((l) => JSON.parse(l).text).filter((t) => typeof t === 'string');

// ---- agreement ----
const twAnswer = (t) => {
  const m = new SegmentedMessage(t, 'auto', false);
  const gsm = m.encodingName === 'GSM-7';
  return { parts: m.segmentsCount, encoding: m.encodingName, units: m.messageSize / (gsm ? 7 : 16) };
};
const same = (a, b) => a.parts === b.parts && a.encoding === b.encoding && a.units === b.units;
const classes = {};
const unexplained = [];
for (const t of texts) {
  const ours = count(t);
  const tw = twAnswer(t);
  if (same(ours, tw)) continue;
  let cls;
  if (t.includes('\r') || t.includes('\n')) cls = 'CRLF/line-break handling';
  else if (same(count(t, { charset: 'telnyx' }), tw)) cls = 'Telnyx charset';
  else if (ours.encoding === tw.encoding && ours.units === tw.units && count(t, { split: 'codepoints' }).parts === tw.parts) cls = 'split policy';
  else { cls = 'bug on one side (needs review)'; unexplained.push(t.slice(0, 60)); }
  classes[cls] = (classes[cls] ?? 0) + 1;
}
const disagree = Object.values(classes).reduce((a, b) => a + b, 0);
console.log(`## sms-preflight (WASM, Node) vs sms-segments-calculator ${twVersion}: agreement\n`);
console.log(`${texts.length - disagree} of ${texts.length} messages agree on parts, encoding and units.`);
for (const [k, v] of Object.entries(classes)) console.log(`- ${k}: ${v}`);
if (unexplained.length) {
  console.log('Unexplained:', unexplained.slice(0, 5));
  process.exit(1);
}

if (process.env.COMPARE_NO_TIMING === '1') process.exit(0);

// ---- timing ----
function time(name, passes, f) {
  let checksum = 0;
  for (const t of texts) checksum += f(t); // warm-up, untimed
  const secs = [];
  for (let i = 0; i < passes; i++) {
    let s = 0;
    const t0 = process.hrtime.bigint();
    for (const t of texts) s += f(t);
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (s !== checksum) throw new Error(`${name}: answers changed between passes`);
  }
  secs.sort((a, b) => a - b);
  return { name, median: secs[Math.floor(secs.length / 2)], passes, checksum };
}
const passes = Number(passesArg);
const rows = [
  time('sms-preflight count() (WASM)', passes, (t) => count(t).parts),
  time('sms-preflight analyze() (WASM)', passes, (t) => analyze(t).segments.length),
  time(`sms-segments-calculator ${twVersion}`, Number(twPassesArg), (t) => new SegmentedMessage(t, 'auto', false).segmentsCount),
];
const tw = rows[2].median;
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
console.log(`\n## Speed, same process (${process.version}, ${texts.length} messages, ${(bytes / 1e6).toFixed(2)} MB UTF-8; median pass)\n`);
console.log('| what | passes | median pass | messages/s | Twilio time ÷ this time |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.passes} | ${r.median.toFixed(4)} s | ${Math.round(texts.length / r.median).toLocaleString('en')} | ${(tw / r.median).toFixed(1)}× |`);
}
console.log(`\nChecksums (total parts): ${rows.map((r) => r.checksum).join(', ')}.`);

// ---- big strings, once each ----
for (const mb of [1, 10]) {
  const s = 'Hello, world! Ça va? 😀 '.repeat(Math.ceil((mb << 20) / 24)).slice(0, mb << 20);
  const t0 = process.hrtime.bigint();
  const c = count(s);
  const t1 = process.hrtime.bigint();
  const a = analyze(s);
  const t2 = process.hrtime.bigint();
  console.log(`${mb} MB string (${s.length.toLocaleString('en')} UTF-16 units, ${c.parts.toLocaleString('en')} parts): count ${(Number(t1 - t0) / 1e6).toFixed(1)} ms, analyze ${(Number(t2 - t1) / 1e6).toFixed(1)} ms (${a.segments.length.toLocaleString('en')} segments)`);
}
