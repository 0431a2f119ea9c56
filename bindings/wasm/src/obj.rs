//! Building the plain JS objects that the bindings return, field by field.
//!
//! Hand-built objects (`Reflect::set` on a fresh `Object`) keep serde and its JSON or
//! `serde-wasm-bindgen` serializers out of the `.wasm`: see the size table in the README.
//! The two objects that come by the thousand (a segment, a non-GSM character) are built by
//! one call each into a small JS constructor (`inline_js`), so that a long text crosses the
//! boundary once per object; the others have a few dozen keys a call at most, made into JS
//! strings as they are set (a cache of them cost 0.6 KB gzip of code and its thread-local).

use js_sys::{Array, Object, Reflect};
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
}

/// A JS object under construction.
pub(crate) struct Obj(Object);

impl Obj {
    /// An empty object.
    pub(crate) fn new() -> Self {
        Obj(Object::new())
    }

    /// Sets `key` to `value`. Setting a property of a fresh plain object cannot fail, so
    /// the `Result` of `Reflect::set` carries nothing worth reporting.
    pub(crate) fn set(self, name: &'static str, value: impl Into<JsValue>) -> Self {
        let _ = Reflect::set(&self.0, &JsValue::from_str(name), &value.into());
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
        self.0.into()
    }
}

/// A JS array of the values `items` map to.
pub(crate) fn array<T>(
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> JsValue,
) -> JsValue {
    let a = Array::new();
    for item in items {
        a.push(&f(item));
    }
    a.into()
}

/// `s` (its first 40 characters) as a JSON string literal, quoted and escaped by JS's own
/// `JSON.stringify`, for messages that name a value (Rust's `{:?}` would bring the standard
/// library's tables of printable characters into the `.wasm`).
pub(crate) fn quoted(s: &str) -> String {
    let s: String = s.chars().take(40).collect();
    js_sys::JSON::stringify(&JsValue::from_str(&s))
        .ok()
        .and_then(|j| j.as_string())
        .unwrap_or(s)
}

/// The error value thrown to JS: `{code, message}` plus details. The package's JS wrapper
/// turns it into an `SmsPreflightError` (an `Error` subclass with the same fields).
pub(crate) fn error(code: &str, message: &str) -> Obj {
    Obj::new()
        .str("code", code)
        .str("message", message)
        .set("__smsPreflight", true)
}
