// The demo counter: a plain ES module over the package's browser entries. The main entry
// (text only) loads at start; the full entry (phone numbers, validation, cost) loads the
// first time a sending field is used.
import init, { analyze, smartEncode } from '../dist/main/web.js';

const $ = (id) => document.getElementById(id);
const message = $('message');
const profile = $('profile');
const national = $('national');

const SAMPLE_RATES = {
  entries: [
    { country: 'US', sender: 'long_code', type: 'SMS', rate: '0.004', carrier_fee: '0.003', currency: 'USD' },
    { country: 'US', sender: '*', type: 'MMS', rate: '0.015', carrier_fee: '0.01', currency: 'USD' },
    { country: 'CA', sender: '*', type: '*', rate: '0.0035', carrier_fee: '0', currency: 'USD' },
    { country: '*', sender: '*', type: 'SMS', rate: '0.08', carrier_fee: '0', currency: 'USD' },
  ],
};
$('rates').value = JSON.stringify(SAMPLE_RATES, null, 2);

// Latency of each update (ms), read by the browser test.
window.__latencies = [];
let smartText = null;

function options() {
  const o = { profile: profile.value };
  if (national.checked) o.national = 'all';
  return o;
}

function why(c, encodingOptions) {
  if (c.loneSurrogate) return 'a lone UTF-16 surrogate (half of an emoji): counted as U+FFFD, it forces UCS-2';
  const set = encodingOptions.profile === 'telnyx' ? "Telnyx's GSM-7 set" : 'the GSM-7 alphabet';
  return `${c.description} is not in ${set}${encodingOptions.national ? ' or any national table' : ''}: the whole message goes as UCS-2 (70 / 67 characters per part)`;
}

function renderPreview(text, a, o) {
  const frag = document.createDocumentFragment();
  let k = 0; // next nonGsm index
  a.segments.forEach((s, i) => {
    const part = document.createElement('span');
    part.className = 'part';
    const label = document.createElement('span');
    label.className = 'part-label';
    label.textContent = `${i + 1}`;
    label.title = `part ${i + 1}: ${s.units} of ${s.capacity} ${a.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'}`;
    part.append(label);
    let at = s.start;
    while (k < a.nonGsm.length && a.nonGsm[k].start < s.end) {
      const c = a.nonGsm[k++];
      if (c.start > at) part.append(text.slice(at, c.start));
      const m = document.createElement('mark');
      m.className = 'ucs2';
      m.tabIndex = 0;
      m.title = why(c, o);
      m.textContent = text.slice(c.start, c.end);
      part.append(m);
      at = c.end;
    }
    if (s.end > at) part.append(text.slice(at, s.end));
    frag.append(part);
  });
  $('preview').replaceChildren(frag);
}

function update() {
  const t0 = performance.now();
  const text = message.value;
  const o = options();
  try {
    const a = analyze(text, o);
    $('encoding').textContent = a.encoding;
    $('parts').textContent = String(a.parts);
    $('parts-word').textContent = a.parts === 1 ? 'part' : 'parts';
    $('remaining').textContent = String(a.remaining);
    renderPreview(text, a, o);
    const r = smartEncode(text, o);
    if (r.applied && r.partsSaved > 0) {
      smartText = r.text;
      $('apply-smart').textContent = `Smart encoding would save ${r.partsSaved} part${r.partsSaved === 1 ? '' : 's'}: apply?`;
      $('smart').hidden = false;
    } else {
      smartText = null;
      $('smart').hidden = true;
    }
  } catch (e) {
    $('preview').textContent = `${e.code}: ${e.message}`;
  }
  const dt = performance.now() - t0;
  window.__latencies.push(dt);
  $('timing').textContent = `updated in ${dt.toFixed(2)} ms`;
  scheduleSending();
}

// ---- the full entry, loaded on first use ----
let full = null;
async function loadFull() {
  if (!full) {
    const m = await import('../dist/full/web.js');
    await m.default();
    full = m;
  }
  return full;
}

let pending = 0;
function scheduleSending() {
  if (!full && !$('to').value.trim()) return;
  const ticket = ++pending;
  loadFull().then((f) => { if (ticket === pending) sending(f); });
}

const regionName = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

function sending(f) {
  const to = $('to').value.trim();
  const from = $('from').value.trim();
  const region = $('region').value.trim() || undefined;
  const phone = $('phone'), cost = $('cost'), verdict = $('verdict');
  if (!to) {
    phone.textContent = '';
    cost.textContent = '';
    verdict.innerHTML = '<p>Enter a destination number to check the whole request.</p>';
    return;
  }
  let e164 = to;
  try {
    const n = f.normalizePhone(to, { defaultRegion: region });
    e164 = n.e164;
    const country = n.region && regionName ? `${regionName.of(n.region) ?? n.region} (${n.region})` : (n.region ?? 'no region');
    phone.className = 'phone';
    phone.textContent = `E.164: ${n.e164} · ${country} · ${n.type.replaceAll('_', ' ')}${n.isValid ? '' : ' · not a valid number'}`;
  } catch (e) {
    phone.className = 'phone error';
    phone.textContent = `${e.message} (${e.code}${e.telnyxCode ? `, Telnyx ${e.telnyxCode}` : ''})`;
  }
  const request = { from, to: e164, text: message.value };
  try {
    const card = JSON.parse($('rates').value);
    const est = f.estimateCost(request, card);
    const b = est.cost_breakdown;
    cost.className = 'cost';
    cost.textContent = `Estimated cost: ${est.cost.amount} ${est.cost.currency} for ${est.parts} part${est.parts === 1 ? '' : 's'} (rate ${b.rate.amount} + carrier fees ${b.carrier_fee.amount})`;
  } catch (e) {
    cost.className = 'cost error';
    cost.textContent = `No estimate: ${e.message}`;
  }
  try {
    const r = f.validate(request, { now: new Date() });
    const list = (items) => items.map((x) =>
      `<li><code>${x.code}</code> ${esc(x.title)}${x.source ? ` at <code>${esc(x.source.pointer)}</code>` : ''}: ${esc(x.detail)}</li>`).join('');
    verdict.innerHTML =
      (r.valid ? `<p class="ok">Telnyx would accept this request: ${r.type}, ${r.encoding ?? ''}, ${r.parts} part${r.parts === 1 ? '' : 's'}.</p>`
               : `<p class="bad">Telnyx would reject this request (${r.errors.length} error${r.errors.length === 1 ? '' : 's'}):</p><ul>${list(r.errors)}</ul>`) +
      (r.warnings.length ? `<p>Warnings:</p><ul>${list(r.warnings)}</ul>` : '');
  } catch (e) {
    verdict.innerHTML = `<p class="bad">${esc(e.message)} (${esc(e.code)})</p>`;
  }
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

// ---- wiring ----
profile.addEventListener('change', () => {
  // National tables are a 3GPP mechanism: the Telnyx profile has none.
  national.disabled = profile.value === 'telnyx';
  if (national.disabled) national.checked = false;
  update();
});
national.addEventListener('change', update);
message.addEventListener('input', update);
$('apply-smart').addEventListener('click', () => {
  if (smartText !== null) {
    message.value = smartText;
    update();
    message.focus();
  }
});
for (const id of ['to', 'from', 'region', 'rates']) $(id).addEventListener('input', scheduleSending);

await init();
message.value = 'Hi! Your order ships tomorrow. Reply STOP to opt out.';
update();
document.body.dataset.ready = 'true';
