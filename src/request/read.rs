//! Reading a [`Policy`] and a [`RateCard`] from JSON without serde's derive code.
//!
//! `serde_json::from_str::<Policy>` works, and the CLI uses it. But in the npm package's
//! `full` entry the derived deserializers of `Policy`, `Options`, `SmartEncoding`,
//! `RateCard` and their fields, instantiated over serde_json's parser, cost 22.5 KB gzip of
//! 280 KB (measured by leaving them out), and serde's error messages link the standard
//! library's float formatting (a JSON float in the wrong place is quoted back).
//! [`Policy::from_json`] and [`RateCard::from_json`] parse into a JSON value (entries in
//! document order, see `value.rs`) and read it by hand: every document gives the same value
//! as serde's, or an error where serde errs (`tests/read_json.rs` compares them, on
//! hand-picked and random documents), and the errors name the field by its JSON pointer.
//!
//! One form serde reads is not read here, and `JSON.stringify` of an object, which is what
//! the npm package passes, never writes it: a struct written as a JSON array of its fields in
//! order (serde's positional form). An object is required.

use std::fmt;

use super::value::{Number, Value, child};
use rust_decimal::Decimal;

use super::{MessageType, Policy};
use crate::cost::{Country, Key, Match, RateCard, RateEntry, SenderType};
use crate::{
    Charset, ConcatRef, EncodingRequest, Language, NationalLanguages, Options, SmartEncoding,
    SmartMap, SplitPolicy,
};

/// Why a policy or rate card could not be read from JSON: the JSON pointer of the value at
/// fault (empty for the document itself) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pointer: String,
    message: String,
}

impl ReadError {
    fn new(pointer: &str, message: impl Into<String>) -> Self {
        ReadError {
            pointer: pointer.to_owned(),
            message: message.into(),
        }
    }

    /// The JSON pointer of the value at fault (`/max_parts`, `/entries/0/rate`), or `""` when
    /// the document itself is at fault (not JSON, not an object).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// What is wrong, without the pointer.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.pointer.is_empty() {
            write!(f, "{}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

type Result<T> = std::result::Result<T, ReadError>;

/// `expected X, found Y` for the value at `at`.
fn wrong(at: &str, expected: &str, v: &Value) -> ReadError {
    ReadError::new(at, format!("expected {expected}, found {}", v.type_name()))
}

/// A JSON object being read: its entries and where it is.
struct Obj<'a> {
    map: &'a [(String, Value)],
    at: &'a str,
}

impl<'a> Obj<'a> {
    /// `v` as an object whose keys are all in `keys` (serde's `deny_unknown_fields`), each
    /// at most once (serde refuses a duplicate field).
    fn new(v: &'a Value, at: &'a str, expected: &str, keys: &[&str]) -> Result<Self> {
        let Value::Object(map) = v else {
            return Err(wrong(at, expected, v));
        };
        for (i, (k, _)) in map.iter().enumerate() {
            let message = if !keys.contains(&k.as_str()) {
                format!(
                    "unknown field \"{}\": the fields are {}",
                    k.chars().take(40).collect::<String>(),
                    super::joined(keys, ", ")
                )
            } else if map[..i].iter().any(|(seen, _)| seen == k) {
                format!("duplicate field \"{k}\"")
            } else {
                continue;
            };
            return Err(ReadError::new(&child(at, k), message));
        }
        Ok(Obj { map, at })
    }

    /// The value of `key`, if the object has it.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Reads `key` with `read` into `slot` when the object has it.
    fn set<T>(&self, key: &str, slot: &mut T, read: fn(&Value, &str) -> Result<T>) -> Result<()> {
        if let Some(v) = self.get(key) {
            *slot = read(v, &child(self.at, key))?;
        }
        Ok(())
    }

    /// Reads `key` with `read`; the field is required.
    fn required<T>(&self, key: &str, read: fn(&Value, &str) -> Result<T>) -> Result<T> {
        match self.get(key) {
            Some(v) => read(v, &child(self.at, key)),
            None => Err(ReadError::new(self.at, format!("missing field \"{key}\""))),
        }
    }
}

fn boolean(v: &Value, at: &str) -> Result<bool> {
    v.as_bool().ok_or_else(|| wrong(at, "true or false", v))
}

fn string(v: &Value, at: &str) -> Result<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        v => Err(wrong(at, "a string", v)),
    }
}

fn opt_string(v: &Value, at: &str) -> Result<Option<String>> {
    match v {
        Value::Null => Ok(None),
        v => string(v, at).map(Some),
    }
}

fn strings(v: &Value, at: &str) -> Result<Vec<String>> {
    let Value::Array(items) = v else {
        return Err(wrong(at, "a list of strings", v));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(string(item, &format!("{at}/{i}"))?);
    }
    Ok(out)
}

/// A whole number from 0 to `max`, as serde reads one into an unsigned type (a JSON float,
/// even `6.0`, is not one).
fn whole(v: &Value, at: &str, max: u64) -> Result<u64> {
    match v.as_u64() {
        Some(n) if n <= max => Ok(n),
        _ => Err(ReadError::new(
            at,
            format!(
                "expected a whole number from 0 to {max}, found {}",
                match v {
                    Value::Number(Number::Unsigned(_)) => "a larger number",
                    Value::Number(Number::Float(f)) if f.fract() == 0.0 && *f > 0.0 =>
                        "a larger number",
                    Value::Number(_) => "a negative or fractional number",
                    v => v.type_name(),
                }
            ),
        )),
    }
}

fn u32_(v: &Value, at: &str) -> Result<u32> {
    whole(v, at, u32::MAX.into()).map(|n| n as u32)
}

fn u64_(v: &Value, at: &str) -> Result<u64> {
    whole(v, at, u64::MAX)
}

fn usize_(v: &Value, at: &str) -> Result<usize> {
    // usize is 32 bits on wasm32: serde refuses larger counts there too.
    whole(v, at, usize::MAX as u64).map(|n| n as usize)
}

/// A unit variant of an enum, as serde reads it (`"name"`, or `{"name": null}`): its index
/// in `names`.
fn variant(v: &Value, at: &str, names: &[&str]) -> Result<usize> {
    let name = match v {
        Value::String(s) => Some(s.as_str()),
        Value::Object(m) => match m.as_slice() {
            [(k, Value::Null)] => Some(k.as_str()),
            _ => None,
        },
        _ => None,
    };
    let list = || format!("\"{}\"", super::joined(names, "\", \""));
    let Some(name) = name else {
        return Err(wrong(at, &format!("one of {}", list()), v));
    };
    names.iter().position(|n| *n == name).ok_or_else(|| {
        ReadError::new(
            at,
            format!(
                "\"{}\" is not one of {}",
                name.chars().take(40).collect::<String>(),
                list()
            ),
        )
    })
}

/// The value of `values` that `names` names (the two lists are in the same order).
fn pick<T: Copy>(v: &Value, at: &str, names: &[&str], values: &[T]) -> Result<T> {
    let i = variant(v, at, names)?;
    values
        .get(i)
        .copied()
        .ok_or_else(|| ReadError::new(at, "internal error: a name without a value"))
}

fn charset(v: &Value, at: &str) -> Result<Charset> {
    pick(
        v,
        at,
        &["standard", "telnyx", "telnyx_euro"],
        &[Charset::Standard, Charset::Telnyx, Charset::TelnyxEuro],
    )
}

fn national(v: &Value, at: &str) -> Result<NationalLanguages> {
    let Value::Array(items) = v else {
        return Err(wrong(at, "a list of language codes such as [\"tr\"]", v));
    };
    let codes = Language::ALL.map(Language::code);
    let mut set = NationalLanguages::NONE;
    for (i, item) in items.iter().enumerate() {
        set = set.with(pick(item, &format!("{at}/{i}"), &codes, &Language::ALL)?);
    }
    Ok(set)
}

/// `Options`, as its serde form: an object, each field optional (`Options::default()`).
fn options(v: &Value, at: &str) -> Result<Options> {
    let o = Obj::new(
        v,
        at,
        "text options as an object",
        &[
            "charset",
            "reference",
            "split",
            "encoding",
            "max_parts",
            "national",
        ],
    )?;
    let mut out = Options::default();
    o.set("charset", &mut out.charset, charset)?;
    o.set("reference", &mut out.reference, |v, at| {
        pick(
            v,
            at,
            &["8bit", "16bit"],
            &[ConcatRef::Bits8, ConcatRef::Bits16],
        )
    })?;
    o.set("split", &mut out.split, |v, at| {
        pick(
            v,
            at,
            &["graphemes", "codepoints"],
            &[SplitPolicy::Graphemes, SplitPolicy::Codepoints],
        )
    })?;
    o.set("encoding", &mut out.encoding, encoding)?;
    o.set("max_parts", &mut out.max_parts, |v, at| match v {
        Value::Null => Ok(None),
        v => u32_(v, at).map(Some),
    })?;
    o.set("national", &mut out.national, national)?;
    Ok(out)
}

fn encoding(v: &Value, at: &str) -> Result<EncodingRequest> {
    pick(
        v,
        at,
        &["auto", "gsm7", "ucs2"],
        &[
            EncodingRequest::Auto,
            EncodingRequest::Gsm7,
            EncodingRequest::Ucs2,
        ],
    )
}

/// `SmartEncoding`: `"off"`, `"telnyx"` or `{"custom": {"base": "telnyx" | "none", "map":
/// {"’": "'", "U+2026": "...", "x": null}}}`.
fn smart_encoding(v: &Value, at: &str) -> Result<SmartEncoding> {
    if let Value::Object(m) = v
        && let [(k, spec)] = m.as_slice()
        && k == "custom"
    {
        return smart_map(spec, &child(at, "custom")).map(SmartEncoding::Custom);
    }
    match variant(v, at, &["off", "telnyx"]) {
        Ok(0) => Ok(SmartEncoding::Off),
        Ok(_) => Ok(SmartEncoding::Telnyx),
        Err(e) => Err(ReadError::new(
            at,
            format!(
                "{}, or {{\"custom\": {{\"base\": …, \"map\": …}}}}",
                e.message
            ),
        )),
    }
}

/// A `SmartMap` in its JSON form: `base` (required) and `map` (optional).
fn smart_map(v: &Value, at: &str) -> Result<SmartMap> {
    let o = Obj::new(
        v,
        at,
        "a map such as {\"base\": \"telnyx\", \"map\": {}}",
        &["base", "map"],
    )?;
    let mut map = match o.required("base", |v, at| variant(v, at, &["telnyx", "none"]))? {
        0 => SmartMap::telnyx().clone(),
        _ => SmartMap::empty(),
    };
    if let Some(entries) = o.get("map") {
        let at = child(at, "map");
        let Value::Object(entries) = entries else {
            return Err(wrong(&at, "an object of replacements", entries));
        };
        // serde reads the map into a BTreeMap and applies it in key order, so where two keys
        // name one character ("é" and "U+00E9"), the greater key wins, and of equal keys the
        // last. Kept here per character in a list sorted by character (no sort routine: it
        // was 2.2 KB of the .wasm). Every key and value is checked, as serde checks them.
        let mut chosen: Vec<(char, &str, Option<String>)> = Vec::new();
        for (key, value) in entries {
            let c = crate::smart::key_char(key).ok_or_else(|| {
                ReadError::new(
                    &at,
                    format!(
                        "smart-encoding map key {:?} is not one character or a code point written U+XXXX",
                        key.chars().take(40).collect::<String>()
                    ),
                )
            })?;
            let value = opt_string(value, &child(&at, key))?;
            match chosen.binary_search_by(|e| e.0.cmp(&c)) {
                Ok(i) if key.as_str() >= chosen[i].1 => chosen[i] = (c, key, value),
                Ok(_) => {}
                Err(i) => chosen.insert(i, (c, key, value)),
            }
        }
        for (c, _, value) in chosen {
            match value {
                Some(rep) => map.insert(c, rep),
                None => map.remove(c),
            };
        }
    }
    Ok(map)
}

/// The fields of a policy, in `Policy`'s order.
const POLICY_FIELDS: [&str; 17] = [
    "text",
    "lenient_charset",
    "max_parts",
    "auto_detect_max_parts",
    "auto_detect_is_error",
    "length_warning_chars",
    "smart_encoding",
    "max_media",
    "max_media_bytes",
    "max_media_bytes_lenient",
    "max_url_chars",
    "max_group_recipients",
    "alphanumeric_blocked_regions",
    "us_long_code_fallback",
    "mms_regions",
    "default_region",
    "rate_card",
];

fn policy(v: &Value, at: &str) -> Result<Policy> {
    let o = Obj::new(v, at, "a policy object", &POLICY_FIELDS)?;
    let mut p = Policy::telnyx();
    o.set("text", &mut p.text, options)?;
    o.set("lenient_charset", &mut p.lenient_charset, charset)?;
    o.set("max_parts", &mut p.max_parts, u32_)?;
    o.set("auto_detect_max_parts", &mut p.auto_detect_max_parts, u32_)?;
    o.set("auto_detect_is_error", &mut p.auto_detect_is_error, boolean)?;
    o.set("length_warning_chars", &mut p.length_warning_chars, usize_)?;
    o.set("smart_encoding", &mut p.smart_encoding, smart_encoding)?;
    o.set("max_media", &mut p.max_media, usize_)?;
    o.set("max_media_bytes", &mut p.max_media_bytes, u64_)?;
    o.set(
        "max_media_bytes_lenient",
        &mut p.max_media_bytes_lenient,
        u64_,
    )?;
    o.set("max_url_chars", &mut p.max_url_chars, usize_)?;
    o.set("max_group_recipients", &mut p.max_group_recipients, usize_)?;
    o.set(
        "alphanumeric_blocked_regions",
        &mut p.alphanumeric_blocked_regions,
        strings,
    )?;
    o.set(
        "us_long_code_fallback",
        &mut p.us_long_code_fallback,
        boolean,
    )?;
    o.set("mms_regions", &mut p.mms_regions, strings)?;
    o.set("default_region", &mut p.default_region, opt_string)?;
    o.set("rate_card", &mut p.rate_card, |v, at| match v {
        Value::Null => Ok(None),
        v => rate_card(v, at).map(Some),
    })?;
    Ok(p)
}

/// A rate card key: `"*"` or a value that `K::parse_key` reads.
fn key<K: Key>(v: &Value, at: &str) -> Result<Match<K>> {
    let s = string(v, at)?;
    if s == "*" {
        return Ok(Match::Any);
    }
    K::parse_key(&s)
        .map(Match::Only)
        .map_err(|m| ReadError::new(at, m))
}

/// An amount: a decimal string, not negative.
fn amount(v: &Value, at: &str) -> Result<Decimal> {
    let Value::String(s) = v else {
        return Err(wrong(at, "a decimal string such as \"0.004\"", v));
    };
    crate::cost::parse_decimal(s)
        .and_then(crate::cost::check_amount)
        .map_err(|m| ReadError::new(at, m))
}

fn rate_entry(v: &Value, at: &str) -> Result<RateEntry> {
    let o = Obj::new(
        v,
        at,
        "a rate card entry as an object",
        &[
            "country",
            "sender",
            "type",
            "rate",
            "carrier_fee",
            "currency",
        ],
    )?;
    Ok(RateEntry {
        country: o.required("country", key::<Country>)?,
        sender: o.required("sender", key::<SenderType>)?,
        message_type: o.required("type", key::<MessageType>)?,
        rate: o.required("rate", amount)?,
        carrier_fee: o.required("carrier_fee", amount)?,
        currency: o.required("currency", |v, at| {
            crate::cost::check_currency(string(v, at)?).map_err(|m| ReadError::new(at, m))
        })?,
    })
}

fn rate_card(v: &Value, at: &str) -> Result<RateCard> {
    let o = Obj::new(
        v,
        at,
        "a rate card object such as {\"entries\": [...]}",
        &["entries"],
    )?;
    let entries = o.required("entries", |v, at| {
        let Value::Array(items) = v else {
            return Err(wrong(at, "a list of entries", v));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(rate_entry(item, &format!("{at}/{i}"))?);
        }
        Ok(out)
    })?;
    Ok(RateCard::new(entries))
}

fn document(
    json: &str,
    parse: impl FnOnce(&str) -> std::result::Result<Value, String>,
) -> Result<Value> {
    parse(json).map_err(|e| ReadError::new("", format!("not valid JSON: {e}")))
}

impl Policy {
    /// Reads a policy from JSON: an object with any of the fields of `Policy` (the others keep
    /// [`Policy::telnyx`]'s values), as `serde_json::from_str::<Policy>` reads it and with the
    /// same result (but for the form listed below), without serde's derived
    /// deserializers, which cost the npm package's `.wasm` more than the rest of the
    /// validator. The npm package reads its `policy` option with it.
    ///
    /// Not read: a struct written as a JSON array of its fields (serde's positional form).
    ///
    /// ```
    /// use sms_preflight::request::Policy;
    /// let p = Policy::from_json(r#"{"max_parts": 6, "text": {"charset": "telnyx"}}"#)?;
    /// assert_eq!((p.max_parts, p.max_media), (6, 10));
    /// let e = Policy::from_json(r#"{"max_parts": "6"}"#).unwrap_err();
    /// assert_eq!(e.pointer(), "/max_parts");
    /// # Ok::<(), sms_preflight::request::ReadError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Policy> {
        Self::from_json_with(json, Value::parse)
    }

    /// [`Policy::from_json`] with another JSON parser (see
    /// [`MessageRequest::from_json_with`](super::MessageRequest::from_json_with)).
    pub fn from_json_with(
        json: &str,
        parse: impl FnOnce(&str) -> std::result::Result<Value, String>,
    ) -> Result<Policy> {
        policy(&document(json, parse)?, "")
    }
}

impl RateCard {
    /// Reads a rate card from JSON (`{"entries": [...]}`), as
    /// `serde_json::from_str::<RateCard>` reads it and with the same result (but for the
    /// form [`Policy::from_json`] lists), without serde's derived deserializers. The npm
    /// package reads its rate cards with it.
    ///
    /// ```
    /// use sms_preflight::cost::RateCard;
    /// let card = RateCard::from_json(r#"{"entries": [{"country": "US", "sender": "*",
    ///     "type": "SMS", "rate": "0.004", "carrier_fee": "0.003", "currency": "usd"}]}"#)?;
    /// assert_eq!(card.entries[0].currency, "USD");
    /// let e = RateCard::from_json(r#"{"entries": [{"country": "US"}]}"#).unwrap_err();
    /// assert_eq!(e.to_string(), "/entries/0: missing field \"sender\"");
    /// # Ok::<(), sms_preflight::request::ReadError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<RateCard> {
        Self::from_json_with(json, Value::parse)
    }

    /// [`RateCard::from_json`] with another JSON parser (see
    /// [`MessageRequest::from_json_with`](crate::request::MessageRequest::from_json_with)).
    pub fn from_json_with(
        json: &str,
        parse: impl FnOnce(&str) -> std::result::Result<Value, String>,
    ) -> Result<RateCard> {
        rate_card(&document(json, parse)?, "")
    }
}
