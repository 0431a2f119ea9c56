// sms-preflight for browsers: the main entry (text only). `await init()` fetches its .wasm
// (by default from beside the module; pass a URL, Response or WebAssembly.Module to override).
// The package ships this file bundled and minified as dist/main/web.js (build.sh).
import wbgInit, * as raw from '../dist/main/sms_preflight.js';
import { guarded, loader, textApi, SmsPreflightError } from './api.js';

const { init, ready } = loader(wbgInit);
export const { analyze, count, smartEncode } = textApi(raw, guarded(ready));
export { SmsPreflightError };
export default init;
