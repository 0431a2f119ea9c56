//! The rules of [`validate`], one function per field group, and the [`Report`] they fill.
//!
//! Each rule calls the crate's existing pieces ([`smart_encode`], [`count`],
//! [`Address::classify_with_region`]) and turns their answers into [`ApiError`]s; nothing
//! here counts a septet or parses a number itself.

use serde::Serialize;

use super::error::{ApiError, Code, ParseError};
use super::model::{Endpoint, MessageRequest, MessageType, Recipients};
use super::policy::{Policy, Timestamp};
use super::value::Value as JsonValue;
use crate::cost::{self, CostBreakdown, Money, SenderType};
use crate::phone::{Address, AddressError, AddressRole};
use crate::{
    Count, Encoding, EncodingRequest, Error, NonGsmChar, Options, SmartEncoding, SmartResult,
    SplitPolicy, count, smart_encode,
};

/// One reading of the text: its encoding, units and parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TextReading {
    /// GSM-7 or UCS-2.
    pub encoding: Encoding,
    /// Septets or UTF-16 units.
    pub units: usize,
    /// Parts.
    pub parts: usize,
}

/// A `to` or `from` address as the validator read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AddressReport {
    /// The JSON pointer of the field (`/from`, `/to`, `/to/2`).
    pub pointer: String,
    /// The value as given.
    pub input: String,
    /// `e164`, `short_code` or `alphanumeric_sender_id`; `None` when it is none of them.
    pub kind: Option<&'static str>,
    /// The value to send (the E.164 form, the short code or the ID), when there is one.
    pub api_value: Option<String>,
    /// The country (ISO 3166-1 alpha-2) of a phone number, when its metadata tells.
    pub region: Option<String>,
    /// The country calling code of a phone number (`1`, `44`).
    pub country_code: Option<u16>,
    /// libphonenumber's number type (`mobile`, `toll_free`, …) of a phone number.
    pub number_type: Option<&'static str>,
    /// Whether libphonenumber's metadata calls the number valid (phone numbers only).
    pub valid: Option<bool>,
}

/// What [`validate`] found: the API's errors and the figures of its response.
///
/// Serialized as `{"valid", "errors": [...], "warnings": [...], "type", "encoding", "parts",
/// "units", "num_chars", "smart_encoding_applied", "cost", "cost_breakdown", "from", "to",
/// "lenient"}`; `cost` and `cost_breakdown` are present only with a rate card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// No errors: the API should accept the request.
    pub valid: bool,
    /// What the API would refuse the request for, each surely.
    pub errors: Vec<ApiError>,
    /// What may go wrong, or what a CONTESTED source leaves open.
    pub warnings: Vec<ApiError>,
    /// `SMS` or `MMS`.
    #[serde(rename = "type")]
    pub message_type: MessageType,
    /// The SMS encoding (`GSM-7` or `UCS-2`) billed on; `None` for MMS, which is not split.
    pub encoding: Option<Encoding>,
    /// Parts billed on: the conservative reading for SMS, 1 for MMS.
    pub parts: usize,
    /// Length in units of `encoding` (septets or UTF-16 units), after smart encoding.
    pub units: usize,
    /// Characters (Unicode scalar values) after smart encoding: the response's `num_chars`.
    pub num_chars: usize,
    /// Whether smart encoding changed the text (the response's `smart_encoding_applied`).
    pub smart_encoding_applied: bool,
    /// The lenient reading of the text (full 3GPP charset, code point splitting, Telnyx's
    /// `⌈units / 153⌉`) when its parts or encoding differ from the billed one.
    pub lenient: Option<TextReading>,
    /// The total cost, shaped like Telnyx's `cost`, when the policy has a rate card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<Money>,
    /// Rate and carrier fee, shaped like Telnyx's `cost_breakdown`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_breakdown: Option<CostBreakdown>,
    /// The sender, classified.
    pub from: Option<AddressReport>,
    /// The recipients, classified, in order.
    pub to: Vec<AddressReport>,
}

/// Formats a count with thousands separators (`1,612`).
fn n(v: impl ToString) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(v: usize, one: &str, many: &str) -> String {
    format!("{} {}", n(v), if v == 1 { one } else { many })
}

fn units_name(e: Encoding, v: usize) -> String {
    match e {
        Encoding::Gsm7 => plural(v, "septet", "septets"),
        Encoding::Ucs2 => plural(v, "UTF-16 unit", "UTF-16 units"),
    }
}

/// The text figures of one reading: the smart-encoded text's count.
#[derive(Clone)]
struct TextFigures<'a> {
    smart: SmartResult<'a>,
    count: Count,
}

fn read_text<'a>(
    text: &'a str,
    opts: &Options,
    smart: &SmartEncoding,
) -> Result<TextFigures<'a>, Error> {
    let smart = smart_encode(text, smart, opts)?;
    // `after` is the transformed text counted with these options under `auto`, which is
    // what `gsm7` gives too once smart_encode has accepted the text; only `ucs2` differs.
    let count = match opts.encoding {
        EncodingRequest::Ucs2 => count(&smart.text, opts)?,
        EncodingRequest::Auto | EncodingRequest::Gsm7 => smart.after,
    };
    Ok(TextFigures { smart, count })
}

/// The options of the two readings for `encoding`.
fn readings(policy: &Policy, encoding: EncodingRequest) -> (Options, Options) {
    let billed = Options {
        encoding,
        max_parts: None,
        ..policy.text
    };
    let lenient = Options {
        charset: policy.lenient_charset,
        split: SplitPolicy::Codepoints,
        national: Default::default(),
        ..billed
    };
    (billed, lenient)
}

/// The fewest parts any reading gives: exact code point splitting, or Telnyx's documented
/// `⌈units / capacity⌉` (standards.md §3.3), whichever is lower.
fn fewest_parts(c: &Count) -> usize {
    if c.parts <= 1 {
        c.parts
    } else {
        c.parts.min(c.units.div_ceil(c.part_capacity))
    }
}

/// The parts [`validate`] bills an SMS on, for [`crate::cost`]: smart encoding as the policy
/// sets it, then the conservative count. 0 for an empty or absent text.
pub fn billed_parts(request: &MessageRequest, policy: &Policy) -> Result<usize, Error> {
    let text = request.text.as_deref().unwrap_or("");
    let (billed, _) = readings(policy, request.encoding.unwrap_or_default());
    Ok(read_text(text, &billed, &policy.smart_encoding)?
        .count
        .parts)
}

struct Check<'p> {
    policy: &'p Policy,
    errors: Vec<ApiError>,
    warnings: Vec<ApiError>,
}

impl Check<'_> {
    fn error(&mut self, code: Code, pointer: &str, detail: impl Into<String>) {
        self.errors.push(ApiError::new(code, detail, Some(pointer)));
    }

    /// An error about a field the body lacks: no pointer, since it would not resolve in
    /// the input; the detail names the field.
    fn missing(&mut self, code: Code, detail: impl Into<String>) {
        self.errors.push(ApiError::new(code, detail, None));
    }

    fn warn(&mut self, code: Code, pointer: &str, detail: impl Into<String>) {
        self.warnings
            .push(ApiError::new(code, detail, Some(pointer)));
    }
}

/// Parses `json` ([`MessageRequest::from_json`]) and validates it; the parser's warnings
/// (unknown fields, duplicate keys, lone surrogates) come first among the report's warnings.
pub fn validate_json(json: &str, policy: &Policy, now: Timestamp) -> Result<Report, ParseError> {
    validate_json_for(json, Endpoint::Send, policy, now)
}

/// [`validate_json`] for another endpoint's body ([`MessageRequest::from_json_for`]).
pub fn validate_json_for(
    json: &str,
    endpoint: Endpoint,
    policy: &Policy,
    now: Timestamp,
) -> Result<Report, ParseError> {
    validate_json_with(json, endpoint, policy, now, JsonValue::parse)
}

/// [`validate_json_for`] with another JSON parser (see [`MessageRequest::from_json_with`]);
/// the npm package passes JavaScript's `JSON.parse`.
pub fn validate_json_with(
    json: &str,
    endpoint: Endpoint,
    policy: &Policy,
    now: Timestamp,
    parse: impl FnOnce(&str) -> Result<JsonValue, String>,
) -> Result<Report, ParseError> {
    let parsed = MessageRequest::from_json_with(json, endpoint, parse)?;
    let mut report = validate(&parsed.request, policy, now);
    let mut warnings = parsed.warnings;
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    Ok(report)
}

/// Checks `request` against `policy` at time `now`; see the [module docs](self) for the
/// rules and what "error" means. Never panics, and its cost is linear in the request.
///
/// ```
/// use sms_preflight::request::{validate, MessageRequest, Policy, Timestamp};
///
/// let req = MessageRequest::from_json(r#"{"from": "ACME Corp 12", "to": "+14155552671",
///     "text": "Your code is 1234"}"#)?.request;
/// let r = validate(&req, &Policy::telnyx(), Timestamp::from_unix_seconds(0));
/// assert_eq!(r.errors[0].code, "40325");
/// assert_eq!(r.errors[0].pointer(), Some("/from"));
/// assert!(r.errors[0].detail.contains("at most 11 characters; this has 12"));
/// # Ok::<(), sms_preflight::request::ParseError>(())
/// ```
pub fn validate(request: &MessageRequest, policy: &Policy, now: Timestamp) -> Report {
    let mut c = Check {
        policy,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    if let Err(e) = policy.check() {
        c.missing(
            Code::BadRequest,
            format!("the validator's policy is not usable ({e}): fix the Policy; this says nothing about the request"),
        );
    }
    let mms = request.is_mms();
    let message_type = if mms {
        MessageType::Mms
    } else {
        MessageType::Sms
    };

    content_rules(&mut c, request, mms);
    let text = if mms {
        None
    } else {
        text_rules(&mut c, request)
    };
    let to = recipient_rules(&mut c, request);
    let (from, sender) = sender_rules(&mut c, request, mms, &to);
    if mms {
        media_rules(&mut c, request, &to);
    }
    schedule_rules(&mut c, request, now);
    for (field, value) in [
        ("webhook_url", &request.webhook_url),
        ("webhook_failover_url", &request.webhook_failover_url),
    ] {
        match value.as_deref() {
            Some("") => c.warn(
                Code::InvalidUrl,
                &format!("/{field}"),
                format!("\"{field}\" is an empty string: leave the field out (or null) when there is no URL"),
            ),
            Some(url) => check_url(&mut c, &format!("/{field}"), field, url),
            None => {}
        }
    }

    let (encoding, parts, units, num_chars, smart_applied, lenient) = match &text {
        Some(t) => (
            Some(t.billed.encoding),
            t.billed.parts,
            t.billed.units,
            t.num_chars,
            t.smart_applied,
            t.lenient,
        ),
        None => {
            let chars = request.text.as_deref().map_or(0, |s| s.chars().count());
            (None, usize::from(mms), 0, chars, false, None)
        }
    };

    let (mut cost, mut cost_breakdown) = (None, None);
    if let Some(card) = &policy.rate_card {
        let region = policy.default_region.as_deref();
        let to_countries: Vec<(String, Option<String>)> = to
            .iter()
            .map(|a| {
                let short_code = a.kind == Some("short_code");
                let country = cost::destination_country(short_code, a.region.as_deref(), region);
                (a.input.clone(), country)
            })
            .collect();
        match cost::price(&to_countries, message_type, sender, parts, card) {
            Ok(e) => {
                cost = Some(e.cost);
                cost_breakdown = Some(e.cost_breakdown);
            }
            Err(e) => c
                .warnings
                .push(ApiError::new(Code::CostUnavailable, e.to_string(), None)),
        }
    }

    Report {
        valid: c.errors.is_empty(),
        errors: c.errors,
        warnings: c.warnings,
        message_type,
        encoding,
        parts,
        units,
        num_chars,
        smart_encoding_applied: smart_applied,
        lenient,
        cost,
        cost_breakdown,
        from,
        to,
    }
}

/// Which content fields go with which type (40304, 40316).
fn content_rules(c: &mut Check, r: &MessageRequest, mms: bool) {
    let empty_text = r.text.as_deref().is_none_or(str::is_empty);
    if !mms {
        if r.subject.is_some() {
            c.error(
                Code::InvalidContentCombination,
                "/subject",
                "an SMS cannot carry a subject: remove \"subject\", or send as MMS (\"type\": \"MMS\")",
            );
        }
        match &r.text {
            None => c.missing(
                Code::NoContent,
                "an SMS needs \"text\": the field is missing",
            ),
            Some(t) if t.is_empty() => c.error(
                Code::NoContent,
                "/text",
                "an SMS needs a non-empty \"text\"",
            ),
            Some(_) => {}
        }
        return;
    }
    if r.r#type == Some(MessageType::Sms) {
        match r.media_urls.as_deref() {
            Some([]) => c.warn(
                Code::InvalidContentCombination,
                "/media_urls",
                "\"type\" is SMS but an empty \"media_urls\" is present, which makes a message an MMS (standards.md §3.3): remove \"media_urls\"",
            ),
            Some(_) => c.error(
                Code::InvalidContentCombination,
                "/media_urls",
                "\"type\" is SMS but \"media_urls\" has media: an SMS cannot carry media; remove \"media_urls\" or set \"type\": \"MMS\"",
            ),
            None => {}
        }
    }
    let no_media = r.media_urls.as_ref().is_none_or(Vec::is_empty);
    if empty_text && no_media {
        let detail = "an MMS needs \"text\" or at least one URL in \"media_urls\"";
        match &r.text {
            Some(_) => c.error(Code::NoContent, "/text", detail),
            None => c.missing(Code::NoContent, detail),
        }
    }
}

struct TextOutcome {
    billed: TextReading,
    lenient: Option<TextReading>,
    num_chars: usize,
    smart_applied: bool,
}

fn reading(c: &Count) -> TextReading {
    TextReading {
        encoding: c.encoding,
        units: c.units,
        parts: c.parts,
    }
}

fn char_list(chars: &[NonGsmChar]) -> String {
    let mut out = String::new();
    for (i, ch) in chars.iter().enumerate() {
        if i == 20 {
            out.push_str(&format!(" and {} more", n(chars.len() - 20)));
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!(
            "{} at UTF-16 offset {} (byte {})",
            ch.describe(),
            ch.utf16,
            ch.utf8
        ));
    }
    out
}

/// How many characters to remove from the end of `text` to shed `units` units: an escape
/// character (`€ [ ] { } ~ ^ | \` and form feed) sheds 2 septets, a character outside the
/// BMP 2 UTF-16 units, others 1. A lower bound: a cut near a part boundary may need more.
fn chars_to_cut(text: &str, encoding: Encoding, units: usize) -> usize {
    let (mut shed, mut chars) = (0usize, 0usize);
    for ch in text.chars().rev() {
        if shed >= units {
            break;
        }
        shed += match encoding {
            Encoding::Gsm7 if "€[]{}~^|\\\u{0C}".contains(ch) => 2,
            Encoding::Gsm7 => 1,
            Encoding::Ucs2 => ch.len_utf16(),
        };
        chars += 1;
    }
    chars.max(1)
}

/// Text of an SMS: encoding, parts (40302), `auto_detect` (40328), length (P102).
fn text_rules(c: &mut Check, r: &MessageRequest) -> Option<TextOutcome> {
    let text = r.text.as_deref().filter(|t| !t.is_empty())?;
    let policy = c.policy;
    let requested = r.encoding.unwrap_or_default();
    let (billed_opts, lenient_opts) = readings(policy, requested);
    let billed = read_text(text, &billed_opts, &policy.smart_encoding);
    let lenient = read_text(text, &lenient_opts, &policy.smart_encoding);
    let (billed, lenient) = match (billed, lenient) {
        (Ok(b), Ok(l)) => (b, l),
        (Err(Error::EmptyAfterSmartEncoding { .. }), _)
        | (_, Err(Error::EmptyAfterSmartEncoding { .. })) => {
            c.error(
                Code::NoContent,
                "/text",
                "smart encoding removes every character of the text (it holds only zero-width or control characters): write a visible message",
            );
            return None;
        }
        (Err(Error::NotGsm7 { chars, .. }), Err(_)) => {
            c.error(
                Code::BadRequest,
                "/text",
                format!(
                    "\"encoding\": \"gsm7\" was requested, but {} not in GSM-7, even after smart encoding: {}; remove or replace {}, or use \"encoding\": \"auto\"",
                    plural(chars.len(), "character is", "characters are"),
                    char_list(&chars),
                    if chars.len() == 1 { "it" } else { "them" }
                ),
            );
            return None;
        }
        (Err(Error::NotGsm7 { chars, .. }), Ok(l)) => {
            c.warn(
                Code::BadRequest,
                "/text",
                format!(
                    "\"encoding\": \"gsm7\" was requested, and {} outside Telnyx's conservative GSM-7 set but in the full 3GPP set that some of its pages use (CONTESTED, standards.md §3.4): {}; the API may refuse the request (400); to be safe, replace {}",
                    plural(chars.len(), "character is", "characters are"),
                    char_list(&chars),
                    if chars.len() == 1 { "it" } else { "them" }
                ),
            );
            // Bill on the only reading that encodes it.
            (l.clone(), l)
        }
        (Err(e), _) | (_, Err(e)) => {
            // Options are the policy's own; a bad policy is reported, not panicked on.
            c.error(
                Code::BadRequest,
                "/text",
                format!("the text cannot be counted under this policy: {e}"),
            );
            return None;
        }
    };

    let b = reading(&billed.count);
    let l = reading(&lenient.count);
    // The profile's smart encoding setting is the account's, which the crate cannot see: a
    // policy that says Off still gets the Telnyx list in the lenient reading, so that a
    // profile with smart encoding on is not refused.
    // It is read only when an error hangs on it.
    let fewest = fewest_parts(&lenient.count);
    let fewest_any = || {
        let with_smart = (policy.smart_encoding == SmartEncoding::Off)
            .then(|| read_text(text, &lenient_opts, &SmartEncoding::Telnyx).ok())
            .flatten();
        with_smart.map_or(fewest, |w| fewest.min(fewest_parts(&w.count)))
    };
    let max = policy.max_parts as usize;

    if b.parts > max {
        let cut = chars_to_cut(
            &billed.smart.text,
            b.encoding,
            b.units.saturating_sub(max * billed.count.part_capacity),
        );
        let mut detail = format!(
            "needs {} parts ({} in {}); the maximum is {}: remove at least {} or send as MMS",
            n(b.parts),
            units_name(b.encoding, b.units),
            b.encoding.name(),
            n(max),
            plural(cut, "character", "characters")
        );
        if billed.smart.before.encoding == Encoding::Ucs2 && b.encoding == Encoding::Ucs2 {
            detail.push_str(&format!(
                " (in GSM-7 it could hold {} septets: replacing the characters that force UCS-2 may be enough)",
                n(max * 153)
            ));
        }
        let fewest_any = fewest_any();
        if fewest_any > max {
            c.error(Code::MessageTooLarge, "/text", detail);
        } else {
            c.warn(
                Code::MessageTooLarge,
                "/text",
                if fewest_any < fewest.min(b.parts) {
                    format!(
                        "{detail}. With smart encoding on the messaging profile (an account setting this check cannot see; the policy says off) it takes {} parts, within the limit, so the API may accept it",
                        n(fewest_any)
                    )
                } else {
                    format!(
                        "{detail}. Under the lenient reading (full 3GPP charset, code point splitting or Telnyx's ⌈units / 153⌉ formula; CONTESTED, standards.md §3.3–3.4) it takes {} parts ({} in {}), within the limit, so the API may accept it",
                        n(fewest),
                        units_name(l.encoding, l.units),
                        l.encoding.name()
                    )
                },
            );
        }
    }
    let lenient_reading = if (l.encoding, fewest) != (b.encoding, b.parts) {
        let l = TextReading { parts: fewest, ..l };
        if b.parts <= max {
            c.warn(
                Code::PartsDependOnReading,
                "/text",
                format!(
                    "billed here as {} {} ({}); if Telnyx reads the text with the full 3GPP set or splits by its documented formula, {} {} ({}). The characters at stake: those only some of Telnyx's charset pages list (€ § Ç Greek capitals ¤ and form feed), and clusters or escapes at a part boundary (CONTESTED, standards.md §3.4)",
                    plural(b.parts, "part", "parts"),
                    b.encoding.name(),
                    units_name(b.encoding, b.units),
                    plural(l.parts, "part", "parts"),
                    l.encoding.name(),
                    units_name(l.encoding, l.units),
                ),
            );
        }
        Some(l)
    } else {
        None
    };

    if r.auto_detect == Some(true) && b.parts > policy.auto_detect_max_parts as usize {
        let detail = format!(
            "with \"auto_detect\": true, the API refuses an SMS over its recommended number of parts; this one needs {}, and this policy's threshold is {} (Telnyx publishes none: CONTESTED, standards.md §3.5). Send as MMS, shorten it, or set \"auto_detect\": false",
            n(b.parts),
            n(policy.auto_detect_max_parts as usize)
        );
        if policy.auto_detect_is_error && fewest_any() > policy.auto_detect_max_parts as usize {
            c.error(Code::ExceedsRecommendedSize, "/auto_detect", detail);
        } else {
            c.warn(Code::ExceedsRecommendedSize, "/auto_detect", detail);
        }
    }

    let num_chars = billed.count.chars;
    if num_chars > policy.length_warning_chars {
        c.warn(
            Code::LongMessage,
            "/text",
            format!(
                "{} (Unicode scalar values; {} UTF-16 units) is over the {}-character limit that Telnyx's quickstart gives without a unit (CONTESTED, standards.md §3.5); the enforced limit is {} parts",
                plural(num_chars, "character", "characters"),
                n(billed.smart.text.encode_utf16().count()),
                n(policy.length_warning_chars),
                n(max)
            ),
        );
    }
    Some(TextOutcome {
        billed: b,
        lenient: lenient_reading,
        num_chars,
        smart_applied: billed.smart.applied(),
    })
}

fn classify(
    c: &mut Check,
    pointer: &str,
    input: &str,
    role: AddressRole,
) -> (AddressReport, Option<Address>) {
    let region = c.policy.default_region.as_deref();
    let mut report = AddressReport {
        pointer: pointer.to_owned(),
        input: input.to_owned(),
        kind: None,
        api_value: None,
        region: None,
        country_code: None,
        number_type: None,
        valid: None,
    };
    let address = match Address::classify(input) {
        Ok(a) => a,
        Err(AddressError::MissingCountryCode { example }) => {
            // Telnyx wants +E.164; with a default region, say what to send.
            let fix = match region.map(|reg| Address::classify_with_region(input, Some(reg))) {
                Some(Ok(a)) => format!("send it as {}", a.api_value()),
                _ => format!("add the country code, e.g. {example}"),
            };
            c.error(
                Code::NotE164,
                pointer,
                format!(
                    "{input:?} has no country code; the API wants +E.164 (\"+\", country code, number, nothing else): {fix}"
                ),
            );
            return (report, None);
        }
        Err(e) => {
            let code = e.telnyx_code_for(role);
            let code = Code::from_number(code).unwrap_or(match role {
                AddressRole::From => Code::InvalidFrom,
                AddressRole::To => Code::InvalidTo,
            });
            c.error(code, pointer, format!("{input:?}: {e}"));
            return (report, None);
        }
    };
    report.kind = Some(address.kind());
    report.api_value = Some(address.api_value().to_owned());
    if let Address::E164 { number, canonical } = &address {
        report.region = number.region().map(str::to_owned);
        report.country_code = Some(number.country_code());
        report.number_type = Some(number.number_type().as_str());
        report.valid = Some(number.is_valid());
        if !canonical {
            c.error(
                Code::NotE164,
                pointer,
                format!(
                    "{input:?} is not in +E.164 form (no spaces, punctuation or \"tel:\"): send it as {}",
                    number.e164()
                ),
            );
        } else if !number.is_valid() {
            c.warn(
                Code::NumberNotValid,
                pointer,
                format!(
                    "{} has a possible length for +{}, but libphonenumber's metadata ({}) assigns no such range (documentation numbers such as +1 555 123 4567 are like this); the API accepts it, but it may not be delivered",
                    number.e164(),
                    number.country_code(),
                    crate::phone::METADATA_VERSION
                ),
            );
        }
    }
    (report, Some(address))
}

/// `to`: present, E.164 or short code (10016, 10002, 40310); at most 8 for group MMS.
fn recipient_rules(c: &mut Check, r: &MessageRequest) -> Vec<AddressReport> {
    let Some(to) = &r.to else {
        c.missing(
            Code::MissingParameter,
            "\"to\" is required: the recipient's +E.164 number or short code",
        );
        return Vec::new();
    };
    let list = to.as_slice();
    match to {
        Recipients::Many(_) if r.endpoint != Endpoint::GroupMms => c.error(
            Code::BadRequest,
            "/to",
            format!(
                "the {} endpoint takes one recipient in \"to\", a string; a list is for group MMS (POST /v2/messages/group_mms)",
                r.endpoint.as_str()
            ),
        ),
        Recipients::One(_) if r.endpoint == Endpoint::GroupMms => c.error(
            Code::BadRequest,
            "/to",
            "group MMS takes \"to\" as a list of numbers: write [\"+14155552671\", …]",
        ),
        Recipients::Many(v) if v.is_empty() => c.error(
            Code::MissingParameter,
            "/to",
            "\"to\" is an empty list: give at least one recipient",
        ),
        Recipients::Many(v) if v.len() > c.policy.max_group_recipients => c.error(
            Code::InvalidTo,
            "/to",
            format!(
                "group MMS takes at most {} recipients; this has {}: split it into several messages",
                c.policy.max_group_recipients,
                n(v.len())
            ),
        ),
        _ => {}
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, s) in list.iter().enumerate() {
        let pointer = match to {
            Recipients::One(_) => "/to".to_owned(),
            Recipients::Many(_) => format!("/to/{i}"),
        };
        let (report, address) = classify(c, &pointer, s, AddressRole::To);
        if let Some(Address::AlphanumericSenderId { .. }) = address {
            c.error(
                Code::InvalidTo,
                &pointer,
                format!("{s:?} is an alphanumeric sender ID, which can only send: \"to\" must be a +E.164 number or a short code"),
            );
        }
        out.push(report);
    }
    out
}

/// `from`: present unless a number pool is used; its kind's rules (40305, 40308, 40325).
fn sender_rules(
    c: &mut Check,
    r: &MessageRequest,
    mms: bool,
    to: &[AddressReport],
) -> (Option<AddressReport>, Option<SenderType>) {
    let needs_from = matches!(
        r.endpoint,
        Endpoint::LongCode
            | Endpoint::ShortCode
            | Endpoint::GroupMms
            | Endpoint::AlphanumericSender
    );
    let needs_profile = matches!(
        r.endpoint,
        Endpoint::NumberPool | Endpoint::AlphanumericSender
    );
    if needs_profile && r.messaging_profile_id.is_none() {
        c.missing(
            Code::MissingParameter,
            format!(
                "the {} endpoint requires \"messaging_profile_id\"",
                r.endpoint.as_str()
            ),
        );
    }
    let Some(from) = &r.from else {
        let pool = r.endpoint == Endpoint::NumberPool;
        if needs_from || (r.messaging_profile_id.is_none() && !pool) {
            c.missing(
                Code::MissingParameter,
                if needs_from {
                    format!("the {} endpoint requires \"from\"", r.endpoint.as_str())
                } else {
                    "\"from\" is required unless \"messaging_profile_id\" selects a number pool: give the sender's +E.164 number, short code or alphanumeric sender ID, or the profile".to_owned()
                },
            );
        }
        return (None, None);
    };
    let (report, address) = classify(c, "/from", from, AddressRole::From);
    let Some(address) = address else {
        return (Some(report), None);
    };
    let sender = SenderType::of(&address);
    match (&address, r.endpoint) {
        (Address::ShortCode { .. }, Endpoint::LongCode)
        | (Address::AlphanumericSenderId { .. }, Endpoint::LongCode) => c.warn(
            Code::InvalidFrom,
            "/from",
            "the long_code endpoint expects a +E.164 long code in \"from\"",
        ),
        (Address::E164 { .. } | Address::AlphanumericSenderId { .. }, Endpoint::ShortCode) => {
            c.warn(
                Code::InvalidFrom,
                "/from",
                "the short_code endpoint expects a 5–6 digit short code in \"from\"",
            )
        }
        (Address::E164 { .. } | Address::ShortCode { .. }, Endpoint::AlphanumericSender) => c
            .error(
                Code::InvalidSenderId,
                "/from",
                "the alphanumeric_sender endpoint needs an alphanumeric sender ID in \"from\" (1–11 letters, digits and spaces, with a letter)",
            ),
        _ => {}
    }
    if let Address::AlphanumericSenderId { id } = &address {
        if r.messaging_profile_id.is_none() && !needs_profile {
            c.missing(
                Code::MissingParameter,
                format!("an alphanumeric sender ID ({id:?}) needs \"messaging_profile_id\": the profile the ID is registered on"),
            );
        }
        if mms {
            c.error(
                Code::InvalidFromForMms,
                "/from",
                format!("an alphanumeric sender ID ({id:?}) cannot send MMS: send from a long code, toll-free number or MMS-enabled short code, or send as SMS"),
            );
        }
        let blocked = &c.policy.alphanumeric_blocked_regions;
        for t in to {
            if t.region.is_none() && t.country_code == Some(1) {
                c.warn(
                    Code::InvalidFrom,
                    "/from",
                    format!(
                        "{} is a +1 number that libphonenumber places in no region; if it is in {}, an alphanumeric sender ID cannot reach it",
                        t.input,
                        super::joined(blocked, ", ")
                    ),
                );
            }
            if let Some(region) = &t.region
                && blocked.iter().any(|b| b.eq_ignore_ascii_case(region))
            {
                let detail = format!(
                    "an alphanumeric sender ID cannot send to {} numbers ({} is in {region}): send from a long code, toll-free number or short code",
                    super::joined(blocked, ", "),
                    t.input
                );
                if c.policy.us_long_code_fallback {
                    c.warn(
                        Code::InvalidFrom,
                        "/from",
                        format!(
                            "{detail}; the profile's us_long_code_fallback will replace the sender"
                        ),
                    );
                } else {
                    c.error(Code::InvalidFrom, "/from", detail);
                }
            }
        }
    }
    (Some(report), Some(sender))
}

/// Media: count (40317), URLs (10003, P103), sizes (40317), destinations (P105).
fn media_rules(c: &mut Check, r: &MessageRequest, to: &[AddressReport]) {
    let urls = r.media_urls.as_deref().unwrap_or(&[]);
    let policy = c.policy;
    if urls.len() > policy.max_media {
        c.error(
            Code::InvalidMmsContent,
            "/media_urls",
            format!(
                "an MMS can carry at most {} media; this has {}: remove {}",
                policy.max_media,
                n(urls.len()),
                n(urls.len() - policy.max_media)
            ),
        );
    }
    for (i, url) in urls.iter().enumerate() {
        check_url(c, &format!("/media_urls/{i}"), "media URL", url);
    }
    if let Some(sizes) = &r.media_sizes {
        if sizes.len() != urls.len() {
            c.warn(
                Code::BodyNotice,
                "/media_sizes",
                format!(
                    "\"media_sizes\" has {} entries for {} media URLs: give one size per URL, in order",
                    n(sizes.len()),
                    n(urls.len())
                ),
            );
        }
        let total = sizes.iter().fold(0u64, |a, &b| a.saturating_add(b));
        let strict = policy.max_media_bytes;
        let lenient = policy.max_media_bytes_lenient;
        if total >= lenient {
            c.error(
                Code::InvalidMmsContent,
                "/media_sizes",
                format!(
                    "the media total {} bytes; an MMS must be under 1 MB ({} bytes even if 1 MB means 2^20): remove or shrink media (carriers deliver 600 KB safely)",
                    n(total),
                    n(lenient)
                ),
            );
        } else if total >= strict {
            c.warn(
                Code::InvalidMmsContent,
                "/media_sizes",
                format!(
                    "the media total {} bytes: under 1 MB if 1 MB is 2^20 = {} bytes, but not if it is 10^6 = {} (CONTESTED, standards.md §3.8); shrink below {} bytes to be safe",
                    n(total),
                    n(lenient),
                    n(strict),
                    n(strict)
                ),
            );
        }
    }
    for t in to {
        if let Some(region) = &t.region
            && !policy
                .mms_regions
                .iter()
                .any(|m| m.eq_ignore_ascii_case(region))
        {
            c.warn(
                Code::MmsRegion,
                &t.pointer,
                format!(
                    "MMS is delivered only to {} numbers (standards.md §3.8); {} is in {region}: send an SMS there",
                    super::joined(&policy.mms_regions, ", "),
                    t.input
                ),
            );
        }
    }
}

/// A media or webhook URL: at most 2,000 characters and a valid absolute http(s) URL
/// (10003); `http:` or a URL that is not strictly RFC 3986 earns a warning (P103).
fn check_url(c: &mut Check, pointer: &str, what: &str, url: &str) {
    let max = c.policy.max_url_chars;
    let len = url.chars().count();
    if len > max {
        c.error(
            Code::InvalidUrl,
            pointer,
            format!(
                "the {what} has {} characters; URLs can have at most {}: shorten it",
                n(len),
                n(max)
            ),
        );
        return;
    }
    let strict = fluent_uri::Uri::parse(url);
    // What WHATWG parsers (browsers, most HTTP clients) fix silently: characters RFC 3986
    // wants percent-encoded. A URL that parses once they are encoded is only a warning.
    let encoded;
    let (uri, lax) = match &strict {
        Ok(u) => (Some(*u), false),
        Err(_) => {
            encoded = percent_encode_lax(url);
            (fluent_uri::Uri::parse(encoded.as_str()).ok(), true)
        }
    };
    let Some(uri) = uri else {
        let reason = match &strict {
            Err(e) => e.to_string(),
            Ok(_) => String::new(),
        };
        c.error(
            Code::InvalidUrl,
            pointer,
            format!(
                "the {what} {url:?} is not a valid URL ({reason}): write an absolute https:// URL"
            ),
        );
        return;
    };
    let scheme = uri.scheme().as_str().to_ascii_lowercase();
    let host = uri.authority().map(|a| a.host().to_owned());
    if scheme != "https" && scheme != "http" {
        c.error(
            Code::InvalidUrl,
            pointer,
            format!("the {what} {url:?} uses {scheme}:, but the API fetches only http(s) URLs: use https://"),
        );
        return;
    }
    if host.as_deref().is_none_or(str::is_empty) {
        c.error(
            Code::InvalidUrl,
            pointer,
            format!("the {what} {url:?} has no host: write https://host/path"),
        );
        return;
    }
    if scheme == "http" {
        c.warn(
            Code::UrlAdvice,
            pointer,
            format!("the {what} {url:?} uses plain http: use https://, which Telnyx recommends and some carriers require"),
        );
    }
    if lax {
        c.warn(
            Code::UrlAdvice,
            pointer,
            format!("the {what} {url:?} has characters that RFC 3986 wants percent-encoded (spaces, quotes, non-ASCII…): most parsers encode them, but some refuse; encode them yourself"),
        );
    }
}

/// The URL as a WHATWG parser would send it: surrounding spaces trimmed, and the characters
/// RFC 3986 wants percent-encoded encoded (spaces, quotes, `< > \ ^ ` { | }`, non-ASCII, a `%`
/// without two hex digits, `[ ]` outside the host, and every `#` after the first).
fn percent_encode_lax(url: &str) -> String {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
    let authority_end = url
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| url[start..].find(['/', '?', '#']).map(|k| start + k))
        .unwrap_or(url.len());
    let mut out = String::with_capacity(url.len() + 16);
    let mut fragment = false;
    let b = url.as_bytes();
    for (i, c) in url.char_indices() {
        let hex = |k: usize| b.get(k).is_some_and(u8::is_ascii_hexdigit);
        let keep = match c {
            '%' => hex(i + 1) && hex(i + 2),
            '[' | ']' => i < authority_end,
            '#' => !std::mem::replace(&mut fragment, true),
            '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => false,
            c => c.is_ascii_graphic(),
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `send_at`: RFC 3339 and after `now`; required for the schedule endpoint.
fn schedule_rules(c: &mut Check, r: &MessageRequest, now: Timestamp) {
    let Some(s) = &r.send_at else {
        if r.endpoint == Endpoint::Schedule {
            c.missing(
                Code::MissingParameter,
                "the schedule endpoint requires \"send_at\": an RFC 3339 time in the future",
            );
        }
        return;
    };
    match Timestamp::parse(s) {
        Err(e) => c.error(Code::BadRequest, "/send_at", e.to_string()),
        Ok(t) if t <= now => {
            // Whole seconds, 0 or more, in a u64 (formatted without 128-bit code): it holds
            // every difference between years -292,000,000,000 and 292,000,000,000. A `now`
            // from `Timestamp::from_unix_nanos` can be far enough out for the nanoseconds'
            // difference itself to overflow: that is u64::MAX too.
            let secs = now
                .unix_nanos()
                .checked_sub(t.unix_nanos())
                .map_or(u64::MAX, |d| {
                    u64::try_from(d / 1_000_000_000).unwrap_or(u64::MAX)
                });
            c.error(
                Code::BadRequest,
                "/send_at",
                format!(
                    "\"send_at\" {s} is not in the future: it is {} before now ({}); give a later time, or leave \"send_at\" out to send at once",
                    if secs == 0 { "0 s (the same instant)".to_owned() } else { format!("{} s", n(secs)) },
                    now.to_rfc3339()
                ),
            );
        }
        Ok(_) => {}
    }
}
