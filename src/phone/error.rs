//! Why a phone number could not be normalized.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::MAX_INPUT_CHARS;
use super::engine::ParseFailure;

/// Why [`normalize`](super::normalize) could not produce a number. Each
/// variant names the rule that failed; the message says how to fix it.
///
/// Serialized as `{"kind", "message", "telnyx_code"}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// The input is longer than [`MAX_INPUT_CHARS`] characters.
    #[error("input is {chars} characters long; the limit is {MAX_INPUT_CHARS}")]
    InputTooLong {
        /// Length of the input in characters.
        chars: usize,
    },
    /// The default region is not one the engine has metadata for.
    #[error(
        "unsupported default region {region:?}: use an ISO 3166 alpha-2 code with phone metadata, e.g. US, GB, DE"
    )]
    UnsupportedRegion {
        /// The region as given (first 8 characters).
        region: String,
    },
    /// Nothing in the input looks like a phone number.
    #[error("no phone number found in the input")]
    NotANumber,
    /// The number has no `+`/international prefix, and no default region was given.
    #[error("no country code: add the country code, e.g. {example}, or pass a default region")]
    MissingCountryCode {
        /// An example of the fix, built from the input's digits when they look
        /// like a North American number (`+1 415 555 2671`).
        example: String,
    },
    /// The digits after `+` (or after the international prefix) do not start
    /// with a country calling code in use.
    #[error(
        "unknown country calling code: the digits after + must start with a country code in use (e.g. +1, +44, +91)"
    )]
    InvalidCountryCode,
    /// Too few digits follow the international prefix (`00`, `011`, …).
    #[error("too few digits after the international prefix")]
    TooShortAfterIdd,
    /// The national number has fewer than 2 digits.
    #[error("too few digits for a phone number")]
    TooShortNsn,
    /// The national number has more than 17 digits.
    #[error("too many digits: a national number has at most 17 digits")]
    TooLongNsn,
}

impl PhoneError {
    /// A stable `snake_case` identifier for the error (`"missing_country_code"`).
    pub fn kind(&self) -> &'static str {
        match self {
            PhoneError::InputTooLong { .. } => "input_too_long",
            PhoneError::UnsupportedRegion { .. } => "unsupported_region",
            PhoneError::NotANumber => "not_a_number",
            PhoneError::MissingCountryCode { .. } => "missing_country_code",
            PhoneError::InvalidCountryCode => "invalid_country_code",
            PhoneError::TooShortAfterIdd => "too_short_after_idd",
            PhoneError::TooShortNsn => "too_short_nsn",
            PhoneError::TooLongNsn => "too_long_nsn",
        }
    }

    /// The Telnyx API error this input would draw as a `to`/`from` number:
    /// 10016 ("Phone number must be in +E.164 format") for a missing country
    /// code, 10002 ("Invalid phone number") for the other input errors, and
    /// `None` for [`PhoneError::UnsupportedRegion`], a caller mistake.
    pub fn telnyx_code(&self) -> Option<u32> {
        match self {
            PhoneError::UnsupportedRegion { .. } => None,
            PhoneError::MissingCountryCode { .. } => Some(10016),
            _ => Some(10002),
        }
    }

    pub(crate) fn from_engine(failure: ParseFailure, input: &str, has_region: bool) -> PhoneError {
        match failure {
            ParseFailure::NotANumber => PhoneError::NotANumber,
            ParseFailure::InvalidCountryCode if !has_region && !has_plus(input) => {
                PhoneError::MissingCountryCode {
                    example: example_fix(input),
                }
            }
            ParseFailure::InvalidCountryCode => PhoneError::InvalidCountryCode,
            ParseFailure::TooShortAfterIdd => PhoneError::TooShortAfterIdd,
            ParseFailure::TooShortNsn => PhoneError::TooShortNsn,
            ParseFailure::TooLongNsn => PhoneError::TooLongNsn,
        }
    }
}

fn has_plus(input: &str) -> bool {
    input.contains(['+', '＋'])
}

/// `+1 AAA BBB CCCC` from the input's ASCII digits when they form a NANP
/// number (10 digits, or 11 starting with 1), otherwise a fixed example.
pub(crate) fn example_fix(input: &str) -> String {
    let digits: Vec<u8> = input.bytes().filter(u8::is_ascii_digit).take(12).collect();
    let nanp = match digits.as_slice() {
        [b'1', rest @ ..] if rest.len() == 10 => rest,
        d if d.len() == 10 => d,
        _ => &[][..],
    };
    if nanp.len() == 10 && nanp[0] >= b'2' && nanp[3] >= b'2' {
        let s = |r: std::ops::Range<usize>| String::from_utf8_lossy(&nanp[r]).into_owned();
        format!("+1 {} {} {}", s(0..3), s(3..6), s(6..10))
    } else {
        "+1 415 555 2671".to_owned()
    }
}

impl Serialize for PhoneError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PhoneError", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("telnyx_code", &self.telnyx_code())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_uses_nanp_digits() {
        assert_eq!(example_fix("4155552671"), "+1 415 555 2671");
        assert_eq!(example_fix("(212) 555-0100"), "+1 212 555 0100");
        assert_eq!(example_fix("1-212-555-0100"), "+1 212 555 0100");
        assert_eq!(example_fix("07911 123456"), "+1 415 555 2671");
        assert_eq!(example_fix("1234567890"), "+1 415 555 2671");
    }

    #[test]
    fn json_shape() {
        let e = PhoneError::MissingCountryCode {
            example: "+1 415 555 2671".into(),
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["kind"], "missing_country_code");
        assert_eq!(v["telnyx_code"], 10016);
        assert_eq!(
            v["message"],
            "no country code: add the country code, e.g. +1 415 555 2671, or pass a default region"
        );
    }
}
