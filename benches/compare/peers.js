// The npm peers of benches/compare/run.sh, installed (pinned) by run.sh into PEERS_DIR, a
// scratch directory outside the repository.
//
//   PEERS_DIR=... node peers.js answers PEER CORPUS OUT.jsonl   per-message answers
//   PEERS_DIR=... node peers.js time PEER CORPUS PASSES [WARMUP] timing, one JSON line
//   PEERS_DIR=... node peers.js batch PEER CORPUS               whole process (whole_process.py):
//                                   one JSON answer a line on stdout, like `sms-preflight count --jsonl`
//
// PEER: twilio | split-sms | sms-length. The corpus is parsed into an array of JS strings
// before any clock starts. A timed pass calls the peer's one-call API on every message and
// adds up the part counts (the checksum printed), exactly as a caller would use it:
//   twilio      new SegmentedMessage(text, 'auto', false).segmentsCount   (smart encoding off)
//   split-sms   split(text).parts.length
//   sms-length  count(text).messages
// WARMUP passes (default 1) run first, untimed. sms-preflight through WASM: wasm.mjs.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const peersDir = process.env.PEERS_DIR;
if (!peersDir) throw new Error('PEERS_DIR is not set (run benches/compare/run.sh)');
const req = createRequire(path.join(peersDir, 'node', 'package.json'));

function load(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    const o = JSON.parse(l);
    return { id: o.id || `line${i + 1}`, text: o.text };
  }).filter((m) => typeof m.text === 'string');
}

const PEERS = {
  twilio: () => {
    const { SegmentedMessage } = req('sms-segments-calculator');
    return {
      version: req('sms-segments-calculator/package.json').version,
      includes: "new SegmentedMessage(text, 'auto', false).segmentsCount: graphemes, encoded chars and segments built",
      parts: (t) => new SegmentedMessage(t, 'auto', false).segmentsCount,
      summary: (t) => {
        const m = new SegmentedMessage(t, 'auto', false);
        const gsm = m.encodingName === 'GSM-7';
        return { encoding: m.encodingName, units: m.messageSize / (gsm ? 7 : 16),
          parts: m.segmentsCount, chars: m.numberOfCharacters };
      },
      answer: (t) => {
        const m = new SegmentedMessage(t, 'auto', false);
        const gsm = m.encodingName === 'GSM-7';
        // UTF-16 offset where each segment ends (the UDH entries have no `raw`).
        let at = 0;
        const cuts16 = m.segments.map((s) => {
          for (const c of s) if (typeof c.raw === 'string') at += c.raw.length;
          return at;
        });
        return { parts: m.segmentsCount, encoding: m.encodingName,
          units: m.messageSize / (gsm ? 7 : 16), cuts16 };
      },
    };
  },
  'split-sms': () => {
    const split = req('split-sms');
    return {
      version: req('split-sms/package.json').version,
      includes: 'split(text).parts.length: parts with their content built',
      parts: (t) => split.split(t).parts.length,
      answer: (t) => {
        const r = split.split(t);
        const gsm = r.characterSet === 'GSM';
        return { parts: r.parts.length, encoding: gsm ? 'GSM-7' : 'UCS-2', units: gsm ? r.bytes : r.bytes / 2 };
      },
    };
  },
  'sms-length': () => {
    const sl = req('sms-length');
    return {
      version: req('sms-length/package.json').version,
      includes: 'count(text).messages: counts only, no parts (naive ceil)',
      parts: (t) => sl.count(t).messages,
      answer: (t) => {
        const r = sl.count(t);
        return { parts: r.messages, encoding: r.encoding === 'UTF16' ? 'UCS-2' : 'GSM-7', units: r.length };
      },
    };
  },
};

function main() {
  const [mode, name, corpus, arg, warmupArg] = process.argv.slice(2);
  if (!PEERS[name]) throw new Error(`unknown peer ${name}`);
  const peer = PEERS[name]();
  const msgs = load(corpus);
  if (mode === 'batch') {
    // What a user's script does with the library: read the file, answer each message, write.
    const out = [];
    for (const m of msgs) out.push(JSON.stringify({ id: m.id, ...peer.summary(m.text) }));
    process.stdout.write(out.join('\n') + '\n');
    return;
  }
  if (mode === 'answers') {
    const out = msgs.map((m) => JSON.stringify({ id: m.id, [name]: peer.answer(m.text) }));
    fs.writeFileSync(arg, out.join('\n') + '\n');
    return;
  }
  if (mode !== 'time') throw new Error(`unknown mode ${mode}`);
  const texts = msgs.map((m) => m.text);
  const passes = Number(arg);
  const warmup = warmupArg === undefined ? 1 : Number(warmupArg);
  const pass = () => { let s = 0; for (const t of texts) s += peer.parts(t); return s; };
  let checksum = 0;
  for (let i = 0; i < warmup; i++) checksum = pass();
  const secs = [];
  for (let i = 0; i < passes; i++) {
    const t0 = process.hrtime.bigint();
    const s = pass();
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (warmup > 0 && s !== checksum) throw new Error('answers changed between passes');
    checksum = s;
  }
  console.log(JSON.stringify({ peer: `${name} ${peer.version}`, runtime: `node ${process.version}`,
    includes: peer.includes, passes: secs, checksum }));
}

main();
