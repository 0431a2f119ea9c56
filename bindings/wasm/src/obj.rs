//! Building the plain JS objects that the bindings return, field by field.
//!
//! Hand-built objects (`Reflect::set` on a fresh `Object`) keep serde and its JSON or
//! `serde-wasm-bindgen` serializers out of the `.wasm`: see the size table in the README.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// A JS object under construction.
pub(crate) struct Obj(Object);

impl Obj {
    /// An empty object.
    pub(crate) fn new() -> Self {
        Obj(Object::new())
    }

    /// Sets `key` to `value`. Setting a property of a fresh plain object cannot fail, so
    /// the `Result` of `Reflect::set` carries nothing worth reporting.
    pub(crate) fn set(self, key: &str, value: impl Into<JsValue>) -> Self {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }

    /// Sets `key` to a count or offset (exact in an `f64` up to 2^53).
    pub(crate) fn num(self, key: &str, value: usize) -> Self {
        // usize is 32 bits on wasm32, so the conversion is exact.
        self.set(key, value as f64)
    }

    /// Sets `key` to a string.
    pub(crate) fn str(self, key: &str, value: &str) -> Self {
        self.set(key, JsValue::from_str(value))
    }

    /// Sets `key` to a string, or to `null`.
    pub(crate) fn opt_str(self, key: &str, value: Option<&str>) -> Self {
        self.set(key, value.map_or(JsValue::NULL, JsValue::from_str))
    }

    /// The finished object.
    pub(crate) fn done(self) -> JsValue {
        self.0.into()
    }
}

/// A JS array of the values `items` map to.
pub(crate) fn array<T>(items: impl IntoIterator<Item = T>, f: impl Fn(T) -> JsValue) -> JsValue {
    let a = Array::new();
    for item in items {
        a.push(&f(item));
    }
    a.into()
}

/// The error value thrown to JS: `{code, message}` plus details. The package's JS wrapper
/// turns it into an `SmsPreflightError` (an `Error` subclass with the same fields).
pub(crate) fn error(code: &str, message: &str) -> Obj {
    Obj::new()
        .str("code", code)
        .str("message", message)
        .set("__smsPreflight", true)
}
