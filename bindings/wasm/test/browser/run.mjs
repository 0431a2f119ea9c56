// The browser test of the demo page, in Debian's headless Chromium driven by playwright-core
// (no browser download). It types across a part boundary and checks the page against the
// Rust CLI, applies smart encoding, enters a number (E.164, country, cost, verdict), measures
// the keystroke latency on a 1,600-character message with performance.now(), and saves a
// screenshot in test-output/browser/.
//   npm run test:browser        (needs `npm run build`, /usr/bin/chromium and cargo)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { serve } from '../../demo/serve.mjs';

const here = fileURLToPath(new URL('../..', import.meta.url));
const out = join(here, 'test-output', 'browser');
mkdirSync(out, { recursive: true });

// The Rust answer, from the CLI of this repository.
function rust(text, flags = []) {
  const json = execFileSync('cargo', ['run', '-q', '--locked', '-p', 'sms-preflight-cli', '--', 'analyze', '--json', ...flags, '--', text], {
    cwd: join(here, '..', '..'),
  });
  return JSON.parse(json);
}

const results = [];
function check(name, f) {
  return f().then(
    () => { results.push([name, true]); console.log(`ok - ${name}`); },
    (e) => { results.push([name, false]); console.log(`not ok - ${name}\n  ${String(e.stack ?? e).split('\n').join('\n  ')}`); },
  );
}

const server = await serve(0);
const url = `http://127.0.0.1:${server.address().port}/demo/`;
const profileDir = mkdtempSync(join(tmpdir(), 'sms-preflight-chromium-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1000, height: 1400 },
});
const page = context.pages()[0] ?? (await context.newPage());
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
const wasmRequests = [];
page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmRequests.push(new URL(r.url()).pathname); });

try {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const shown = async () => ({
    encoding: await page.textContent('[data-testid=encoding]'),
    parts: Number(await page.textContent('[data-testid=parts]')),
    remaining: Number(await page.textContent('[data-testid=remaining]')),
  });

  await check('the counter page loads only the main .wasm until a number is entered', async () => {
    assert.deepEqual(wasmRequests, ['/dist/main/sms_preflight_bg.wasm']);
  });

  await check('typing across a part boundary: encoding and parts match the Rust CLI', async () => {
    const start = 'Your appointment is confirmed for Tuesday at 10:00. '.repeat(3).slice(0, 150);
    await page.fill('#message', start);
    let r = rust(start);
    assert.deepEqual(await shown(), { encoding: r.encoding, parts: r.parts, remaining: r.remaining });
    assert.equal(r.parts, 1);
    const more = ' Bring your ID €';
    await page.focus('#message');
    await page.keyboard.press('End');
    await page.keyboard.type(more);
    const text = await page.inputValue('#message');
    assert.equal(text, start + more);
    r = rust(text);
    assert.equal(r.parts, 2, 'the typed text crosses into a second part');
    assert.deepEqual(await shown(), { encoding: r.encoding, parts: r.parts, remaining: r.remaining });
    assert.equal(await page.locator('#preview .part').count(), 2);
    // The Telnyx profile: no € in its set, so UCS-2.
    await page.selectOption('#profile', 'telnyx');
    r = rust(text, ['--telnyx']);
    assert.equal(r.encoding, 'UCS-2');
    assert.deepEqual(await shown(), { encoding: r.encoding, parts: r.parts, remaining: r.remaining });
    const mark = page.locator('#preview mark.ucs2').first();
    assert.equal(await mark.textContent(), '€');
    assert.match(await mark.getAttribute('title'), /U\+20AC.*UCS-2/);
    await page.selectOption('#profile', 'standard');
  });

  await check('smart encoding: the button says how many parts it saves, and applying drops them', async () => {
    const text = '“Great news” — your order’s on its way… '.repeat(4);
    await page.fill('#message', text);
    const before = rust(text);
    assert.equal(before.encoding, 'UCS-2');
    assert.equal((await shown()).parts, before.parts);
    const button = page.locator('[data-testid=apply-smart]');
    await button.waitFor({ state: 'visible' });
    const label = await button.textContent();
    const saved = Number(/save (\d+) part/.exec(label)[1]);
    await button.click();
    const after = rust(await page.inputValue('#message'));
    assert.equal(after.encoding, 'GSM-7');
    assert.equal((await shown()).parts, after.parts);
    assert.equal(before.parts - after.parts, saved);
    assert.ok(after.parts < before.parts);
    assert.ok(await button.isHidden());
  });

  await check('a destination number: E.164 and country, the cost and the verdict (full entry loaded on use)', async () => {
    await page.fill('#message', 'Your code is 123456');
    await page.fill('#to', '(415) 555-2671');
    await page.waitForFunction(() => document.querySelector('[data-testid=phone]').textContent.includes('E.164'));
    const phone = await page.textContent('[data-testid=phone]');
    assert.match(phone, /E\.164: \+14155552671/);
    assert.match(phone, /United States \(US\)/);
    await page.waitForFunction(() => document.querySelector('[data-testid=cost]').textContent.length > 0);
    // 1 part × (0.004 + 0.003) on the page's sample rate card.
    assert.match(await page.textContent('[data-testid=cost]'), /Estimated cost: 0\.007 USD for 1 part \(rate 0\.004 \+ carrier fees 0\.003\)/);
    assert.match(await page.textContent('[data-testid=verdict]'), /Telnyx would accept this request/);
    assert.ok(wasmRequests.includes('/dist/full/sms_preflight_bg.wasm'));
    // An alphanumeric sender to a US number: rejected with Telnyx's code.
    await page.fill('#from', 'ACME');
    await page.waitForFunction(() => document.querySelector('[data-testid=verdict]').textContent.includes('reject'));
    assert.match(await page.textContent('[data-testid=verdict]'), /\d{5}/);
    await page.fill('#from', '+12025550123');
    await page.waitForFunction(() => document.querySelector('[data-testid=verdict]').textContent.includes('accept'));
  });

  await check('keystroke latency on a 1,600-character message is under 2 ms', async () => {
    await page.fill('#to', '');
    const base = 'Hello from sms-preflight! Exact counts, every keystroke. '.repeat(40).slice(0, 1575);
    await page.fill('#message', base);
    await page.focus('#message');
    await page.keyboard.press('End');
    // Five warm-up keystrokes (the first update after a paste also re-lays out the page and
    // may meet a GC), reported but not asserted; then 20 measured ones up to 1,600 characters.
    await page.evaluate(() => { window.__latencies.length = 0; });
    await page.keyboard.type('x'.repeat(5));
    const warm = await page.evaluate(() => window.__latencies.splice(0));
    console.log(`  warm-up keystrokes: ${warm.map((x) => x.toFixed(1)).join(' ')} ms`);
    await page.keyboard.type('x'.repeat(20));
    assert.equal((await page.inputValue('#message')).length, 1600);
    const lat = await page.evaluate(() => window.__latencies.slice());
    assert.equal(lat.length, 20);
    const sorted = [...lat].sort((a, b) => a - b);
    const median = sorted[10], p95 = sorted[18], max = sorted[19];
    console.log(`  latencies: ${lat.map((x) => x.toFixed(1)).join(" ")}`);
    console.log(`  keystroke update on 1,581..1,600 characters: median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms, max ${max.toFixed(3)} ms (20 keystrokes; Chromium rounds performance.now() to 0.1 ms)`);
    // The 95th percentile, not the max: one keystroke in 20 may meet a GC pause on a shared
    // 2-core machine. The max is printed above.
    assert.ok(median < 2, `median ${median} ms`);
    assert.ok(p95 < 2, `p95 ${p95} ms`);
    const r = rust(await page.inputValue('#message'));
    assert.deepEqual(await shown(), { encoding: r.encoding, parts: r.parts, remaining: r.remaining });
  });

  await check('no page errors', async () => assert.deepEqual(pageErrors, []));

  // The picture for a person: a multipart message with a UCS-2 character, a number and its cost.
  await page.fill('#message', 'Hi Zoë! Your table for 4 is booked for Friday at 19:30. ' + 'Reply YES to confirm or NO to cancel. '.repeat(3));
  await page.fill('#to', '+1 415 555 2671');
  await page.waitForFunction(() => document.querySelector('[data-testid=cost]').textContent.length > 0);
  await page.screenshot({ path: join(out, 'demo.png'), fullPage: true });
  console.log(`  screenshot: ${join(out, 'demo.png')}`);
} finally {
  await context.close();
  server.close();
  rmSync(profileDir, { recursive: true, force: true });
}
const failed = results.filter(([, ok]) => !ok).length;
console.log(`browser: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
