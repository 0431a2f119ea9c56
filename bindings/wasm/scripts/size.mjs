// The size budgets of issue 10: each entry's .wasm plus its JS glue (wasm-bindgen's module
// and our wrapper), gzip level 9. Exits 1 when an entry is over budget.
//   node scripts/size.mjs [--json]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url);
const gz = (path) => gzipSync(readFileSync(new URL(path, root)), { level: 9 }).length;
const raw = (path) => readFileSync(new URL(path, root)).length;

const entries = [
  { name: 'main', budget: 40 * 1024, wrapper: 'js/web.js' },
  { name: 'full', budget: 200 * 1024, wrapper: 'js/web-full.js' },
];
let failed = false;
const rows = entries.map(({ name, budget, wrapper }) => {
  const wasm = `dist/${name}/sms_preflight_bg.wasm`;
  const glue = [`dist/${name}/sms_preflight.js`, wrapper, 'js/api.js'];
  const row = {
    entry: name,
    wasmBytes: raw(wasm),
    wasmGzip: gz(wasm),
    glueGzip: glue.reduce((s, p) => s + gz(p), 0),
    budget,
  };
  row.totalGzip = row.wasmGzip + row.glueGzip;
  row.ok = row.totalGzip <= budget;
  failed ||= !row.ok;
  return row;
});
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows));
} else {
  const kb = (n) => (n / 1024).toFixed(1) + ' KB';
  for (const r of rows) {
    console.log(
      `${r.entry.padEnd(5)} .wasm ${kb(r.wasmBytes)} raw, ${kb(r.wasmGzip)} gzip; JS glue ${kb(r.glueGzip)} gzip; ` +
        `total ${kb(r.totalGzip)} gzip, budget ${kb(r.budget)}: ${r.ok ? 'ok' : 'OVER BUDGET'}`,
    );
  }
}
if (failed) process.exit(1);
