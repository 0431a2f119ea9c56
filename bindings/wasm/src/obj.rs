//! Building the plain JS objects that the bindings return, field by field, and reading the
//! plain objects and arrays that they take.
//!
//! Hand-built objects (a property set at a time on a fresh `{}`) keep serde and its JSON or
//! `serde-wasm-bindgen` serializers out of the `.wasm`: see the size table in the README.
//! The few JS operations needed are small `inline_js` functions rather than `js-sys`, whose
//! futures support (an exported poll function and its closures) came along with it (2.3 KB
//! of code).
//! The two objects that come by the thousand (a segment, a non-GSM character) are built by
//! one call each into a small JS constructor (`inline_js`), so that a long text crosses the
//! boundary once per object; the others have a few dozen keys a call at most, made into JS
//! strings as they are set (a cache of them cost 0.6 KB gzip of code and its thread-local).

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(inline_js = "
export function segment(start, end, utf8Start, utf8End, units, capacity, text) {
  return { start, end, utf8Start, utf8End, units, capacity, text };
}
export function nonGsm(cp, start, end, utf8, loneSurrogate, description) {
  const char = String.fromCodePoint(cp);
  const codePoint = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return { char, codePoint, start, end, utf8, loneSurrogate, description };
}
export function newObject() { return {}; }
export function setKey(o, k, v) { o[k] = v; }
export function getKey(o, k) { return o[k]; }
export function isPlainObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
export function isArray(v) { return Array.isArray(v); }
export function keys(o) { return Object.keys(o); }
export function newArray() { return []; }
export function push(a, v) { a.push(v); }
export function length(a) { return a.length; }
export function at(a, i) { return a[i]; }
export function parseJson(s) { try { return [JSON.parse(s)]; } catch (e) { return String(e && e.message); } }
export function clock() { return Date.now(); }
")]
extern "C" {
    /// A segment object: `{start, end, utf8Start, utf8End, units, capacity, text}`.
    #[wasm_bindgen(js_name = segment)]
    pub(crate) fn js_segment(
        start: f64,
        end: f64,
        utf8_start: f64,
        utf8_end: f64,
        units: f64,
        capacity: f64,
        text: &str,
    ) -> JsValue;
    /// A non-GSM character: `{char, codePoint, start, end, utf8, loneSurrogate, description}`
    /// (`codePoint` as `U+00E7`, the format of `NonGsmChar::code_point`).
    #[wasm_bindgen(js_name = nonGsm)]
    pub(crate) fn js_non_gsm(
        cp: u32,
        start: f64,
        end: f64,
        utf8: f64,
        lone_surrogate: bool,
        description: &str,
    ) -> JsValue;
    #[wasm_bindgen(js_name = newObject)]
    fn new_object() -> JsValue;
    #[wasm_bindgen(js_name = setKey)]
    fn set_key(o: &JsValue, key: &str, value: JsValue);
    /// `o[key]`.
    /// `o[key]`. The readers below never run the caller's code: the JS wrapper (`js/api.js`)
    /// hands the bindings a plain copy of the options, made in JS, so that a getter or a
    /// Proxy trap that throws does so there. A JS exception thrown through these imports
    /// would unwind through the WebAssembly frames without freeing their stack, and after
    /// some 1,700 of them the instance would break (`catch` imports avoid that too, but cost
    /// 0.7 KB gzip).
    #[wasm_bindgen(js_name = getKey)]
    pub(crate) fn get_key(o: &JsValue, key: &str) -> JsValue;
    /// Whether `v` is an object and not an array (nor `null`).
    #[wasm_bindgen(js_name = isPlainObject)]
    pub(crate) fn is_plain_object(v: &JsValue) -> bool;
    /// `Array.isArray(v)`.
    #[wasm_bindgen(js_name = isArray)]
    pub(crate) fn is_array(v: &JsValue) -> bool;
    /// `Object.keys(o)`: an array of strings.
    pub(crate) fn keys(o: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = newArray)]
    fn new_array() -> JsValue;
    fn push(a: &JsValue, v: JsValue);
    fn length(a: &JsValue) -> u32;
    fn at(a: &JsValue, i: u32) -> JsValue;
    /// `[JSON.parse(text)]`, or the message of the `SyntaxError` it threw.
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = parseJson)]
    fn parse_json(text: &str) -> JsValue;
    /// `Date.now()`: milliseconds since 1970.
    #[cfg(feature = "full")]
    pub(crate) fn clock() -> f64;
}

/// JavaScript's `JSON.parse(text)`, or the message of its error.
#[cfg(feature = "full")]
pub(crate) fn json_parse(text: &str) -> Result<JsValue, String> {
    let parsed = parse_json(text);
    if is_array(&parsed) {
        Ok(at(&parsed, 0))
    } else {
        Err(parsed.as_string().unwrap_or_default())
    }
}

/// The items of the JS array `a`.
pub(crate) fn items(a: &JsValue) -> impl Iterator<Item = JsValue> + '_ {
    (0..length(a)).map(move |i| at(a, i))
}

/// A JS object under construction.
pub(crate) struct Obj(JsValue);

impl Obj {
    /// An empty object.
    pub(crate) fn new() -> Self {
        Obj(new_object())
    }

    /// Sets `key` to `value` (a fresh plain object takes any key).
    pub(crate) fn set(self, name: &'static str, value: impl Into<JsValue>) -> Self {
        set_key(&self.0, name, value.into());
        self
    }

    /// Sets `key` to a count or offset (exact in an `f64` up to 2^53).
    pub(crate) fn num(self, name: &'static str, value: usize) -> Self {
        // usize is 32 bits on wasm32, so the conversion is exact.
        self.set(name, value as f64)
    }

    /// Sets `key` to a string.
    pub(crate) fn str(self, name: &'static str, value: &str) -> Self {
        self.set(name, JsValue::from_str(value))
    }

    /// Sets `key` to a string, or to `null`.
    pub(crate) fn opt_str(self, name: &'static str, value: Option<&str>) -> Self {
        self.set(name, value.map_or(JsValue::NULL, JsValue::from_str))
    }

    /// The finished object.
    pub(crate) fn done(self) -> JsValue {
        self.0
    }
}

/// A JS array of the values `items` map to.
pub(crate) fn array<T>(
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> JsValue,
) -> JsValue {
    let a = new_array();
    for item in items {
        push(&a, f(item));
    }
    a
}

/// `s` (its first 40 characters) in double quotes, escaped as the core's messages quote
/// values (`{:?}` would bring the standard library's tables of printable characters).
pub(crate) fn quoted(s: &str) -> String {
    sms_preflight::__quoted(&s.chars().take(40).collect::<String>())
}

/// The error value thrown to JS: `{code, message}` plus details. The package's JS wrapper
/// turns it into an `SmsPreflightError` (an `Error` subclass with the same fields).
pub(crate) fn error(code: &str, message: &str) -> Obj {
    Obj::new()
        .str("code", code)
        .str("message", message)
        .set("__smsPreflight", true)
}
