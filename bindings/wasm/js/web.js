// sms-preflight for browsers: the main entry (text only). `await init()` fetches its .wasm
// (by default from beside this file; pass a URL, Response or WebAssembly.Module to override).
import wbgInit, * as raw from '../dist/main/sms_preflight.js';
import { loader, makeApi, SmsPreflightError } from './api.js';

const { init, ready } = loader(wbgInit);
const api = makeApi(raw, ready);
export const { analyze, count, smartEncode } = api;
export { SmsPreflightError };
export default init;
