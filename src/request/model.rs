//! The send-message body of Telnyx's `POST /v2/messages` (and its variants) as a serde
//! model, and a parser that says where a body goes wrong.
//!
//! The field names are exactly the API's (standards.md §3.3). Bodies that Telnyx's official
//! TypeScript SDK (npm `telnyx` 7.24.0) builds parse: `MessageSendParams` and the long-code,
//! number-pool, short-code, group-MMS, schedule and alphanumeric-sender variants, which differ
//! only in which fields they require ([`Endpoint`]) and in `to` being a list for group MMS.

use serde::{Deserialize, Serialize};

use super::error::{ApiError, Code, ParseError};
use super::value::{Value, child};
use crate::EncodingRequest;

/// `type`: SMS or MMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MessageType {
    /// A text message, split into parts.
    #[serde(rename = "SMS")]
    Sms,
    /// A multimedia message: media and/or text, not split into parts.
    #[serde(rename = "MMS")]
    Mms,
}

impl MessageType {
    /// `"SMS"` or `"MMS"`.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageType::Sms => "SMS",
            MessageType::Mms => "MMS",
        }
    }
}

/// `to`: one address, or a list of them for group MMS.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Recipients {
    /// One recipient (`POST /v2/messages` and every variant but group MMS).
    One(String),
    /// Several recipients (`POST /v2/messages/group_mms`, at most 8).
    Many(Vec<String>),
}

impl Recipients {
    /// The addresses, in order.
    pub fn as_slice(&self) -> &[String] {
        match self {
            Recipients::One(s) => std::slice::from_ref(s),
            Recipients::Many(v) => v,
        }
    }
}

/// Which of the API's send endpoints the body is for. They take the same body; each makes
/// other fields required (Telnyx SDK 7.24.0, `resources/messages/messages.d.ts`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Endpoint {
    /// `POST /v2/messages` (`MessageSendParams`): `to` required; `from` may be left out when
    /// `messaging_profile_id` selects a number pool.
    #[default]
    Send,
    /// `POST /v2/messages/long_code`: `from` and `to` required.
    LongCode,
    /// `POST /v2/messages/number_pool`: `messaging_profile_id` and `to` required.
    NumberPool,
    /// `POST /v2/messages/short_code`: `from` and `to` required.
    ShortCode,
    /// `POST /v2/messages/group_mms`: `from` and a list `to` (at most 8) required; always MMS.
    GroupMms,
    /// `POST /v2/messages/schedule`: as `Send`, with `send_at`.
    Schedule,
    /// `POST /v2/messages/alphanumeric_sender_id`: `from`, `messaging_profile_id`, `text` and
    /// `to` required.
    AlphanumericSender,
}

impl Endpoint {
    /// The snake_case name (`send`, `long_code`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Send => "send",
            Endpoint::LongCode => "long_code",
            Endpoint::NumberPool => "number_pool",
            Endpoint::ShortCode => "short_code",
            Endpoint::GroupMms => "group_mms",
            Endpoint::Schedule => "schedule",
            Endpoint::AlphanumericSender => "alphanumeric_sender",
        }
    }
}

impl std::str::FromStr for Endpoint {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        Ok(match s.to_ascii_lowercase().replace('-', "_").as_str() {
            "send" | "messages" => Endpoint::Send,
            "long_code" => Endpoint::LongCode,
            "number_pool" => Endpoint::NumberPool,
            "short_code" => Endpoint::ShortCode,
            "group_mms" => Endpoint::GroupMms,
            "schedule" => Endpoint::Schedule,
            "alphanumeric_sender" | "alphanumeric_sender_id" => Endpoint::AlphanumericSender,
            _ => {
                return Err(crate::Error::InvalidOption {
                    option: "endpoint",
                    value: s.chars().take(40).collect(),
                    expected: "send, long_code, number_pool, short_code, group_mms, schedule or alphanumeric_sender",
                });
            }
        })
    }
}

/// A send-message request body, with the API's field names (standards.md §3.3).
///
/// Every field is optional here, even those the API requires, so that a body missing one
/// still parses and [`validate`](super::validate) can say which is missing. `null` is read
/// as absent, as the SDK's nullable fields (`send_at`, the webhook URLs) need.
///
/// ```
/// use sms_preflight::request::{MessageRequest, MessageType};
///
/// let parsed = MessageRequest::from_json(r#"{"from": "+15550001111", "to": "+14155552671",
///     "text": "Hi", "type": "SMS", "send_at": null, "mediaUrls": []}"#)?;
/// assert_eq!(parsed.request.text.as_deref(), Some("Hi"));
/// assert_eq!(parsed.request.r#type, Some(MessageType::Sms));
/// // An unknown field is a warning that names it (and the field it resembles).
/// assert!(parsed.warnings[0].detail.contains("media_urls"));
/// # Ok::<(), sms_preflight::request::ParseError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct MessageRequest {
    /// The sender: +E.164 number, short code or alphanumeric sender ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The recipient(s): +E.164 number or short code; a list for group MMS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Recipients>,
    /// The message text; required for SMS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// MMS subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// MMS media URLs; their presence (even empty) makes the message an MMS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_urls: Option<Vec<String>>,
    /// `SMS` or `MMS`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<MessageType>,
    /// `auto` (default), `gsm7` or `ucs2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<EncodingRequest>,
    /// Refuse an SMS that exceeds the recommended number of parts (40328).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_detect: Option<bool>,
    /// The messaging profile; selects a number pool when `from` is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messaging_profile_id: Option<String>,
    /// When to send, RFC 3339 (the schedule endpoint).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_at: Option<String>,
    /// Webhook URL for delivery updates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Fallback webhook URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_failover_url: Option<String>,
    /// Use the profile's webhooks instead of the URLs above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_profile_webhooks: Option<bool>,
    /// **Not a Telnyx field**: the sizes in bytes of the media at `media_urls`, in the same
    /// order, when the caller knows them (the crate never fetches a URL). Remove it before
    /// sending; the validator checks the total against the MMS size limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_sizes: Option<Vec<u64>>,
    /// Which endpoint the body is for (not a body field: the path).
    #[serde(skip)]
    pub endpoint: Endpoint,
    /// Unpaired UTF-16 surrogates that were read as U+FFFD in the JSON (see
    /// [`crate::json`]); not a body field.
    #[serde(skip)]
    pub lone_surrogates: usize,
}

/// A parsed body and what the parser noticed: unknown fields, duplicate keys, lone
/// surrogates. Each warning is an [`ApiError`] with the field's pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Parsed {
    /// The request.
    pub request: MessageRequest,
    /// What the parser noticed; none of it stops the request.
    pub warnings: Vec<ApiError>,
}

/// The body's field names, for unknown-field suggestions.
const FIELDS: [&str; 14] = [
    "from",
    "to",
    "text",
    "subject",
    "media_urls",
    "type",
    "encoding",
    "auto_detect",
    "messaging_profile_id",
    "send_at",
    "webhook_url",
    "webhook_failover_url",
    "use_profile_webhooks",
    "media_sizes",
];

fn wrong(pointer: &str, expected: &'static str, v: &Value) -> ParseError {
    ParseError::WrongType {
        pointer: pointer.to_owned(),
        expected,
        found: v.type_name(),
    }
}

fn string(pointer: &str, expected: &'static str, v: Value) -> Result<Option<String>, ParseError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        v => Err(wrong(pointer, expected, &v)),
    }
}

fn boolean(pointer: &str, v: Value) -> Result<Option<bool>, ParseError> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        v => Err(wrong(pointer, "true or false", &v)),
    }
}

fn string_list(pointer: &str, expected: &'static str, v: Value) -> Result<Vec<String>, ParseError> {
    let Value::Array(items) = v else {
        return Err(wrong(pointer, expected, &v));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Value::String(s) => out.push(s),
            item => return Err(wrong(&format!("{pointer}/{i}"), "a string", &item)),
        }
    }
    Ok(out)
}

/// The known field a misspelt key stands for: the same name in camelCase or another case,
/// or one edit away.
///
/// Case is folded in ASCII only: every field name is ASCII, and `char::to_lowercase` would
/// put the standard library's Unicode case table (about 11 KB) into the `.wasm` for the sake
/// of one character, the Kelvin sign (U+212A), whose lower case is `k`.
fn resembles(key: &str) -> Option<&'static str> {
    let folded: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    FIELDS
        .into_iter()
        .find(|f| f.replace('_', "") == folded)
        .or_else(|| FIELDS.into_iter().find(|f| one_edit(f, key)))
}

fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 || a.len() > 40 || b.len() > 40 {
        return false;
    }
    let mut i = 0;
    while i < a.len() && i < b.len() && a[i] == b[i] {
        i += 1;
    }
    let (mut j, mut k) = (a.len(), b.len());
    while j > i && k > i && a[j - 1] == b[k - 1] {
        j -= 1;
        k -= 1;
    }
    j - i <= 1 && k - i <= 1
}

impl MessageRequest {
    /// Parses a JSON body for `POST /v2/messages` ([`Endpoint::Send`]).
    ///
    /// Never panics. Malformed JSON, nesting deeper than 128 levels, a body that is not an
    /// object, a field of the wrong type (`"to": 14155552671`) or a value outside its set
    /// (`"type": "sms"`) is a [`ParseError`] with the field's JSON pointer. Unknown fields,
    /// duplicate keys and escaped lone surrogates (read as U+FFFD, see [`crate::json`]) are
    /// warnings.
    pub fn from_json(json: &str) -> Result<Parsed, ParseError> {
        Self::from_json_for(json, Endpoint::Send)
    }

    /// [`MessageRequest::from_json`] for another endpoint.
    pub fn from_json_for(json: &str, endpoint: Endpoint) -> Result<Parsed, ParseError> {
        Self::from_json_with(json, endpoint, Value::parse)
    }

    /// [`MessageRequest::from_json_for`] with another JSON parser: `parse` reads the document
    /// (after escaped lone surrogates were rewritten as `\uFFFD`, see [`crate::json`]) or
    /// says why it cannot. The npm package passes JavaScript's `JSON.parse`. The result is
    /// that of [`MessageRequest::from_json_for`] whenever `parse` reads what
    /// [`JsonValue::parse`](super::JsonValue::parse) reads.
    pub fn from_json_with(
        json: &str,
        endpoint: Endpoint,
        parse: impl FnOnce(&str) -> Result<Value, String>,
    ) -> Result<Parsed, ParseError> {
        let (json, lone_surrogates) = crate::json::replace_lone_surrogates(json);
        // One pass, in document order, duplicate keys kept.
        let entries = match parse(&json) {
            Ok(Value::Object(entries)) => entries,
            Ok(v) => {
                return Err(ParseError::NotAnObject {
                    found: v.type_name(),
                });
            }
            Err(message) => return Err(ParseError::Syntax { message }),
        };
        let mut request = MessageRequest {
            endpoint,
            lone_surrogates,
            ..MessageRequest::default()
        };
        let mut warnings = Vec::new();
        let mut seen: Vec<&'static str> = Vec::new();
        for (key, v) in entries {
            let p = child("", &key);
            let Some(field) = FIELDS.into_iter().find(|f| *f == key) else {
                let hint = match resembles(&key) {
                    Some(f) => format!(" Did you mean \"{f}\"?"),
                    None => String::new(),
                };
                warnings.push(ApiError::new(
                    Code::BodyNotice,
                    format!(
                        "unknown field \"{}\": the API does not define it and ignores or refuses it; remove it.{hint}",
                        key.chars().take(60).collect::<String>()
                    ),
                    Some(&p),
                ));
                continue;
            };
            if seen.contains(&field) {
                warnings.push(ApiError::new(
                    Code::BodyNotice,
                    format!("\"{field}\" appears more than once; this check reads the last one, as most JSON parsers do, but a server may read the first: keep one"),
                    Some(&p),
                ));
            } else {
                seen.push(field);
            }
            const ADDR: &str = "a string: +E.164 number, short code or alphanumeric sender ID";
            match field {
                "from" => request.from = string(&p, ADDR, v)?,
                "to" => {
                    request.to = match v {
                        Value::Null => None,
                        Value::String(s) => Some(Recipients::One(s)),
                        Value::Array(_) => Some(Recipients::Many(string_list(
                            &p,
                            "a string (+E.164 number or short code), or a list of them for group MMS",
                            v,
                        )?)),
                        v => {
                            return Err(wrong(
                                &p,
                                "a string (+E.164 number or short code, quoted: \"+14155552671\"), or a list of them for group MMS",
                                &v,
                            ));
                        }
                    }
                }
                "text" => request.text = string(&p, "a string", v)?,
                "subject" => request.subject = string(&p, "a string", v)?,
                "media_urls" => {
                    request.media_urls = match v {
                        Value::Null => None,
                        v => Some(string_list(&p, "a list of URL strings", v)?),
                    }
                }
                "type" => {
                    request.r#type = match string(&p, "\"SMS\" or \"MMS\"", v)? {
                        None => None,
                        Some(s) => Some(match s.as_str() {
                            "SMS" => MessageType::Sms,
                            "MMS" => MessageType::Mms,
                            _ => {
                                return Err(ParseError::BadValue {
                                    pointer: p,
                                    value: s.chars().take(40).collect(),
                                    expected: "\"SMS\" or \"MMS\" (upper case)",
                                });
                            }
                        }),
                    }
                }
                "encoding" => {
                    request.encoding = match string(&p, "\"auto\", \"gsm7\" or \"ucs2\"", v)? {
                        None => None,
                        Some(s) => Some(match s.as_str() {
                            "auto" => EncodingRequest::Auto,
                            "gsm7" => EncodingRequest::Gsm7,
                            "ucs2" => EncodingRequest::Ucs2,
                            _ => {
                                return Err(ParseError::BadValue {
                                    pointer: p,
                                    value: s.chars().take(40).collect(),
                                    expected: "\"auto\", \"gsm7\" or \"ucs2\"",
                                });
                            }
                        }),
                    }
                }
                "auto_detect" => request.auto_detect = boolean(&p, v)?,
                "messaging_profile_id" => {
                    request.messaging_profile_id = string(&p, "a string (a profile ID)", v)?
                }
                "send_at" => {
                    request.send_at = string(
                        &p,
                        "an RFC 3339 time string such as \"2026-12-24T09:00:00Z\"",
                        v,
                    )?
                }
                "webhook_url" => request.webhook_url = string(&p, "a URL string", v)?,
                "webhook_failover_url" => {
                    request.webhook_failover_url = string(&p, "a URL string", v)?
                }
                "use_profile_webhooks" => request.use_profile_webhooks = boolean(&p, v)?,
                "media_sizes" => {
                    request.media_sizes = match v {
                        Value::Null => None,
                        Value::Array(items) => {
                            let mut out = Vec::with_capacity(items.len());
                            for (i, item) in items.into_iter().enumerate() {
                                match item.as_u64() {
                                    Some(n) => out.push(n),
                                    None => {
                                        return Err(wrong(
                                            &format!("{p}/{i}"),
                                            "a whole number of bytes",
                                            &item,
                                        ));
                                    }
                                }
                            }
                            Some(out)
                        }
                        v => return Err(wrong(&p, "a list of sizes in bytes", &v)),
                    }
                }
                // Every name in FIELDS has an arm above.
                _ => {}
            }
        }
        if lone_surrogates > 0 {
            warnings.push(ApiError::new(
                Code::BodyNotice,
                format!(
                    "the body has {lone_surrogates} unpaired UTF-16 surrogate escape{} (such as \\ud800, from a JavaScript string cut in the middle of an emoji); each was read as U+FFFD, which forces UCS-2: fix the text before sending",
                    if lone_surrogates == 1 { "" } else { "s" }
                ),
                None,
            ));
        }
        Ok(Parsed { request, warnings })
    }

    /// Whether the request is an MMS: `type` is MMS, `media_urls` is present (even empty),
    /// or it is for the group MMS endpoint (standards.md §3.3). A list `to` on another
    /// endpoint does not make an MMS: [`validate`](super::validate) refuses it.
    pub fn is_mms(&self) -> bool {
        self.r#type == Some(MessageType::Mms)
            || self.media_urls.is_some()
            || self.endpoint == Endpoint::GroupMms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Parsed, ParseError> {
        MessageRequest::from_json(s)
    }

    #[test]
    fn sdk_shapes_parse() {
        let p = parse(r#"{"to":"+14155552671","from":"+15550001111","text":"Hi","type":"SMS","encoding":"gsm7","auto_detect":true,"messaging_profile_id":"abc","send_at":null,"subject":"s","media_urls":["https://x.test/a.png"],"webhook_url":"https://h.test","webhook_failover_url":null,"use_profile_webhooks":false}"#).unwrap();
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        let r = p.request;
        assert_eq!(r.encoding, Some(EncodingRequest::Gsm7));
        assert_eq!(r.auto_detect, Some(true));
        assert_eq!(r.send_at, None);
        assert_eq!(r.webhook_failover_url, None);
        let p = parse(r#"{"from":"+15550001111","to":["+14155552671","+14155552672"],"text":"x"}"#)
            .unwrap();
        assert_eq!(p.request.to.unwrap().as_slice().len(), 2);
    }

    #[test]
    fn errors_have_pointers() {
        let e = parse(r#"{"to": 14155552671}"#).unwrap_err();
        assert_eq!(e.pointer(), Some("/to"));
        assert!(e.to_string().contains("quoted"), "{e}");
        let e = parse(r#"{"media_urls": ["https://a", 3]}"#).unwrap_err();
        assert_eq!(e.pointer(), Some("/media_urls/1"));
        let e = parse(r#"{"type": "sms"}"#).unwrap_err();
        assert_eq!(e.kind(), "bad_value");
        assert_eq!(parse("[1]").unwrap_err().kind(), "not_an_object");
        for (doc, found) in [
            ("null", "null"),
            ("true", "a boolean"),
            ("-3", "a number"),
            ("7", "a number"),
            ("1.5", "a number"),
            (r#""x""#, "a string"),
            ("[]", "an array"),
        ] {
            assert_eq!(
                parse(doc).unwrap_err(),
                ParseError::NotAnObject { found },
                "{doc}"
            );
        }
        for doc in ["[1,", "1.5 x", "\"x", "nul"] {
            assert_eq!(parse(doc).unwrap_err().kind(), "syntax", "{doc}");
        }
        assert_eq!(parse("{").unwrap_err().kind(), "syntax");
        assert_eq!(parse("{} x").unwrap_err().kind(), "syntax");
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().kind(), "syntax");
        let deep = r#"{"text": "#.to_owned() + &"[".repeat(10_000) + &"]".repeat(10_000) + "}";
        assert_eq!(parse(&deep).unwrap_err().kind(), "syntax");
        // serde_json's limit: 127 levels, the body's own included (the npm package's reader
        // follows it: test/request.test.js).
        let nested = |n: usize| format!(r#"{{"x": {}1{}}}"#, "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(126)).is_ok());
        assert_eq!(parse(&nested(127)).unwrap_err().kind(), "syntax");
        assert_eq!(
            parse(r#"{"a/b~": 1}"#).unwrap().warnings[0].pointer(),
            Some("/a~1b~0")
        );
    }

    #[test]
    fn warnings_for_unknown_duplicate_and_lone() {
        let p = parse(r#"{"text": "a", "text": "b\ud800", "mediaUrls": [], "tx": 1}"#).unwrap();
        assert_eq!(p.request.text.as_deref(), Some("b\u{FFFD}"));
        assert_eq!(p.request.lone_surrogates, 1);
        let details: Vec<&str> = p.warnings.iter().map(|w| w.detail.as_str()).collect();
        assert!(details[0].contains("more than once"), "{details:?}");
        assert!(details[1].contains("media_urls"), "{details:?}");
        assert!(details[2].contains("\"to\""), "{details:?}");
        assert!(details[3].contains("surrogate"), "{details:?}");
    }

    #[test]
    fn suggestions_fold_ascii_case() {
        assert_eq!(resembles("WebhookURL"), Some("webhook_url"));
        assert_eq!(resembles("MEDIA-URLS"), Some("media_urls"));
        assert_eq!(
            resembles("messagingProfileId"),
            Some("messaging_profile_id")
        );
        assert_eq!(resembles("sendat"), Some("send_at"));
        assert_eq!(resembles("txt"), Some("text"));
        assert_eq!(resembles("zzz"), None);
        // Only ASCII is folded: the Kelvin sign (U+212A) is not read as `k`.
        assert_eq!(resembles("WEBHOO\u{212A}URL"), None);
    }

    #[test]
    fn mms_detection() {
        assert!(parse(r#"{"media_urls": []}"#).unwrap().request.is_mms());
        assert!(parse(r#"{"type": "MMS"}"#).unwrap().request.is_mms());
        assert!(!parse(r#"{"text": "x"}"#).unwrap().request.is_mms());
    }
}
