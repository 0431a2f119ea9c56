//! The phone exports of the `full` entry: `normalizePhone` and `classifyAddress`.

use sms_preflight::phone::{Address, AddressError, PhoneError, PhoneNumber, normalize};
use wasm_bindgen::prelude::*;

use crate::obj::{Obj, error, get_key, is_plain_object, items, keys, quoted};

fn number_obj(n: &PhoneNumber) -> JsValue {
    Obj::new()
        .str("e164", n.e164())
        .num("countryCode", usize::from(n.country_code()))
        .str("nationalNumber", n.national_significant_number())
        .opt_str("extension", n.extension())
        .opt_str("region", n.region())
        .str("type", n.number_type().as_str())
        .set("isPossible", n.is_possible())
        .str("possibleReason", n.possible_reason().as_str())
        .set("isValid", n.is_valid())
        .str("international", &n.international())
        .str("national", &n.national())
        .done()
}

fn telnyx(o: Obj, code: Option<u32>) -> Obj {
    o.set("telnyxCode", code.map_or(JsValue::NULL, JsValue::from))
}

fn phone_error(e: &PhoneError) -> JsValue {
    telnyx(error(e.kind(), &e.to_string()), e.telnyx_code()).done()
}

fn address_error(e: &AddressError) -> JsValue {
    telnyx(error(e.kind(), &e.to_string()), e.telnyx_code()).done()
}

fn invalid(message: &str) -> JsValue {
    error("invalid_option", message).done()
}

fn input(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        error(
            "invalid_input",
            &format!("{what} must be a string, such as '+1 415 555 2671'"),
        )
        .done()
    })
}

/// `{defaultRegion}`: the region for numbers written without a country code.
fn default_region(options: &JsValue) -> Result<Option<String>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !is_plain_object(options) {
        return Err(invalid(
            "options must be an object such as {defaultRegion: 'US'}",
        ));
    }
    let mut region = None;
    for key in items(&keys(options)) {
        let key = key.as_string().unwrap_or_default();
        let v = get_key(options, &key);
        match key.as_str() {
            "defaultRegion" if v.is_undefined() || v.is_null() => {}
            "defaultRegion" => {
                region = Some(v.as_string().ok_or_else(|| {
                    invalid("option defaultRegion must be an ISO 3166 alpha-2 code such as 'US'")
                })?);
            }
            _ if v.is_undefined() => {}
            other => {
                return Err(invalid(&format!(
                    "unknown option {}: the one option is defaultRegion",
                    quoted(other)
                )));
            }
        }
    }
    Ok(region)
}

/// `normalizePhone(input, {defaultRegion}?)`: the number in E.164 with its country, type
/// and validity.
#[wasm_bindgen(js_name = normalizePhone)]
pub fn normalize_phone(value: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = input(&value, "the phone number")?;
    let region = default_region(&options)?;
    normalize(&text, region.as_deref())
        .map(|n| number_obj(&n))
        .map_err(|e| phone_error(&e))
}

/// `classifyAddress(s, {defaultRegion}?)`: whether a `to`/`from` value is an E.164 number,
/// a short code or an alphanumeric sender ID, as Telnyx reads it.
#[wasm_bindgen(js_name = classifyAddress)]
pub fn classify_address(value: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = input(&value, "the address")?;
    let region = default_region(&options)?;
    let a =
        Address::classify_with_region(&text, region.as_deref()).map_err(|e| address_error(&e))?;
    let o = Obj::new().str("kind", a.kind()).str("value", a.api_value());
    Ok(match &a {
        Address::E164 { number, canonical } => o
            .set("number", number_obj(number))
            .set("canonical", *canonical),
        _ => o,
    }
    .done())
}
