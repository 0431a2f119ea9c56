//! Checks a whole send request offline, as Telnyx's `POST /v2/messages` would, and answers
//! in the API's own error shape.
//!
//! [`validate`] takes a [`MessageRequest`], a [`Policy`] (the limits, each citing
//! standards.md) and the caller's `now` (the crate reads no clock), and returns a
//! [`Report`]: the [`ApiError`]s the API would return, warnings in the same shape, and the
//! figures of the API's response (`type`, `encoding`, `parts`, `num_chars`,
//! `smart_encoding_applied`, `cost`, `cost_breakdown`) with the sender and recipients
//! classified.
//!
//! **Never a false rejection.** An error means the API surely refuses the request. Where the
//! sources disagree (standards.md marks them CONTESTED), the check errs only when every
//! reading refuses, and warns otherwise, giving both figures:
//!
//! - the parts are billed on Telnyx's conservative charset (no `€`) with grapheme splitting;
//!   40302 needs the lenient reading (the full 3GPP set, code point splitting, and Telnyx's
//!   documented `⌈units / 153⌉`) to exceed 10 parts too;
//! - the MMS size limit is "less than 1 MB": 40317 from 2^20 bytes, a warning from 10^6;
//! - 40328 (`auto_detect`) has no published threshold: a warning above 4 parts by default.
//!
//! ```
//! use sms_preflight::request::{validate_json, Policy, Timestamp};
//!
//! let now = Timestamp::parse("2026-12-01T12:00:00Z").unwrap();
//! let body = format!(r#"{{"from": "+12025550123", "to": "+14155552671", "text": "{}"}}"#,
//!                    "a".repeat(1612));
//! let report = validate_json(&body, &Policy::telnyx(), now)?;
//! assert!(!report.valid);
//! let e = &report.errors[0];
//! assert_eq!((e.code.as_str(), e.title.as_str(), e.pointer()), ("40302", "Message too large", Some("/text")));
//! assert_eq!(e.detail, "needs 11 parts (1,612 septets in GSM-7); the maximum is 10: remove at least 82 characters or send as MMS");
//! assert_eq!(report.parts, 11);
//! # Ok::<(), sms_preflight::request::ParseError>(())
//! ```

mod error;
mod model;
mod policy;
mod read;
mod rules;
mod value;

pub use error::{ApiError, Code, ParseError, Source};
pub use model::{Endpoint, MessageRequest, MessageType, Parsed, Recipients};
pub use policy::{Policy, Timestamp, TimestampError};
pub use read::ReadError;
pub use rules::{
    AddressReport, Report, TextReading, billed_parts, validate, validate_json, validate_json_for,
    validate_json_with,
};
pub use value::{Number as JsonNumber, Value as JsonValue};

/// `items` separated by `sep`, for messages: `[T]::join` is generic code compiled once per
/// element and separator type (1 KB of the npm package's full `.wasm`, 0.1 KB gzip).
fn joined<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}
