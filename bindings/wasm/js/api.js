// The JS face of both entries: plain functions over the wasm-bindgen exports. No SMS logic
// lives here: it checks that the text is a string, picks the UTF-8 or the UTF-16 path
// (a string with lone surrogates goes as UTF-16 units, so that they are flagged), shapes
// count()'s numbers into an object, and turns thrown values into SmsPreflightError.

/** An error from sms-preflight: `code` is stable, `message` says what to do. */
export class SmsPreflightError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = 'SmsPreflightError';
    for (const [k, v] of Object.entries(fields)) {
      if (k !== 'message' && k !== '__smsPreflight') this[k] = v;
    }
  }
}

function wrap(e) {
  return e !== null && typeof e === 'object' && e.__smsPreflight ? new SmsPreflightError(e) : e;
}

function describe(v) {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

function requireString(text) {
  if (typeof text !== 'string') {
    throw new SmsPreflightError({
      code: 'invalid_input',
      message: `the text must be a string, not ${describe(text)}`,
    });
  }
}

function units(text) {
  const u = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) u[i] = text.charCodeAt(i);
  return u;
}

const wellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : () => false; // older engines: always take the exact UTF-16 path

/**
 * The API over a wasm-bindgen module `raw`; `ready()` throws when it is not loaded yet.
 * @param {any} raw
 * @param {() => void} ready
 */
export function makeApi(raw, ready) {
  const out = new Uint32Array(6);
  const guard = (f) =>
    function (...args) {
      ready();
      try {
        return f(...args);
      } catch (e) {
        throw wrap(e);
      }
    };
  const api = {
    analyze: guard((text, options) => {
      requireString(text);
      return wellFormed(text) ? raw.analyze(text, options) : raw.analyzeUtf16(units(text), options);
    }),
    count: guard((text, options) => {
      requireString(text);
      raw.countInto(text, options, out);
      return {
        encoding: out[0] === 1 ? 'UCS-2' : 'GSM-7',
        units: out[1],
        parts: out[2],
        remaining: out[3],
        partCapacity: out[4],
        chars: out[5],
      };
    }),
    smartEncode: guard((text, options) => {
      requireString(text);
      return raw.smartEncode(text, options);
    }),
  };
  if (raw.normalizePhone) {
    api.normalizePhone = guard((input, options) => raw.normalizePhone(input, options));
    api.classifyAddress = guard((input, options) => raw.classifyAddress(input, options));
  }
  if (raw.validateJson) {
    // Requests, policies, rate cards and answers cross as JSON text (see src/request.rs).
    const policyJson = (options) => {
      const p = options?.policy;
      return p === undefined || p === null ? undefined : JSON.stringify(p);
    };
    const checkOptions = (options, keys) => {
      if (options === undefined || options === null) return;
      if (typeof options !== 'object' || Array.isArray(options)) {
        throw new SmsPreflightError({ code: 'invalid_option', message: `options must be an object such as {${keys.join(', ')}}` });
      }
      for (const k of Object.keys(options)) {
        if (!keys.includes(k)) {
          throw new SmsPreflightError({ code: 'invalid_option', message: `unknown option ${JSON.stringify(k)}: the options are ${keys.join(', ')}` });
        }
      }
    };
    const requestJson = (request) => {
      if (request === null || typeof request !== 'object' || Array.isArray(request)) {
        throw new SmsPreflightError({
          code: 'invalid_input',
          message: `the request must be an object such as {to: '+14155552671', text: 'Hi'}, not ${describe(request)}`,
        });
      }
      return JSON.stringify(request);
    };
    api.validate = guard((request, options) => {
      checkOptions(options, ['policy', 'now']);
      return JSON.parse(raw.validateJson(requestJson(request), policyJson(options), options?.now));
    });
    api.estimateCost = guard((request, rateCard, options) => {
      checkOptions(options, ['policy']);
      if (rateCard === null || typeof rateCard !== 'object') {
        throw new SmsPreflightError({ code: 'invalid_rate_card', message: `the rate card must be an object such as {entries: [...]}, not ${describe(rateCard)}` });
      }
      return JSON.parse(raw.estimateCostJson(requestJson(request), JSON.stringify(rateCard), policyJson(options)));
    });
  }
  return api;
}

/** For the browser entries: a loader that runs wasm-bindgen's init once. */
export function loader(wbgInit) {
  let loaded = false;
  let pending;
  const ready = () => {
    if (!loaded) {
      throw new SmsPreflightError({
        code: 'not_initialized',
        message: 'the WebAssembly module is not loaded yet: call `await init()` first',
      });
    }
  };
  const init = (input) => {
    pending ??= wbgInit(input === undefined ? undefined : { module_or_path: input }).then(() => {
      loaded = true;
    });
    return pending;
  };
  return { init, ready };
}
