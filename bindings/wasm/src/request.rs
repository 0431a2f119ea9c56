//! The request exports of the `full` entry: `validate` and `estimateCost`.
//!
//! A send request, a policy, a rate card and the answers cross the boundary as JSON text:
//! the request is the JSON body of Telnyx's `POST /v2/messages`, and the core parses it with
//! its own parser (which reports unknown fields and lone surrogates), so the JS wrapper only
//! runs `JSON.stringify` and `JSON.parse`. Policies and rate cards are read by
//! `Policy::from_json` and `RateCard::from_json`, which read what serde reads without serde's
//! derived deserializers (22.5 KB of this entry, gzip, when they were used here). Reports and estimates keep the API's snake_case
//! keys (`num_chars`, `cost_breakdown`), as Telnyx's responses and the CLI's JSON do.

use sms_preflight::cost::{CostError, RateCard, estimate_with};
use sms_preflight::request::{MessageRequest, ParseError, Policy, Timestamp};
use wasm_bindgen::{JsCast, prelude::*};

use crate::obj::error;

fn parse_error(e: &ParseError) -> JsValue {
    let api = e.api_error();
    error(e.kind(), &e.to_string())
        .str("apiCode", &api.code)
        .opt_str("pointer", e.pointer())
        .done()
}

fn to_js(json: serde_json::Result<String>) -> Result<String, JsValue> {
    json.map_err(|e| error("internal", &e.to_string()).done())
}

/// The policy: `None` (Telnyx's), or the JSON of a `Policy` object (every field optional).
fn policy(json: Option<String>) -> Result<Policy, JsValue> {
    let p = match json.as_deref() {
        None | Some("\"telnyx\"") => Policy::telnyx(),
        Some(json) => Policy::from_json(json).map_err(|e| {
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

/// `now`: a `Date`, milliseconds since 1970, an RFC 3339 string, or `undefined` (the clock).
fn now(value: &JsValue) -> Result<Timestamp, JsValue> {
    let ms = if value.is_undefined() || value.is_null() {
        js_sys::Date::now()
    } else if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        d.get_time()
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
    let report = sms_preflight::request::validate_json(request, &policy, now)
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
    let card = RateCard::from_json(rate_card).map_err(|e| {
        error(
            "invalid_rate_card",
            &format!(
                "not a rate card ({e}); expected {{\"entries\": [{{\"country\": \"US\", \"sender\": \"long_code\", \"type\": \"SMS\", \"rate\": \"0.004\", \"carrier_fee\": \"0.003\", \"currency\": \"USD\"}}]}}"
            ),
        )
        .done()
    })?;
    let parsed = MessageRequest::from_json(request).map_err(|e| parse_error(&e))?;
    let estimate = estimate_with(&parsed.request, &card, &policy).map_err(|e| cost_error(&e))?;
    to_js(serde_json::to_string(&estimate))
}
