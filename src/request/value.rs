//! A JSON document as the request, policy and rate card readers walk it: objects keep their
//! entries in document order, repeated keys included.
//!
//! `serde_json::Value` keeps one entry per key in a `BTreeMap`, which the readers then had to
//! make up for (a duplicate key in a request is a warning, in a policy an error); and the
//! `BTreeMap` code was most of what `Value` cost the npm package's `.wasm`. [`JsonValue::parse`]
//! reads one with serde_json's parser, its nesting limit (128) and its errors. The readers
//! also take a value from another parser (`*_with` functions): the npm package hands them
//! what JavaScript's `JSON.parse` read, which spares its `.wasm` serde_json's parser.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// The entries in document order, repeated keys included.
    Object(Vec<(String, Value)>),
}

/// A JSON number, as serde_json reads it: an integer that fits 64 bits, or a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// 0 or more.
    Unsigned(u64),
    /// Below 0.
    Negative(i64),
    /// With a fraction or an exponent, or beyond 64 bits.
    Float(f64),
}

impl Value {
    /// Parses a JSON document with serde_json's parser (its nesting limit, 128, and its
    /// messages, with line and column).
    ///
    /// ```
    /// use sms_preflight::request::{JsonNumber, JsonValue};
    /// let v = JsonValue::parse(r#"{"a": 1, "a": [true]}"#)?;
    /// assert_eq!(v, JsonValue::Object(vec![
    ///     ("a".into(), JsonValue::Number(JsonNumber::Unsigned(1))),
    ///     ("a".into(), JsonValue::Array(vec![JsonValue::Bool(true)])),
    /// ]));
    /// # Ok::<(), String>(())
    /// ```
    pub fn parse(json: &str) -> Result<Value, String> {
        serde_json::from_str(json).map_err(|e: serde_json::Error| e.to_string())
    }

    /// `null`, `a boolean`, `a number`, `a string`, `an array` or `an object`, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The number, if it is a whole number from 0 to 2^64 - 1.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::Unsigned(n)) => Some(*n),
            _ => None,
        }
    }

    /// The boolean, if it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// The JSON pointer of `key` inside the value at pointer `at` (`""` for the document), with
/// the key escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`).
pub(super) fn child(at: &str, key: &str) -> String {
    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"))
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct V;
        // Every method serde_json's `deserialize_any` calls is here: none falls back to
        // serde's defaults, whose errors would link the standard library's float formatting.
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E: Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_bool<E: Error>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_u64<E: Error>(self, n: u64) -> Result<Value, E> {
                Ok(Value::Number(Number::Unsigned(n)))
            }
            fn visit_i64<E: Error>(self, n: i64) -> Result<Value, E> {
                Ok(Value::Number(if n < 0 {
                    Number::Negative(n)
                } else {
                    Number::Unsigned(n as u64)
                }))
            }
            fn visit_f64<E: Error>(self, n: f64) -> Result<Value, E> {
                Ok(Value::Number(Number::Float(n)))
            }
            fn visit_str<E: Error>(self, s: &str) -> Result<Value, E> {
                Ok(Value::String(s.to_owned()))
            }
            fn visit_string<E: Error>(self, s: String) -> Result<Value, E> {
                Ok(Value::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element()? {
                    items.push(v);
                }
                Ok(Value::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Value::Object(entries))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same documents as serde_json's `Value`, with the entries in order.
    #[test]
    fn reads_what_serde_json_reads() {
        let v = Value::parse(r#"{"b": [1, -2, 2.5, 18446744073709551616], "a": null, "b": {"x": true, "y": "s\u00e9"}}"#)
            .unwrap();
        let Value::Object(entries) = &v else {
            panic!("{v:?}")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(
            entries[0].1,
            Value::Array(vec![
                Value::Number(Number::Unsigned(1)),
                Value::Number(Number::Negative(-2)),
                Value::Number(Number::Float(2.5)),
                Value::Number(Number::Float(18446744073709551616.0)),
            ])
        );
        assert_eq!(entries[2].1.type_name(), "an object");
        for doc in ["", "{", "[1,]", "{} x", "nul", r#""\ud800""#, "1e400"] {
            let ours = Value::parse(doc).unwrap_err();
            let theirs = serde_json::from_str::<serde_json::Value>(doc)
                .unwrap_err()
                .to_string();
            assert_eq!(ours, theirs, "{doc}");
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(Value::parse(&deep).is_err());
        assert!(Value::parse(&("[".repeat(127) + &"]".repeat(127))).is_ok());
    }
}
