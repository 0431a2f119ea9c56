//! Sorting a `to`/`from` value into the three kinds of address Telnyx accepts
//! (standards.md §3.6–3.7, §4).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::error::example_fix;
use super::{MAX_E164_DIGITS, PhoneError, PhoneNumber, PossibleReason, normalize};

/// Longest alphanumeric sender ID, in characters (Telnyx; 11 GSM septets fit the
/// 10-octet TP-OA address field).
pub const MAX_SENDER_ID_CHARS: usize = 11;

/// Which field of a message request an address is for; picks the Telnyx error
/// code in [`AddressError::telnyx_code_for`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressRole {
    /// The sender (`from`): Telnyx error 40305 when invalid.
    From,
    /// The recipient (`to`): Telnyx error 40310 when invalid.
    To,
}

/// A `to`/`from` address sorted into one of the kinds Telnyx accepts.
///
/// Serialized with a `kind` tag: `{"kind": "e164", "number": {…}, "canonical":
/// true}`, `{"kind": "short_code", "code": "12345"}`, `{"kind":
/// "alphanumeric_sender_id", "id": "ACME"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Address {
    /// A phone number with its country code: `+` and at most 15 digits.
    E164 {
        /// The number, normalized.
        number: PhoneNumber,
        /// Whether the input was already exactly the E.164 form, as Telnyx
        /// requires (`+14155552671`: no spaces, punctuation or extension).
        /// If not, send [`PhoneNumber::e164`] instead of the input.
        canonical: bool,
    },
    /// A short code: 5 or 6 digits, no `+`.
    ShortCode {
        /// The digits.
        code: String,
    },
    /// An alphanumeric sender ID: 1–11 ASCII letters, digits and spaces, with
    /// at least one letter. Usable as `from` only, SMS only, and not towards
    /// the US, Canada or Puerto Rico.
    AlphanumericSenderId {
        /// The ID as given.
        id: String,
    },
}

/// Why a value is not a valid address; each variant names the rule that failed.
///
/// Serialized as `{"kind", "message", "telnyx_code"}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressError {
    /// Nothing was given.
    #[error("address is empty")]
    Empty,
    /// It starts with `+` (or `tel:`) but is not a phone number.
    #[error("not a valid E.164 number: {0}")]
    Phone(PhoneError),
    /// More than 15 digits after the `+`.
    #[error("an E.164 number has at most {MAX_E164_DIGITS} digits after the +; this has {digits}")]
    TooManyDigits {
        /// Digits in the normalized number.
        digits: usize,
    },
    /// A well-formed number whose length no number of its country has (libphonenumber's
    /// `isPossibleNumber` is false): it cannot reach anyone.
    #[error(
        "{e164} cannot be a phone number of country code +{country_code}: {}; check the digits",
        reason.describe()
    )]
    ImpossibleNumber {
        /// The number as normalized.
        e164: String,
        /// Its country calling code.
        country_code: u16,
        /// Why it is not possible (too short, too long, a length the country does not use).
        reason: PossibleReason,
    },
    /// A number whose length is possible only for local dialling inside its area
    /// (libphonenumber's `IS_POSSIBLE_LOCAL_ONLY`, such as `+15551234`): it cannot be
    /// reached from another network, so it is no recipient.
    #[error(
        "{e164} has the length of a local number, dialled without its area code: it cannot be reached as +E.164; add the area code"
    )]
    LocalOnly {
        /// The number as normalized.
        e164: String,
    },
    /// A phone number with an extension (`x123`, `ext. 5`): an SMS cannot reach an
    /// extension, and E.164 has no place for one.
    #[error(
        "{e164} has the extension {extension:?}: an SMS cannot reach an extension; send to {e164} without it, or to the extension's own number"
    )]
    HasExtension {
        /// The number without its extension.
        e164: String,
        /// The extension's digits.
        extension: String,
    },
    /// Only digits, but fewer than 5: too short for a short code.
    #[error("a short code has 5 or 6 digits; this has {len}")]
    ShortCodeLength {
        /// Number of digits.
        len: usize,
    },
    /// A phone number written without its country code (`4155552671`).
    #[error(
        "not a short code (5–6 digits) or an E.164 number: add the country code, e.g. {example}, or pass a default region"
    )]
    MissingCountryCode {
        /// The fix, built from the input when it looks North American.
        example: String,
    },
    /// Letters, digits and spaces, but longer than 11 characters.
    #[error(
        "an alphanumeric sender ID has at most {MAX_SENDER_ID_CHARS} characters; this has {len}"
    )]
    SenderIdTooLong {
        /// Length in characters.
        len: usize,
    },
    /// Digits and spaces only: a sender ID needs a letter.
    #[error(
        "an alphanumeric sender ID must contain at least one letter (and a short code is 5–6 digits with no spaces)"
    )]
    SenderIdNeedsLetter,
    /// A character other than ASCII letters, digits and spaces.
    #[error("an alphanumeric sender ID may contain only A–Z, a–z, 0–9 and spaces; found {found:?}")]
    SenderIdInvalidChar {
        /// The first character that is not allowed.
        found: char,
    },
    /// None of the three shapes.
    #[error(
        "not an E.164 number (+ and country code), a short code (5–6 digits) or an alphanumeric sender ID (1–11 letters, digits and spaces, with a letter)"
    )]
    Unrecognized,
}

impl AddressError {
    /// A stable `snake_case` identifier (`"sender_id_too_long"`); phone errors
    /// use the [`PhoneError::kind`] of the inner error.
    pub fn kind(&self) -> &'static str {
        match self {
            AddressError::Empty => "empty",
            AddressError::Phone(e) => e.kind(),
            AddressError::TooManyDigits { .. } => "too_many_digits",
            AddressError::ImpossibleNumber { .. } => "impossible_number",
            AddressError::LocalOnly { .. } => "local_only",
            AddressError::HasExtension { .. } => "has_extension",
            AddressError::ShortCodeLength { .. } => "short_code_length",
            AddressError::MissingCountryCode { .. } => "missing_country_code",
            AddressError::SenderIdTooLong { .. } => "sender_id_too_long",
            AddressError::SenderIdNeedsLetter => "sender_id_needs_letter",
            AddressError::SenderIdInvalidChar { .. } => "sender_id_invalid_char",
            AddressError::Unrecognized => "unrecognized",
        }
    }

    /// The specific Telnyx error code, where one exists: 10016 ("Phone number
    /// must be in +E.164 format"), 10002 ("Invalid phone number") or 40325
    /// ("Invalid alphanumeric sender ID"). `None` when only the field's generic
    /// code applies (see [`AddressError::telnyx_code_for`]).
    pub fn telnyx_code(&self) -> Option<u32> {
        match self {
            AddressError::Phone(e) => e.telnyx_code(),
            AddressError::TooManyDigits { .. }
            | AddressError::MissingCountryCode { .. }
            | AddressError::HasExtension { .. } => Some(10016),
            AddressError::ImpossibleNumber { .. } | AddressError::LocalOnly { .. } => Some(10002),
            AddressError::SenderIdTooLong { .. }
            | AddressError::SenderIdNeedsLetter
            | AddressError::SenderIdInvalidChar { .. } => Some(40325),
            AddressError::Empty
            | AddressError::ShortCodeLength { .. }
            | AddressError::Unrecognized => None,
        }
    }

    /// The Telnyx error code for this error in the given field: the specific
    /// code when there is one, otherwise 40305 (invalid `from`) or 40310
    /// (invalid `to`). Sender-ID errors in `to` give 40310, since a sender ID
    /// cannot be a recipient anyway.
    pub fn telnyx_code_for(&self, role: AddressRole) -> u32 {
        let generic = match role {
            AddressRole::From => 40305,
            AddressRole::To => 40310,
        };
        match (self.telnyx_code(), role) {
            (Some(40325), AddressRole::To) | (None, _) => generic,
            (Some(code), _) => code,
        }
    }
}

impl Serialize for AddressError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("AddressError", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("telnyx_code", &self.telnyx_code())?;
        s.end()
    }
}

impl Address {
    /// Sorts `s` into an E.164 number, a short code or an alphanumeric sender
    /// ID, or says which rule it breaks. Same as
    /// [`Address::classify_with_region`] with no default region.
    ///
    /// The rules, in order:
    /// * starting with `+` (or `tel:`): a phone number, normalized with
    ///   [`normalize`]; at most 15 digits. Non-canonical spellings (`+1 415
    ///   555 2671`) are accepted with `canonical: false`.
    /// * only ASCII digits: 5–6 is a short code; fewer is too short; 7 or more
    ///   is a number missing its country code.
    /// * at least 7 digits (ASCII, Arabic-Indic, Persian or fullwidth, as
    ///   [`normalize`] reads them) with phone punctuation (spaces, `-`, `.`, `(`,
    ///   `)`, `/`, and their fullwidth forms) and perhaps an extension (`x123`,
    ///   `ext. 5`, `#12`, `;ext=9`): a number missing its country code, or with a
    ///   default region, the number [`normalize`] reads.
    /// * a number that is possible only as a local number (`+15551234`) or has an
    ///   extension is refused: neither can receive an SMS as it is.
    /// * ASCII letters, digits and spaces with at least one letter, at most 11
    ///   characters: an alphanumeric sender ID.
    ///
    /// ```
    /// use sms_preflight::phone::{Address, AddressError};
    ///
    /// assert!(matches!(Address::classify("+14155552671"), Ok(Address::E164 { canonical: true, .. })));
    /// assert!(matches!(Address::classify("12345"), Ok(Address::ShortCode { .. })));
    /// assert!(matches!(Address::classify("ACME Corp"), Ok(Address::AlphanumericSenderId { .. })));
    ///
    /// let err = Address::classify("4155552671").unwrap_err();
    /// assert!(matches!(err, AddressError::MissingCountryCode { .. }));
    /// assert!(err
    ///     .to_string()
    ///     .contains("add the country code, e.g. +1 415 555 2671, or pass a default region"));
    /// assert_eq!(err.telnyx_code(), Some(10016));
    ///
    /// assert!(matches!(
    ///     Address::classify("ACME Corporation"),
    ///     Err(AddressError::SenderIdTooLong { len: 16 })
    /// ));
    /// ```
    pub fn classify(s: &str) -> Result<Address, AddressError> {
        Address::classify_with_region(s, None)
    }

    /// Like [`Address::classify`], but a number written without its country
    /// code (`415-555-2671`) is normalized with `default_region` instead of
    /// being refused; it then comes back with `canonical: false`.
    ///
    /// ```
    /// use sms_preflight::phone::Address;
    ///
    /// let a = Address::classify_with_region("(415) 555-2671", Some("US")).unwrap();
    /// assert_eq!(a.api_value(), "+14155552671");
    /// ```
    pub fn classify_with_region(
        s: &str,
        default_region: Option<&str>,
    ) -> Result<Address, AddressError> {
        if s.is_empty() {
            return Err(AddressError::Empty);
        }
        let head = s.trim_start();
        let tel = head
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("tel:"));
        if head.starts_with(['+', '＋']) || tel {
            return phone(s, default_region);
        }

        if s.bytes().all(|b| b.is_ascii_digit()) {
            return match s.len() {
                5 | 6 => Ok(Address::ShortCode { code: s.to_owned() }),
                len @ 1..=4 => Err(AddressError::ShortCodeLength { len }),
                _ => near_miss(s, default_region),
            };
        }
        let head = without_extension(s);
        let digits = head.chars().filter(|&c| is_digit(c)).count();
        let phone_like = head.chars().all(|c| is_digit(c) || is_phone_punctuation(c));
        if phone_like && digits >= 7 {
            return near_miss(s, default_region);
        }

        let has_letter = s.bytes().any(|b| b.is_ascii_alphabetic());
        if let Some(found) = s
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == ' '))
        {
            return Err(if has_letter || found.is_alphabetic() {
                AddressError::SenderIdInvalidChar { found }
            } else {
                AddressError::Unrecognized
            });
        }
        if !has_letter {
            return Err(AddressError::SenderIdNeedsLetter);
        }
        let len = s.len();
        if len > MAX_SENDER_ID_CHARS {
            return Err(AddressError::SenderIdTooLong { len });
        }
        Ok(Address::AlphanumericSenderId { id: s.to_owned() })
    }

    /// The value to put in the API request: the E.164 form, the short code or
    /// the sender ID.
    pub fn api_value(&self) -> &str {
        match self {
            Address::E164 { number, .. } => number.e164(),
            Address::ShortCode { code } => code,
            Address::AlphanumericSenderId { id } => id,
        }
    }

    /// `"e164"`, `"short_code"` or `"alphanumeric_sender_id"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Address::E164 { .. } => "e164",
            Address::ShortCode { .. } => "short_code",
            Address::AlphanumericSenderId { .. } => "alphanumeric_sender_id",
        }
    }
}

/// A decimal digit as libphonenumber reads it: ASCII, Arabic-Indic, Extended Arabic-Indic
/// (Persian) or fullwidth.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
        || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// Separators people write between the digits of a phone number.
fn is_phone_punctuation(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | '(' | ')' | '/' | '\u{00A0}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{3000}'
                | '\u{FF08}'
                | '\u{FF09}'
                | '\u{FF0D}'
                | '\u{FF0E}'
                | '\u{FF0F}'
    )
}

/// `s` without a trailing extension (`x123`, `ext. 5`, `extension 7`, `#12`, `;ext=9`),
/// trimmed; `s` itself when it has none.
///
/// A letter marker (`x`, `ext`) counts only after a space or a separator, or after a head
/// that is written with separators: `415.555.2671 x123` has an extension, but `5551234x12`
/// is an alphanumeric sender ID (letters and digits), and stays one.
fn without_extension(s: &str) -> &str {
    let lower = s.to_ascii_lowercase();
    for marker in [";ext=", "extension", "ext.", "ext", "x", "#"] {
        let Some(i) = lower.rfind(marker) else {
            continue;
        };
        let tail = s[i + marker.len()..].trim_start_matches([' ', '.', ':']);
        if tail.is_empty() || !tail.chars().all(is_digit) {
            continue;
        }
        let head = &s[..i];
        let spaced = head.ends_with(|c: char| c == ' ' || is_phone_punctuation(c));
        let punctuated = head.chars().any(is_phone_punctuation);
        if marker.starts_with([';', '#']) || spaced || punctuated {
            return head.trim_end();
        }
    }
    s
}

fn phone(s: &str, default_region: Option<&str>) -> Result<Address, AddressError> {
    let number = normalize(s, default_region).map_err(|e| match e {
        PhoneError::MissingCountryCode { example } => AddressError::MissingCountryCode { example },
        e => AddressError::Phone(e),
    })?;
    let digits = number.e164().len() - 1;
    if digits > MAX_E164_DIGITS {
        return Err(AddressError::TooManyDigits { digits });
    }
    if !number.is_possible() {
        return Err(AddressError::ImpossibleNumber {
            e164: number.e164().to_string(),
            country_code: number.country_code(),
            reason: number.possible_reason(),
        });
    }
    if number.possible_reason() == PossibleReason::IsPossibleLocalOnly {
        return Err(AddressError::LocalOnly {
            e164: number.e164().to_string(),
        });
    }
    if let Some(ext) = number.extension() {
        return Err(AddressError::HasExtension {
            e164: number.e164().to_string(),
            extension: ext.to_string(),
        });
    }
    let canonical = s == number.e164();
    Ok(Address::E164 { number, canonical })
}

fn near_miss(s: &str, default_region: Option<&str>) -> Result<Address, AddressError> {
    match default_region {
        Some(_) => phone(s, default_region),
        None => Err(AddressError::MissingCountryCode {
            example: example_fix(s),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> String {
        match Address::classify(s) {
            Ok(a) => a.kind().to_owned(),
            Err(e) => format!("error:{}", e.kind()),
        }
    }

    /// The classification table from the issue.
    #[test]
    fn classification_table() {
        let table: &[(&str, &str)] = &[
            // Short codes of 4, 5, 6 and 7 digits.
            ("1234", "error:short_code_length"),
            ("12345", "short_code"),
            ("123456", "short_code"),
            ("1234567", "error:missing_country_code"),
            // Alphanumeric IDs of 11 and 12 characters, no letter, punctuation.
            ("ACME Corp 1", "alphanumeric_sender_id"),
            ("ACME Corp 12", "error:sender_id_too_long"),
            ("12 34 5", "error:sender_id_needs_letter"),
            ("ACME-Corp", "error:sender_id_invalid_char"),
            ("ACME!", "error:sender_id_invalid_char"),
            // E.164 numbers of 15 and 16 digits.
            ("+491234567890123", "e164"),
            ("+4912345678901234", "error:too_many_digits"),
            // Others.
            ("A", "alphanumeric_sender_id"),
            ("Café", "error:sender_id_invalid_char"),
            ("", "error:empty"),
            ("4155552671", "error:missing_country_code"),
            ("(415) 555-2671", "error:missing_country_code"),
            ("+1 415 555 2671", "e164"),
            ("tel:+1-415-555-2671", "e164"),
            ("+999 123 4567", "error:invalid_country_code"),
            ("+", "error:not_a_number"),
            ("12-34", "error:unrecognized"),
        ];
        for (input, want) in table {
            assert_eq!(&kind(input), want, "{input:?}");
        }
    }

    #[test]
    fn canonical_flag_and_api_value() {
        let a = Address::classify("+14155552671").unwrap();
        assert!(matches!(
            a,
            Address::E164 {
                canonical: true,
                ..
            }
        ));
        let a = Address::classify("+1 (415) 555-2671").unwrap();
        assert!(matches!(
            a,
            Address::E164 {
                canonical: false,
                ..
            }
        ));
        assert_eq!(a.api_value(), "+14155552671");
        let e = Address::classify("+14155552671 ext. 9").unwrap_err();
        assert!(matches!(e, AddressError::HasExtension { .. }), "{e}");
    }

    #[test]
    fn near_miss_message_and_region() {
        let e = Address::classify("4155552671").unwrap_err();
        assert!(
            e.to_string()
                .contains("add the country code, e.g. +1 415 555 2671, or pass a default region"),
            "{e}"
        );
        let a = Address::classify_with_region("4155552671", Some("US")).unwrap();
        assert_eq!(a.api_value(), "+14155552671");
        assert!(matches!(
            a,
            Address::E164 {
                canonical: false,
                ..
            }
        ));
        assert!(matches!(
            Address::classify_with_region("4155552671", Some("QQ")),
            Err(AddressError::Phone(PhoneError::UnsupportedRegion { .. }))
        ));
    }

    /// The defects of issue 9: local-only numbers, other digit scripts and extensions are
    /// read as `normalize` reads them.
    #[test]
    fn reads_what_normalize_reads() {
        let e = Address::classify("+15551234").unwrap_err();
        assert!(matches!(e, AddressError::LocalOnly { .. }), "{e}");
        assert_eq!(e.telnyx_code(), Some(10002));
        for (input, region, want) in [
            ("٠١٠٠١٢٣٤٥٦٧", "EG", "+201001234567"),
            ("۰۹۱۲۳۴۵۶۷۸۹", "IR", "+989123456789"),
            ("（４１５）５５５－２６７１", "US", "+14155552671"),
        ] {
            let a = Address::classify_with_region(input, Some(region)).unwrap();
            assert_eq!(a.api_value(), want, "{input}");
            assert!(matches!(
                Address::classify(input),
                Err(AddressError::MissingCountryCode { .. })
            ));
        }
        for input in [
            "415.555.2671 x123",
            "(650) 253-0000 ext. 5",
            "415 555 2671#12",
        ] {
            let e = Address::classify_with_region(input, Some("US")).unwrap_err();
            assert!(
                matches!(e, AddressError::HasExtension { .. }),
                "{input}: {e}"
            );
            assert_eq!(e.telnyx_code(), Some(10016));
        }
        assert!(matches!(
            Address::classify("+1 415-555-2671 ext 7"),
            Err(AddressError::HasExtension { .. })
        ));
        // Sender IDs with an x stay sender IDs.
        assert!(matches!(
            Address::classify("Box 12"),
            Ok(Address::AlphanumericSenderId { .. })
        ));
    }

    #[test]
    fn telnyx_codes() {
        let code = |s: &str, role| Address::classify(s).unwrap_err().telnyx_code_for(role);
        assert_eq!(code("4155552671", AddressRole::To), 10016);
        assert_eq!(code("+4912345678901234", AddressRole::To), 10016);
        assert_eq!(code("+999 123 4567", AddressRole::To), 10002);
        assert_eq!(code("ACME Corp 12", AddressRole::From), 40325);
        assert_eq!(code("ACME Corp 12", AddressRole::To), 40310);
        assert_eq!(code("1234", AddressRole::From), 40305);
        assert_eq!(code("", AddressRole::To), 40310);
    }

    #[test]
    fn json_shapes() {
        let a = Address::classify("12345").unwrap();
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::json!({"kind": "short_code", "code": "12345"})
        );
        let a = Address::classify("+14155552671").unwrap();
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["kind"], "e164");
        assert_eq!(v["canonical"], true);
        assert_eq!(v["number"]["e164"], "+14155552671");
        let e = Address::classify("ACME!").unwrap_err();
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["kind"], "sender_id_invalid_char");
        assert_eq!(v["telnyx_code"], 40325);
    }
}
