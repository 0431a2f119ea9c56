//! The text exports: `analyze`, `count` and `smartEncode`, and their result objects.

use sms_preflight::{
    Analysis, Count, EncodingRequest, Error, NonGsmChar, Replacement, SmartEncoding, SmartResult,
    Warning,
};
use std::fmt::Write as _;

use wasm_bindgen::prelude::*;

use crate::obj::{Obj, array, error};
use crate::options;

/// The error thrown for a core [`Error`], with the characters at fault where there are some.
pub(crate) fn core_error(e: &Error) -> JsValue {
    let o = error(e.kind(), &e.to_string());
    match e {
        Error::NotGsm7 { charset, chars } => o
            .str("charset", charset.name())
            .set("chars", non_gsm_array(chars)),
        Error::EmptyAfterSmartEncoding { removed, chars } => o.num("removed", *removed).set(
            "chars",
            array(chars, |c| JsValue::from_str(c.encode_utf8(&mut [0; 4]))),
        ),
        _ => o,
    }
    .done()
}

/// The JS array of `chars`, their descriptions written into one reused buffer.
fn non_gsm_array(chars: &[NonGsmChar]) -> JsValue {
    let mut description = String::new();
    array(chars, |c| {
        let len = if c.lone_surrogate {
            1
        } else {
            c.ch.len_utf16()
        };
        description.clear();
        let _ = write!(description, "{}", c.description());
        // usize is 32 bits on wasm32: the conversions to f64 are exact.
        crate::obj::js_non_gsm(
            u32::from(c.ch),
            c.utf16 as f64,
            (c.utf16 + len) as f64,
            c.utf8 as f64,
            c.lone_surrogate,
            &description,
        )
    })
}

fn warning(w: &Warning) -> JsValue {
    let o = match w {
        Warning::ExceedsMaxParts { parts, max } => Obj::new()
            .str("kind", "exceeds_max_parts")
            .num("parts", *parts)
            .num("max", *max as usize),
        Warning::ExceedsConcatLimit { parts } => Obj::new()
            .str("kind", "exceeds_concat_limit")
            .num("parts", *parts),
        Warning::LoneSurrogates { count } => Obj::new()
            .str("kind", "lone_surrogates")
            .num("count", *count),
        _ => Obj::new().str("kind", "other"),
    };
    o.str("message", &w.to_string()).done()
}

fn count_obj(c: &Count) -> JsValue {
    Obj::new()
        .str("encoding", c.encoding.name())
        .num("units", c.units)
        .num("parts", c.parts)
        .num("remaining", c.remaining)
        .num("partCapacity", c.part_capacity)
        .num("chars", c.chars)
        .done()
}

fn analysis_obj(a: &Analysis<'_>) -> JsValue {
    let lang = |l: Option<sms_preflight::Language>| l.map(|l| l.code());
    Obj::new()
        .str("encoding", a.encoding.name())
        .str("charset", a.charset.name())
        .opt_str("nationalLockingShift", lang(a.national_locking_shift))
        .opt_str("nationalSingleShift", lang(a.national_single_shift))
        .num("udhOctets", a.udh_octets)
        .num("units", a.units)
        .num("parts", a.parts)
        .num("remaining", a.remaining)
        .num("partCapacity", a.part_capacity)
        .num("singlePartCapacity", a.single_part_capacity)
        .num("multipartCapacity", a.multipart_capacity)
        .num("chars", a.chars)
        .num("graphemes", a.graphemes)
        .num("utf8Len", a.utf8_len)
        .num("utf16Len", a.utf16_len)
        .set(
            "segments",
            array(&a.segments, |s| {
                crate::obj::js_segment(
                    s.utf16.start as f64,
                    s.utf16.end as f64,
                    s.utf8.start as f64,
                    s.utf8.end as f64,
                    s.units as f64,
                    s.capacity as f64,
                    s.text,
                )
            }),
        )
        .set("nonGsm", non_gsm_array(&a.non_gsm))
        .set("warnings", array(&a.warnings, warning))
        .done()
}

fn read_options(options: &JsValue, smart_allowed: bool) -> Result<options::JsOptions, JsValue> {
    let o = options::read(options)?;
    if o.smart.is_some() && !smart_allowed {
        return Err(error(
            "invalid_option",
            "option smart belongs to smartEncode: call smartEncode(text, {smart: 'telnyx'}) and analyze its text",
        )
        .done());
    }
    Ok(o)
}

/// `analyze(text, options?)` for well-formed text: the full analysis.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let o = read_options(&options, false)?;
    let a = sms_preflight::analyze(text, &o.opts).map_err(|e| core_error(&e))?;
    answer(&a)
}

/// The JS value of an analysis: the hand-built object, or with a `probe-*` feature (size
/// measurement only) the serde path under test.
fn answer(a: &Analysis<'_>) -> Result<JsValue, JsValue> {
    #[cfg(feature = "probe-serde-json")]
    return serde_json::to_string(a)
        .map(|s| JsValue::from_str(&s))
        .map_err(|e| error("internal", &e.to_string()).done());
    #[cfg(all(
        feature = "probe-serde-wasm-bindgen",
        not(feature = "probe-serde-json")
    ))]
    return serde_wasm_bindgen::to_value(a).map_err(|e| error("internal", &e.to_string()).done());
    #[allow(unreachable_code)]
    Ok(analysis_obj(a))
}

/// `analyze` for a string with lone surrogates, passed as its UTF-16 units.
#[wasm_bindgen(js_name = analyzeUtf16)]
pub fn analyze_utf16(units: &[u16], options: JsValue) -> Result<JsValue, JsValue> {
    let o = read_options(&options, false)?;
    let mut buf = String::new();
    let a = sms_preflight::analyze_utf16(units, &mut buf, &o.opts).map_err(|e| core_error(&e))?;
    answer(&a)
}

/// `count(text, options?)`: encoding, units, parts, remaining, part capacity and characters,
/// written into `out` as numbers (`out[0]` is 0 for GSM-7, 1 for UCS-2) so that the cheap
/// call builds no object in Rust; the JS wrapper makes the plain object.
///
/// A lone surrogate reaches Rust as U+FFFD (the encoder that copies the string in replaces
/// it), which is exactly how the core counts it, so this path is exact for any JS string.
#[wasm_bindgen(js_name = countInto)]
pub fn count(text: &str, options: JsValue, out: &mut [u32]) -> Result<(), JsValue> {
    let o = read_options(&options, false)?;
    let c = sms_preflight::count(text, &o.opts).map_err(|e| core_error(&e))?;
    let fields = [
        u32::from(c.encoding == sms_preflight::Encoding::Ucs2),
        c.units as u32,
        c.parts as u32,
        c.remaining as u32,
        c.part_capacity as u32,
        c.chars as u32,
    ];
    for (slot, v) in out.iter_mut().zip(fields) {
        *slot = v;
    }
    Ok(())
}

fn encoding_request(e: EncodingRequest) -> &'static str {
    match e {
        EncodingRequest::Auto => "auto",
        EncodingRequest::Gsm7 => "gsm7",
        EncodingRequest::Ucs2 => "ucs2",
    }
}

fn replacement(r: &Replacement) -> JsValue {
    Obj::new()
        .str("original", r.original.encode_utf8(&mut [0; 4]))
        .str("codePoint", &r.code_point)
        .str("replacement", &r.replacement)
        .num("start", r.utf16)
        .num("utf8", r.utf8)
        .num("newStart", r.new_utf16)
        .num("newUtf8", r.new_utf8)
        .str("description", &r.describe())
        .done()
}

fn smart_obj(r: &SmartResult<'_>) -> JsValue {
    Obj::new()
        .set("enabled", r.enabled)
        .set("applied", r.applied())
        .str("requested", encoding_request(r.requested))
        .str("charset", r.charset.name())
        .str("text", &r.text)
        .set("replacements", array(&r.replacements, replacement))
        .num("replacedCharacterCount", r.replaced_character_count)
        .num("characterCount", r.character_count)
        .set("lengthChange", r.length_change as f64)
        .set("before", count_obj(&r.before))
        .set("after", count_obj(&r.after))
        .set("partsSaved", r.parts_saved() as f64)
        .set("costsParts", r.costs_parts())
        .set("stillNonGsm", non_gsm_array(&r.still_non_gsm))
        .str("summary", &r.summary())
        .done()
}

/// `smartEncode(text, options?)`: what smart encoding (Telnyx's list unless `smart` says
/// otherwise) would change, with the counts before and after.
#[wasm_bindgen(js_name = smartEncode)]
pub fn smart_encode(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let o = read_options(&options, true)?;
    let smart = o.smart.unwrap_or(SmartEncoding::Telnyx);
    sms_preflight::smart_encode(text, &smart, &o.opts)
        .map(|r| smart_obj(&r))
        .map_err(|e| core_error(&e))
}
