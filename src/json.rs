//! JSON written by JavaScript: reads escaped lone surrogates (`"\uD800"`) the way
//! [`analyze_utf16`](crate::analyze_utf16) reads a JavaScript string, instead of refusing
//! the document.
//!
//! `JSON.stringify` escapes an unpaired surrogate as `\uD800` (ES2019 "well-formed
//! stringify"), so a JSON line from a browser can carry one. RFC 8259 §8.2 allows such a
//! string but says its behaviour is unpredictable, and `serde_json` refuses it ("lone leading
//! surrogate in hex escape"). A Rust `String` cannot hold one, so there are two ways in:
//!
//! - [`replace_lone_surrogates`] rewrites each unpaired escape as `\uFFFD` before parsing.
//!   The counts are then exactly those of `analyze_utf16` (U+FFFD is one UTF-16 unit and
//!   forces UCS-2, as the surrogate does); the number replaced tells the caller to warn.
//! - [`json_string_utf16`] decodes one raw JSON string literal (for example the text of a
//!   `serde_json::value::RawValue`, which does not decode escapes) into UTF-16 units, lone
//!   surrogates kept, for [`analyze_utf16`](crate::analyze_utf16) to flag each of them.
//!
//! Both run in one pass over the input, allocate only when they change or decode something,
//! and never panic.

use std::borrow::Cow;

/// The value of the four hex digits at `b[i..i + 4]`, if they are hex digits.
fn hex4(b: &[u8], i: usize) -> Option<u16> {
    let digits = b.get(i..i + 4)?;
    let mut v: u16 = 0;
    for &d in digits {
        let n = (d as char).to_digit(16)?;
        v = (v << 4) | n as u16;
    }
    Some(v)
}

fn is_high(u: u16) -> bool {
    (0xD800..=0xDBFF).contains(&u)
}

fn is_low(u: u16) -> bool {
    (0xDC00..=0xDFFF).contains(&u)
}

/// Rewrites every `\uXXXX` escape of an unpaired UTF-16 surrogate in a JSON document as
/// `\uFFFD`, and says how many it rewrote.
///
/// A high surrogate escape followed at once by a low surrogate escape is a pair and stays.
/// Everything else is left alone, malformed escapes included, so the JSON parser still
/// reports them with its own position. The result borrows the input when nothing changes.
///
/// ```
/// use sms_preflight::json::replace_lone_surrogates;
/// let (fixed, n) = replace_lone_surrogates(r#"{"text": "a\ud800b \ud83d\ude00"}"#);
/// assert_eq!((fixed.as_ref(), n), (r#"{"text": "a\uFFFDb \ud83d\ude00"}"#, 1));
/// let v: serde_json::Value = serde_json::from_str(&fixed).unwrap();
/// assert_eq!(v["text"], "a\u{FFFD}b 😀");
/// ```
pub fn replace_lone_surrogates(json: &str) -> (Cow<'_, str>, usize) {
    let b = json.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `json` already in `out`
    let mut replaced = 0;
    let mut i = 0;
    while let Some(k) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'\\')) {
        i += k;
        if b.get(i + 1) != Some(&b'u') {
            i += 2; // a two-byte escape (or a trailing backslash): skip it whole
            continue;
        }
        let Some(u) = hex4(b, i + 2) else {
            i += 2;
            continue;
        };
        if is_high(u)
            && b.get(i + 6) == Some(&b'\\')
            && b.get(i + 7) == Some(&b'u')
            && hex4(b, i + 8).is_some_and(is_low)
        {
            i += 12;
            continue;
        }
        if is_high(u) || is_low(u) {
            let o = out.get_or_insert_with(|| String::with_capacity(json.len()));
            o.push_str(&json[copied..i]);
            o.push_str("\\uFFFD");
            copied = i + 6;
            replaced += 1;
        }
        i += 6;
    }
    match out {
        None => (Cow::Borrowed(json), 0),
        Some(mut o) => {
            o.push_str(&json[copied..]);
            (Cow::Owned(o), replaced)
        }
    }
}

/// Why [`json_string_utf16`] could not decode its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonStringError {
    /// The input is not a JSON string literal: it must start and end with `"`.
    #[error("expected a JSON string in double quotes")]
    NotAString,
    /// A backslash escape that JSON does not define, or `\u` without four hex digits.
    #[error(
        "invalid escape at byte {offset} of the JSON string: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"
    )]
    BadEscape {
        /// Byte offset of the backslash in the literal.
        offset: usize,
    },
    /// An unescaped `"` or control character (below U+0020) inside the string.
    #[error("unescaped {what} at byte {offset} of the JSON string")]
    Unescaped {
        /// What was found: "quote" or "control character".
        what: &'static str,
        /// Its byte offset in the literal.
        offset: usize,
    },
}

/// Decodes one JSON string literal, quotes included, into UTF-16 code units, keeping
/// escaped lone surrogates as they are (a `String` cannot hold them; UTF-16 can).
///
/// ```
/// use sms_preflight::{analyze_utf16, json::json_string_utf16, Options};
/// let units = json_string_utf16(r#""Hi \ud800!""#)?;
/// assert_eq!(units, [0x48, 0x69, 0x20, 0xD800, 0x21]);
/// let mut buf = String::new();
/// let a = analyze_utf16(&units, &mut buf, &Options::default()).unwrap();
/// assert!(a.non_gsm[0].lone_surrogate);
/// # Ok::<(), sms_preflight::json::JsonStringError>(())
/// ```
pub fn json_string_utf16(literal: &str) -> Result<Vec<u16>, JsonStringError> {
    let b = literal.as_bytes();
    if b.len() < 2 || b[0] != b'"' || b[b.len() - 1] != b'"' {
        return Err(JsonStringError::NotAString);
    }
    let inner = &literal[1..literal.len() - 1];
    let mut out = Vec::with_capacity(inner.len());
    let mut rest = inner;
    let mut base = 1; // offset of `rest` in `literal`
    while let Some(k) = rest.find(|c: char| c == '\\' || c == '"' || c < ' ') {
        out.extend(rest[..k].encode_utf16());
        let rb = rest.as_bytes();
        let offset = base + k;
        let step = match rb[k] {
            b'"' => {
                return Err(JsonStringError::Unescaped {
                    what: "quote",
                    offset,
                });
            }
            b'\\' => match rb.get(k + 1) {
                Some(b'"') => (0x22, 2),
                Some(b'\\') => (0x5C, 2),
                Some(b'/') => (0x2F, 2),
                Some(b'b') => (0x08, 2),
                Some(b'f') => (0x0C, 2),
                Some(b'n') => (0x0A, 2),
                Some(b'r') => (0x0D, 2),
                Some(b't') => (0x09, 2),
                Some(b'u') => match hex4(rb, k + 2) {
                    Some(u) => (u, 6),
                    None => return Err(JsonStringError::BadEscape { offset }),
                },
                _ => return Err(JsonStringError::BadEscape { offset }),
            },
            _ => {
                return Err(JsonStringError::Unescaped {
                    what: "control character",
                    offset,
                });
            }
        };
        out.push(step.0);
        rest = &rest[k + step.1..];
        base += k + step.1;
    }
    out.extend(rest.encode_utf16());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_unpaired() {
        let cases = [
            (r#""\ud800""#, r#""\uFFFD""#, 1),
            (r#""\udc00\ud800""#, r#""\uFFFD\uFFFD""#, 2),
            (r#""\ud83d\ude00""#, r#""\ud83d\ude00""#, 0),
            (r#""\ud83d\u0041""#, r#""\uFFFD\u0041""#, 1),
            (r#""\\ud800""#, r#""\\ud800""#, 0), // an escaped backslash, then text
            (r#""\\\ud800""#, r#""\\\uFFFD""#, 1),
            (r#""\ud8""#, r#""\ud8""#, 0), // malformed: left for the parser
            ("\"\\", "\"\\", 0),
            (r#""\uD83D""#, r#""\uFFFD""#, 1),
        ];
        for (input, want, n) in cases {
            let (got, k) = replace_lone_surrogates(input);
            assert_eq!((got.as_ref(), k), (want, n), "{input}");
        }
        assert!(matches!(replace_lone_surrogates("{}").0, Cow::Borrowed(_)));
    }

    #[test]
    fn decodes_literals() {
        assert_eq!(json_string_utf16(r#""""#), Ok(vec![]));
        assert_eq!(
            json_string_utf16(r#""a\n\"\u00e9😀\udc00""#),
            Ok(vec![0x61, 0x0A, 0x22, 0xE9, 0xD83D, 0xDE00, 0xDC00])
        );
        assert_eq!(
            json_string_utf16(r#""a\x""#),
            Err(JsonStringError::BadEscape { offset: 2 })
        );
        assert_eq!(
            json_string_utf16(r#""\u12""#),
            Err(JsonStringError::BadEscape { offset: 1 })
        );
        assert_eq!(json_string_utf16("x"), Err(JsonStringError::NotAString));
        assert_eq!(json_string_utf16("\""), Err(JsonStringError::NotAString));
        assert!(matches!(
            json_string_utf16("\"a\"b\""),
            Err(JsonStringError::Unescaped { what: "quote", .. })
        ));
        assert!(matches!(
            json_string_utf16("\"a\tb\""),
            Err(JsonStringError::Unescaped { .. })
        ));
    }

    #[test]
    fn matches_serde_json_on_valid_strings() {
        for s in ["plain", "tab\tnl\n", "é€😀", "\u{7f}\u{1f}", "\"\\/"] {
            let lit = serde_json::to_string(s).unwrap();
            let units = json_string_utf16(&lit).unwrap();
            assert_eq!(String::from_utf16(&units).unwrap(), s);
        }
    }
}
