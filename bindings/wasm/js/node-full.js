// sms-preflight/full for Node: text, phone numbers, addresses, validate and estimateCost, loaded synchronously.
import { readFileSync } from 'node:fs';
import * as raw from '../dist/full/sms_preflight.js';
import { makeApi, SmsPreflightError } from './api.js';

raw.initSync({ module: readFileSync(new URL('../dist/full/sms_preflight_bg.wasm', import.meta.url)) });

const api = makeApi(raw, () => {});
export const { analyze, count, smartEncode, normalizePhone, classifyAddress, validate, estimateCost } = api;
export { SmsPreflightError };
/** Nothing to do in Node (the module is loaded on import); kept so that code can be shared with browsers. */
export default async function init() {}
