// sms-preflight/full for Node: text, phone numbers, addresses, validate and estimateCost, loaded synchronously.
import { readFileSync } from 'node:fs';
import * as raw from '../dist/full/sms_preflight.js';
import { guarded, textApi, SmsPreflightError } from './api.js';
import { fullApi } from './api-full.js';

raw.initSync({ module: readFileSync(new URL('../dist/full/sms_preflight_bg.wasm', import.meta.url)) });

const guard = guarded(() => {});
export const { analyze, count, smartEncode } = textApi(raw, guard);
export const { normalizePhone, classifyAddress, validate, estimateCost } = fullApi(raw, guard);
export { SmsPreflightError };
/** Nothing to do in Node (the module is loaded on import); kept so that code can be shared with browsers. */
export default async function init() {}
