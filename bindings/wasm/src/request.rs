//! The request exports of the `full` entry: `validate` and `estimateCost`.
//!
//! A send request, a policy, a rate card and the answers cross the boundary as JSON text:
//! the request is the JSON body of Telnyx's `POST /v2/messages`, and the core reads it with
//! its own reader (which reports unknown fields, duplicate keys and lone surrogates), so the
//! JS wrapper only runs `JSON.stringify` and `JSON.parse`. The core's readers take the
//! document as parsed by JavaScript's own `JSON.parse` ([`js_parse`]), which leaves
//! serde_json's parser out of this `.wasm` (7 KB gzip); policies and rate cards are read by
//! `Policy::from_json_with` and `RateCard::from_json_with`, which read what serde reads
//! without serde's derived deserializers (22.5 KB). Reports and estimates keep the API's
//! snake_case keys (`num_chars`, `cost_breakdown`), as Telnyx's responses and the CLI's JSON
//! do; serde_json writes them.

use sms_preflight::cost::{CostError, RateCard, estimate_with};
use sms_preflight::request::{
    Endpoint, JsonNumber, JsonValue, MessageRequest, ParseError, Policy, Timestamp,
};
use wasm_bindgen::prelude::*;

use crate::obj::{clock, error, get_key, is_array, items, json_parse, keys};

fn parse_error(e: &ParseError) -> JsValue {
    let api = e.api_error();
    error(e.kind(), &e.to_string())
        .str("apiCode", &api.code)
        .opt_str("pointer", e.pointer())
        .done()
}

/// JavaScript's `JSON.parse`, read into the core's JSON value. The text comes from
/// `JSON.stringify`, so it always parses, and what it reads is what serde_json reads from the
/// same text: the same strings, keys in the same order, and numbers that serde_json reads as
/// integers (digits only, below 2^64) are whole here too. Three things differ, none of which
/// a request meets: an integer beyond 2^53 is JavaScript's nearest number, not the digits
/// written; the error past serde_json's nesting limit (127 levels) has no position; and a
/// lone surrogate in a policy or rate card reads as U+FFFD where serde_json refuses it (the
/// request's text has its lone surrogates rewritten before parsing, as in the Rust API).
fn js_parse(json: &str) -> Result<JsonValue, String> {
    let v = json_parse(json).map_err(|e| {
        if e.is_empty() {
            "not JSON".to_owned()
        } else {
            e
        }
    })?;
    from_js(&v, 0)
}

fn from_js(v: &JsValue, depth: usize) -> Result<JsonValue, String> {
    if let Some(s) = v.as_string() {
        return Ok(JsonValue::String(s));
    }
    if let Some(n) = v.as_f64() {
        return Ok(JsonValue::Number(number(n)));
    }
    if let Some(b) = v.as_bool() {
        return Ok(JsonValue::Bool(b));
    }
    if v.is_null() {
        return Ok(JsonValue::Null);
    }
    // serde_json refuses the 128th level of nesting.
    if depth >= 127 {
        return Err("recursion limit exceeded".to_owned());
    }
    if is_array(v) {
        let mut list = Vec::new();
        for item in items(v) {
            list.push(from_js(&item, depth + 1)?);
        }
        return Ok(JsonValue::Array(list));
    }
    // What is left of JSON.parse's output is a plain object.
    let mut entries = Vec::new();
    for key in items(&keys(v)) {
        let key = key.as_string().unwrap_or_default();
        let value = from_js(&get_key(v, &key), depth + 1)?;
        entries.push((key, value));
    }
    Ok(JsonValue::Object(entries))
}

/// A JavaScript number as serde_json reads the text `JSON.stringify` writes for it: whole
/// numbers from -2^63 up to 2^64 (written as digits) as integers, the rest as floats
/// (digits beyond 64 bits, and the exponent form `JSON.stringify` uses from 1e21).
fn number(n: f64) -> JsonNumber {
    const TWO_64: f64 = 18_446_744_073_709_551_616.0;
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if n.fract() != 0.0 || !n.is_finite() {
        JsonNumber::Float(n)
    } else if (0.0..TWO_64).contains(&n) {
        JsonNumber::Unsigned(n as u64)
    } else if (-TWO_63..0.0).contains(&n) {
        JsonNumber::Negative(n as i64)
    } else {
        JsonNumber::Float(n)
    }
}

/// The answer's JSON text. Writing a report cannot fail (string keys, no I/O); were it to,
/// the error says so without formatting serde_json's error, whose messages for every parse
/// error would otherwise come into the `.wasm` (0.5 KB gzip).
fn to_js(json: serde_json::Result<String>) -> Result<String, JsValue> {
    json.map_err(|_| error("internal", "the answer could not be written as JSON").done())
}

/// The policy: `None` (Telnyx's), or the JSON of a `Policy` object (every field optional).
fn policy(json: Option<String>) -> Result<Policy, JsValue> {
    let p = match json.as_deref() {
        None | Some("\"telnyx\"") => Policy::telnyx(),
        Some(json) => Policy::from_json_with(json, js_parse).map_err(|e| {
            error(
                "invalid_option",
                &format!("option policy is not a policy ({e}); pass 'telnyx' or an object such as {{\"max_parts\": 6}}"),
            )
            .done()
        })?,
    };
    p.check()
        .map_err(|e| error(e.kind(), &e.to_string()).done())?;
    Ok(p)
}

/// `now`: milliseconds since 1970 (the JS wrapper turns a `Date` into them), an RFC 3339
/// string, or `undefined` (the clock).
fn now(value: &JsValue) -> Result<Timestamp, JsValue> {
    let ms = if value.is_undefined() || value.is_null() {
        clock()
    } else if let Some(n) = value.as_f64() {
        n
    } else if let Some(s) = value.as_string() {
        return Timestamp::parse(&s).map_err(|e| error("invalid_option", &e.to_string()).done());
    } else {
        return Err(error(
            "invalid_option",
            "option now must be a Date, milliseconds since 1970 or an RFC 3339 string",
        )
        .done());
    };
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return Err(error("invalid_option", "option now is not a valid time").done());
    }
    Ok(Timestamp::from_unix_millis(ms as i64))
}

/// `validate(request, {policy, now})`: the request JSON, the policy JSON (or `undefined`) and
/// `now`; returns the report's JSON. Problems with the request are in the report; only a body
/// that is not a request (not an object, a field of the wrong type) throws.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate(
    request: &str,
    policy_json: Option<String>,
    now_value: JsValue,
) -> Result<String, JsValue> {
    let policy = policy(policy_json)?;
    let now = now(&now_value)?;
    let report =
        sms_preflight::request::validate_json_with(request, Endpoint::Send, &policy, now, js_parse)
            .map_err(|e| parse_error(&e))?;
    to_js(serde_json::to_string(&report))
}

fn cost_error(e: &CostError) -> JsValue {
    let code = match e {
        CostError::MissingRate { .. } => "missing_rate",
        CostError::MixedCurrencies { .. } => "mixed_currencies",
        CostError::Overflow => "overflow",
        CostError::NoRecipient => "no_recipient",
        CostError::Text(t) => t.kind(),
        _ => "cost_error",
    };
    error(code, &e.to_string()).done()
}

/// `estimateCost(request, rateCard, {policy})`: the request JSON, the rate card JSON and
/// the policy JSON (or `undefined`); returns the estimate's JSON.
#[wasm_bindgen(js_name = estimateCostJson)]
pub fn estimate_cost(
    request: &str,
    rate_card: &str,
    policy_json: Option<String>,
) -> Result<String, JsValue> {
    let policy = policy(policy_json)?;
    let card = RateCard::from_json_with(rate_card, js_parse).map_err(|e| {
        error(
            "invalid_rate_card",
            &format!(
                "not a rate card ({e}); expected {{\"entries\": [{{\"country\": \"US\", \"sender\": \"long_code\", \"type\": \"SMS\", \"rate\": \"0.004\", \"carrier_fee\": \"0.003\", \"currency\": \"USD\"}}]}}"
            ),
        )
        .done()
    })?;
    let parsed = MessageRequest::from_json_with(request, Endpoint::Send, js_parse)
        .map_err(|e| parse_error(&e))?;
    let estimate = estimate_with(&parsed.request, &card, &policy).map_err(|e| cost_error(&e))?;
    to_js(serde_json::to_string(&estimate))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each number as serde_json reads the text `JSON.stringify` writes for it.
    #[test]
    fn numbers_read_as_serde_json_reads_their_text() {
        for n in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            6.5,
            -6.5,
            1e20,
            -1e20,
            1e21,
            -1e21,
            2f64.powi(53),
            2f64.powi(63),
            -(2f64.powi(63)),
            2f64.powi(64),
            2f64.powi(65),
            -(2f64.powi(65)),
            f64::MAX,
            -f64::MAX,
        ] {
            let text = if n.fract() == 0.0 && n.abs() < 1e21 {
                format!("{n:.0}") // JSON.stringify writes whole numbers below 1e21 as digits
            } else {
                format!("{n:e}")
            };
            let text = if text == "-0" { "0".to_owned() } else { text };
            let serde: serde_json::Value = serde_json::from_str(&text).unwrap();
            let want = if let Some(u) = serde.as_u64() {
                JsonNumber::Unsigned(u)
            } else if let Some(i) = serde.as_i64() {
                JsonNumber::Negative(i)
            } else {
                JsonNumber::Float(serde.as_f64().unwrap())
            };
            assert_eq!(number(n), want, "{n} written as {text}");
        }
    }
}
