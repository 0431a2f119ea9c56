// sms-preflight/full for browsers: text, phone numbers, addresses, validate and estimateCost.
// `await init()` first. The package ships this file bundled and minified as dist/full/web.js.
import wbgInit, * as raw from '../dist/full/sms_preflight.js';
import { guarded, loader, textApi, SmsPreflightError } from './api.js';
import { fullApi } from './api-full.js';

const { init, ready } = loader(wbgInit);
const guard = guarded(ready);
export const { analyze, count, smartEncode } = textApi(raw, guard);
export const { normalizePhone, classifyAddress, validate, estimateCost } = fullApi(raw, guard);
export { SmsPreflightError };
export default init;
