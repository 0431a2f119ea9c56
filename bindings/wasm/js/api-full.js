// The JS face of the functions only the full entry has: phone numbers, addresses, validate
// and estimateCost. As in api.js, no SMS logic lives here: it checks the argument shapes,
// sends requests, policies and rate cards across as JSON text (see src/request.rs) and
// parses the answers.
import { describe, plain, SmsPreflightError } from './api.js';

const policyJson = (options) => {
  const p = options?.policy;
  return p === undefined || p === null ? undefined : JSON.stringify(p);
};

function checkOptions(options, keys) {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new SmsPreflightError({ code: 'invalid_option', message: `options must be an object such as {${keys.join(', ')}}` });
  }
  for (const k of Object.keys(options)) {
    if (!keys.includes(k)) {
      throw new SmsPreflightError({ code: 'invalid_option', message: `unknown option ${JSON.stringify(k)}: the options are ${keys.join(', ')}` });
    }
  }
}

function requestJson(request) {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new SmsPreflightError({
      code: 'invalid_input',
      message: `the request must be an object such as {to: '+14155552671', text: 'Hi'}, not ${describe(request)}`,
    });
  }
  return JSON.stringify(request);
}

/**
 * The full entry's extra functions over a wasm-bindgen module `raw`, wrapped by `guard`
 * (see `guarded` in api.js).
 * @param {any} raw
 * @param {(f: Function) => Function} guard
 */
export function fullApi(raw, guard) {
  return {
    normalizePhone: guard((input, options) => raw.normalizePhone(input, plain(options))),
    classifyAddress: guard((input, options) => raw.classifyAddress(input, plain(options))),
    validate: guard((request, options) => {
      checkOptions(options, ['policy', 'now']);
      const now = options?.now;
      // A Date crosses as its milliseconds (an invalid Date as NaN, which Rust refuses).
      const when = now instanceof Date ? now.getTime() : now;
      return JSON.parse(raw.validateJson(requestJson(request), policyJson(options), when));
    }),
    estimateCost: guard((request, rateCard, options) => {
      checkOptions(options, ['policy']);
      if (rateCard === null || typeof rateCard !== 'object') {
        throw new SmsPreflightError({ code: 'invalid_rate_card', message: `the rate card must be an object such as {entries: [...]}, not ${describe(rateCard)}` });
      }
      return JSON.parse(raw.estimateCostJson(requestJson(request), JSON.stringify(rateCard), policyJson(options)));
    }),
  };
}
