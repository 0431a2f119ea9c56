// The JS face of both entries' text functions (api-full.js has the rest of the full entry):
// plain functions over the wasm-bindgen exports. No SMS logic lives here: it checks that the text is a string, picks the UTF-8 or the UTF-16 path
// (a string with lone surrogates goes as UTF-16 units, so that they are flagged), shapes
// count()'s numbers into an object, and turns thrown values into SmsPreflightError.

// Each browser bundle (dist/main/web.js, dist/full/web.js) has its own copy of this class, so
// `instanceof` goes by a brand that every copy sets and recognizes, not by the prototype:
// an error thrown by `sms-preflight/full` is an instance of the class imported from
// `sms-preflight`, as it is in Node.
const BRAND = Symbol.for('sms-preflight.error');

/** An error from sms-preflight: `code` is stable, `message` says what to do. */
export class SmsPreflightError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = 'SmsPreflightError';
    Object.defineProperty(this, BRAND, { value: true });
    for (const [k, v] of Object.entries(fields)) {
      if (k !== 'message' && k !== '__smsPreflight') this[k] = v;
    }
  }

  static [Symbol.hasInstance](v) {
    return v !== null && typeof v === 'object' && v[BRAND] === true;
  }
}

function wrap(e) {
  return e !== null && typeof e === 'object' && e.__smsPreflight ? new SmsPreflightError(e) : e;
}

/** How a wrong argument is named in a message: `null`, `an array` or its `typeof`. */
export function describe(v) {
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
 * Wraps each function of an API: `ready()` first (it throws when the module is not loaded
 * yet), and thrown values turned into SmsPreflightError.
 * @param {() => void} ready
 */
export function guarded(ready) {
  return (f) =>
    function (...args) {
      ready();
      try {
        return f(...args);
      } catch (e) {
        throw wrap(e);
      }
    };
}

/**
 * The options as the bindings read them: a plain copy, made here, of an options object, so
 * that the caller's getters and Proxy traps run (and throw, if they do) in JS, never while
 * WebAssembly frames are on the stack (see src/obj.rs). Anything else is passed as it is,
 * for the bindings to accept (undefined, null) or reject.
 */
export function plain(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return options;
  const copy = { ...options };
  if (Array.isArray(copy.national)) copy.national = Array.from(copy.national);
  return copy;
}

/**
 * The text functions over a wasm-bindgen module `raw`, wrapped by `guard` (see `guarded`).
 * @param {any} raw
 * @param {(f: Function) => Function} guard
 */
export function textApi(raw, guard) {
  const out = new Uint32Array(6);
  return {
    analyze: guard((text, options) => {
      requireString(text);
      options = plain(options);
      return wellFormed(text) ? raw.analyze(text, options) : raw.analyzeUtf16(units(text), options);
    }),
    count: guard((text, options) => {
      requireString(text);
      raw.countInto(text, plain(options), out);
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
      return raw.smartEncode(text, plain(options));
    }),
  };
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
