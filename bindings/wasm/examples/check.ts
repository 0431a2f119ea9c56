// Type-checked in CI (`npm run typecheck`, tsc --noEmit): the package's types accept what a
// user writes, including the very object passed to Telnyx's `client.messages.send()`.
import init, { analyze, count, smartEncode, SmsPreflightError, type Analysis, type Count } from 'sms-preflight';
import * as full from 'sms-preflight/full';
import Telnyx from 'telnyx';

// What client.messages.send() takes, both by its exported name and by the method's signature.
type MessageSendParams = Telnyx.MessageSendParams;
type SendArgument = Parameters<Telnyx['messages']['send']>[0];

await init();
const c: Count = count('Hello', { profile: 'telnyx', maxParts: 10 });
const a: Analysis = analyze('Hi 😀', { national: ['tr', 'es'], split: 'codepoints', reference: '16bit' });
const parts: number = c.parts + a.segments.length;
const enc: 'GSM-7' | 'UCS-2' = a.encoding;
const sliced: string = 'Hi 😀'.slice(a.segments[0].start, a.segments[0].end);
const saved: number = smartEncode('“quoted”', { smart: 'telnyx' }).partsSaved;

const params: MessageSendParams = {
  from: '+12025550123',
  to: '+14155552671',
  text: 'Your code is 1234',
  type: 'SMS',
  encoding: 'auto',
  send_at: null,
};
// The object a user passes to client.messages.send(params) goes to validate unchanged.
const report: full.Report = full.validate(params, { policy: 'telnyx', now: new Date() });
const firstCode: string | undefined = report.errors[0]?.code;
const asSent: SendArgument = params;
full.validate(asSent);
const estimate: full.Estimate = full.estimateCost(params, {
  entries: [{ country: 'US', sender: 'long_code', type: 'SMS', rate: '0.004', carrier_fee: '0.003', currency: 'USD' }],
});
const amount: string = estimate.cost.amount;
const n: full.PhoneNumber = full.normalizePhone('020 7946 0958', { defaultRegion: 'GB' });
const kind: full.Address['kind'] = full.classifyAddress('ACME').kind;

try {
  count('x', { encoding: 'gsm7' });
} catch (e) {
  if (e instanceof SmsPreflightError) {
    const code: string = e.code;
    console.log(code, e.message);
  }
}
console.log(parts, enc, sliced, saved, firstCode, amount, n.e164, kind);
