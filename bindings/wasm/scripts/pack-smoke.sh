#!/usr/bin/env bash
# As a user would: `npm pack`, install the tarball into a scratch project outside the
# repository (mktemp), and use it from there: ESM import with no init step, require, the
# full entry, and the browser entries' init() on the packed .wasm bytes.
#   bash scripts/pack-smoke.sh        (after npm run build)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$here"
tarball="$(npm pack --silent --pack-destination "$scratch" | tail -1)"
echo "packed $tarball ($(du -k "$scratch/$tarball" | cut -f1) KB); contents:"
tar -tzf "$scratch/$tarball" | sed 's/^/  /'
cd "$scratch"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "./$tarball"
cat > esm.mjs <<'JS'
import { analyze, count, SmsPreflightError } from 'sms-preflight';
import { normalizePhone, validate } from 'sms-preflight/full';
import assert from 'node:assert/strict';
const t = 'a'.repeat(152) + '€' + 'a'.repeat(152);
assert.deepEqual([count(t).parts, analyze(t).segments[1].start], [3, 152]);
assert.equal(normalizePhone('020 7946 0958', { defaultRegion: 'GB' }).e164, '+442079460958');
assert.equal(validate({ from: '+12025550123', to: '+14155552671', text: 'Hi' }).valid, true);
assert.throws(() => count('ç', { encoding: 'gsm7' }), (e) => e instanceof SmsPreflightError && e.code === 'not_gsm7');
console.log('esm ok');
JS
cat > cjs.cjs <<'JS'
const { count } = require('sms-preflight');
const full = require('sms-preflight/full');
if (count('hello').parts !== 1 || full.classifyAddress('12345').kind !== 'short_code') throw new Error('require failed');
console.log('require ok');
JS
cat > web.mjs <<'JS'
// The browser entry, fed the packed .wasm bytes (a browser fetches it by URL instead).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import init, { count, SmsPreflightError } from 'sms-preflight/web';
import initFull, * as full from 'sms-preflight/web/full';
import assert from 'node:assert/strict';
const dir = createRequire(import.meta.url).resolve('sms-preflight/package.json').replace(/package\.json$/, '');
assert.throws(() => count('x'), (e) => e.code === 'not_initialized');
await init(readFileSync(dir + 'dist/main/sms_preflight_bg.wasm'));
assert.equal(count('hello').units, 5);
await initFull(readFileSync(dir + 'dist/full/sms_preflight_bg.wasm'));
assert.equal(full.normalizePhone('+14155552671').e164, '+14155552671');
// Each bundle has its own copy of the class; an error from one is an instance of the other's.
assert.throws(() => full.count('ç', { encoding: 'gsm7' }), (e) => e instanceof SmsPreflightError && e.code === 'not_gsm7');
console.log('web entries ok');
JS
node esm.mjs
node cjs.cjs 2>&1 | grep -v ExperimentalWarning | grep -v 'node --trace-warnings'
node web.mjs
echo "pack smoke: 3 passed, 0 failed"
