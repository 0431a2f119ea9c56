//! Reading the JS options object (`{profile, charset, reference, split, encoding, maxParts,
//! national, smart}`) into the core's `Options`, rejecting unknown keys and wrong types.

use sms_preflight::{NationalLanguages, Options, SmartEncoding};
use wasm_bindgen::JsValue;

use crate::obj::{error, get_key, is_array, is_plain_object, items, keys, quoted};

/// The options of `analyze`, `count` and `smartEncode`, read from JS.
pub(crate) struct JsOptions {
    /// The core options.
    pub(crate) opts: Options,
    /// `smart`, when given.
    pub(crate) smart: Option<SmartEncoding>,
}

/// The keys the options object takes.
const KEYS: &str = "profile, charset, reference, split, encoding, maxParts, national, smart";

fn invalid(message: String) -> JsValue {
    error("invalid_option", &message).done()
}

fn core_error(e: &sms_preflight::Error) -> JsValue {
    error(e.kind(), &e.to_string()).done()
}

fn string(key: &str, v: &JsValue) -> Result<String, JsValue> {
    v.as_string()
        .ok_or_else(|| invalid(format!("option {key} must be a string")))
}

/// Reads `value` (`undefined`, `null` or a plain object).
pub(crate) fn read(value: &JsValue) -> Result<JsOptions, JsValue> {
    let mut out = JsOptions {
        opts: Options::default(),
        smart: None,
    };
    if value.is_undefined() || value.is_null() {
        return Ok(out);
    }
    if !is_plain_object(value) {
        return Err(invalid(
            "options must be an object such as {profile: 'telnyx'}".to_string(),
        ));
    }
    let obj = value;
    // The profile first, so that the other keys refine it whatever their order.
    let profile = get_key(obj, "profile");
    if !profile.is_undefined() {
        out.opts = match string("profile", &profile)?.as_str() {
            "standard" => Options::default(),
            "telnyx" => Options::telnyx(),
            other => {
                return Err(invalid(format!(
                    "invalid profile {}: expected standard or telnyx",
                    quoted(other)
                )));
            }
        }
    }
    for key in items(&keys(obj)) {
        let key = key.as_string().unwrap_or_default();
        let v = get_key(obj, &key);
        if v.is_undefined() {
            continue;
        }
        let o = &mut out.opts;
        match key.as_str() {
            "profile" => {}
            "charset" => {
                o.charset = string(&key, &v)?.parse().map_err(|e| core_error(&e))?;
            }
            "reference" => {
                o.reference = match v.as_f64() {
                    Some(8.0) => "8bit".parse(),
                    Some(16.0) => "16bit".parse(),
                    _ => string(&key, &v)?.parse(),
                }
                .map_err(|e| core_error(&e))?;
            }
            "split" => o.split = string(&key, &v)?.parse().map_err(|e| core_error(&e))?,
            "encoding" => o.encoding = string(&key, &v)?.parse().map_err(|e| core_error(&e))?,
            "maxParts" => {
                o.max_parts = if v.is_null() {
                    None
                } else {
                    match v.as_f64() {
                        Some(n) if n.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(&n) => {
                            Some(n as u32)
                        }
                        _ => {
                            return Err(invalid(
                                "option maxParts must be a positive whole number or null"
                                    .to_string(),
                            ));
                        }
                    }
                }
            }
            "national" => o.national = national(&v)?,
            "smart" => {
                out.smart = Some(string(&key, &v)?.parse().map_err(|e| core_error(&e))?);
            }
            other => {
                return Err(invalid(format!(
                    "unknown option {}: the options are {KEYS}",
                    quoted(other)
                )));
            }
        }
    }
    out.opts.validate().map_err(|e| core_error(&e))?;
    Ok(out)
}

/// `national`: `'all'`, `'none'`, `'tr,es'`, an array of codes, `true` (all) or `false`.
fn national(v: &JsValue) -> Result<NationalLanguages, JsValue> {
    if let Some(b) = v.as_bool() {
        return Ok(if b {
            NationalLanguages::ALL
        } else {
            NationalLanguages::NONE
        });
    }
    if is_array(v) {
        let mut set = NationalLanguages::NONE;
        for item in items(v) {
            let code = string("national", &item)?;
            set = set.with(code.parse().map_err(|e| core_error(&e))?);
        }
        return Ok(set);
    }
    match v.as_string() {
        Some(s) => s.parse().map_err(|e| core_error(&e)),
        None => Err(invalid(
            "option national must be 'all', 'none', a list such as ['tr', 'es'], or a boolean"
                .to_string(),
        )),
    }
}
