// sms-preflight for Node: the main entry (text only), loaded synchronously, no init step.
import { readFileSync } from 'node:fs';
import * as raw from '../dist/main/sms_preflight.js';
import { guarded, textApi, SmsPreflightError } from './api.js';

raw.initSync({ module: readFileSync(new URL('../dist/main/sms_preflight_bg.wasm', import.meta.url)) });

export const { analyze, count, smartEncode } = textApi(raw, guarded(() => {}));
export { SmsPreflightError };
/** Nothing to do in Node (the module is loaded on import); kept so that code can be shared with browsers. */
export default async function init() {}
