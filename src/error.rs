//! Typed errors. Every message says what was wrong and what to do about it.

use std::fmt::Write as _;

use crate::{Charset, NonGsmChar};

/// Everything that can go wrong in the text functions of this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `encoding: gsm7` was requested, but the text has characters outside the charset.
    #[error("{}", not_gsm7_message(*.charset, .chars))]
    NotGsm7 {
        /// The charset the text was checked against.
        charset: Charset,
        /// Every offending character, in text order, with its offsets.
        chars: Vec<NonGsmChar>,
    },
    /// An option was given a value it does not take (from a CLI flag or a JSON field).
    #[error("invalid {option} {}: expected {expected}", quoted(.value))]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// The value given (at most 40 characters of it).
        value: String,
        /// The values it takes.
        expected: &'static str,
    },
    /// Options that cannot go together (see [`Options::validate`](crate::Options::validate)).
    #[error("conflicting options: {reason}")]
    ConflictingOptions {
        /// What conflicts, and why.
        reason: String,
    },
    /// Smart encoding removed every character of a non-empty text (it held only characters
    /// that the map removes, such as U+200B ZERO WIDTH SPACE). Telnyx rejects such a message
    /// with a `400`: a message cannot be empty after the transformation.
    #[error("{}", empty_after_smart_message(*.removed, .chars))]
    EmptyAfterSmartEncoding {
        /// How many characters were removed (all of them).
        removed: usize,
        /// The distinct characters removed, in text order.
        chars: Vec<char>,
    },
}

impl Error {
    /// Whether the error is about the options rather than the text: a caller should fix its
    /// configuration, not the message.
    pub fn is_configuration(&self) -> bool {
        matches!(
            self,
            Error::InvalidOption { .. } | Error::ConflictingOptions { .. }
        )
    }

    /// A stable, machine-readable name for the error (`not_gsm7`, `invalid_option`,
    /// `conflicting_options`, `empty_after_smart_encoding`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotGsm7 { .. } => "not_gsm7",
            Error::InvalidOption { .. } => "invalid_option",
            Error::ConflictingOptions { .. } => "conflicting_options",
            Error::EmptyAfterSmartEncoding { .. } => "empty_after_smart_encoding",
        }
    }
}

/// Serialized as `{"kind": "...", "message": "..."}`, plus the characters at fault where
/// there are some: `chars` (each with its offsets) for `not_gsm7`, `removed` and `chars` for
/// `empty_after_smart_encoding`.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", self.kind())?;
        m.serialize_entry("message", &self.to_string())?;
        match self {
            Error::NotGsm7 { charset, chars } => {
                m.serialize_entry("charset", charset)?;
                m.serialize_entry("chars", chars)?;
            }
            Error::EmptyAfterSmartEncoding { removed, chars } => {
                m.serialize_entry("removed", removed)?;
                m.serialize_entry("chars", chars)?;
            }
            Error::InvalidOption { .. } | Error::ConflictingOptions { .. } => {}
        }
        m.end()
    }
}

/// `s` in double quotes, with `"`, `\\`, NUL, line breaks, tabs and the characters that show
/// nothing (see [`is_invisible`](crate::analysis::is_invisible)) escaped (`\n`, `\0`,
/// `\u{200b}`), so that a message shows exactly what was given. For those characters it
/// writes what `{:?}` writes, and it escapes a few invisible ones that `{:?}` leaves as they
/// are (no-break space, soft hyphen); unlike `{:?}` it leaves combining marks and unassigned
/// code points unescaped. `{:?}` brings the standard library's escaping code and tables of
/// printable characters into the WebAssembly build: quoting here and in the bindings, with
/// one `&str` pattern search gone, took the main `.wasm` from 44,138 to 42,915 bytes gzip.
pub(crate) fn quoted(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => q.push_str("\\r"),
            '\t' => q.push_str("\\t"),
            '\0' => q.push_str("\\0"),
            ' ' => q.push(' '),
            c if crate::analysis::is_invisible(c) => {
                let _ = write!(q, "\\u{{{:x}}}", u32::from(c));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

fn empty_after_smart_message(removed: usize, chars: &[char]) -> String {
    const SHOWN: usize = 8;
    let mut list = String::new();
    for (i, c) in chars.iter().take(SHOWN).enumerate() {
        if i > 0 {
            list.push_str(", ");
        }
        let _ = write!(list, "U+{:04X}", u32::from(*c));
    }
    if chars.len() > SHOWN {
        let _ = write!(list, " and {} more", chars.len() - SHOWN);
    }
    let what = if removed == 1 {
        format!("its only character, {list}, is one that smart encoding removes")
    } else {
        format!("all {removed} of its characters are ones that smart encoding removes ({list})")
    };
    format!(
        "the text is empty after smart encoding: {what}; add visible text, or turn smart \
         encoding off (with encoding auto) or send with encoding ucs2, which skips it"
    )
}

fn not_gsm7_message(charset: Charset, chars: &[NonGsmChar]) -> String {
    const SHOWN: usize = 8;
    let mut m = format!(
        "the text cannot be sent as GSM-7: {} character{} outside {}: ",
        chars.len(),
        if chars.len() == 1 { " is" } else { "s are" },
        charset.describe()
    );
    for (i, c) in chars.iter().take(SHOWN).enumerate() {
        if i > 0 {
            m.push_str(", ");
        }
        let _ = write!(m, "{} at byte {}", c.describe(), c.utf8);
    }
    if chars.len() > SHOWN {
        let _ = write!(m, " and {} more", chars.len() - SHOWN);
    }
    m.push_str(if chars.len() == 1 {
        "; replace or remove it"
    } else {
        "; replace or remove them"
    });
    m.push_str(", or send with encoding auto or ucs2");
    m
}

#[cfg(test)]
mod tests {
    use super::quoted;

    /// `quoted` writes what `{:?}` writes for the strings our messages quote: plain text,
    /// quotes and backslashes, line breaks and tabs, and the invisible characters.
    #[test]
    fn quoted_matches_debug_where_it_matters() {
        for s in [
            "telnyx",
            "",
            "a \"b\" \\c",
            "x\ny\r\tz",
            "zero\u{200B}width\u{FEFF}",
            "       ",
            "é😀…",
            "nul\0",
        ] {
            assert_eq!(quoted(s), format!("{s:?}"), "{s:?}");
        }
        // Invisible characters that Debug prints as they are are escaped here.
        assert_eq!(quoted("\u{A0}\u{AD}"), r#""\u{a0}\u{ad}""#);
    }
}
