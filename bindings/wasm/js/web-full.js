// sms-preflight/full for browsers: text, phone numbers, addresses, validate and estimateCost. `await init()` first.
import wbgInit, * as raw from '../dist/full/sms_preflight.js';
import { loader, makeApi, SmsPreflightError } from './api.js';

const { init, ready } = loader(wbgInit);
const api = makeApi(raw, ready);
export const { analyze, count, smartEncode, normalizePhone, classifyAddress, validate, estimateCost } = api;
export { SmsPreflightError };
export default init;
