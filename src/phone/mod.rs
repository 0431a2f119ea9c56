//! Phone numbers: E.164 normalization and address classification.
//!
//! Telnyx wants `to` and `from` as `+E.164` (or a short code, or an
//! alphanumeric sender ID). People type numbers in every shape. [`normalize`]
//! turns what they typed into E.164, matching Google's libphonenumber exactly
//! (the engine is [`rlibphonenumber`], a port of it, behind one swappable
//! file), and says precisely why when it cannot. [`Address::classify`] sorts a
//! `to`/`from` value into one of the three kinds Telnyx accepts.
//!
//! * Input already in canonical form (`+` and 7–15 ASCII digits) takes a fast
//!   path that skips the text parser; its result is identical to the parser's.
//! * Validation (type, validity, region, length check) is lazy: it runs the
//!   first time one of those is asked for, then is cached in the
//!   [`PhoneNumber`].
//! * The engine's metadata is loaded on the first call that needs it, never
//!   before ([`metadata_loaded`]).
//!
//! ```
//! use sms_preflight::phone::{normalize, NumberType};
//!
//! let n = normalize("(650) 253-0000", Some("US")).unwrap();
//! assert_eq!(n.e164(), "+16502530000");
//! assert!(n.is_valid());
//! assert_eq!(n.number_type(), NumberType::FixedLineOrMobile);
//! ```

use std::fmt;
use std::sync::OnceLock;

use serde::ser::{Serialize, SerializeStruct, Serializer};

mod address;
mod engine;
mod error;
mod fast;
#[cfg(any(test, feature = "slim-phone-metadata"))]
mod metadata;
mod prefix_table;

pub use address::{Address, AddressError, AddressRole};
pub use error::PhoneError;

/// Longest input accepted, in characters (libphonenumber's
/// `MAX_INPUT_STRING_LENGTH`). Longer input fails with
/// [`PhoneError::InputTooLong`] before any parsing.
pub const MAX_INPUT_CHARS: usize = 250;

/// Most digits an E.164 number may have after the `+` (ITU-T E.164).
pub const MAX_E164_DIGITS: usize = 15;

/// The phone-number engine, its exact version and its regex engine:
/// `"rlibphonenumber 2.2.15 (regex)"` (fast) with the `phone` feature on native targets,
/// `"rlibphonenumber 2.2.15 (regex-lite)"` (small) with `phone-lite` alone and on wasm32.
/// The CLI prints it in `sms-preflight --version`.
pub const ENGINE: &str = engine::ENGINE;

/// The libphonenumber metadata release the engine was built with.
///
/// ```
/// assert!(!sms_preflight::phone::METADATA_VERSION.is_empty());
/// ```
pub const METADATA_VERSION: &str = engine::METADATA_VERSION;

/// Whether the engine's metadata has been loaded yet.
///
/// It is loaded lazily, by the first call that needs it: a parse that cannot
/// take the fast path, a default-region check, or validation of a number.
pub fn metadata_loaded() -> bool {
    engine::metadata_loaded()
}

/// Region codes the engine has metadata for (ISO 3166-1 alpha-2, sorted).
/// These are the values [`normalize`] accepts as a default region. Loads the
/// metadata if needed.
pub fn supported_regions() -> Vec<String> {
    engine::supported_regions()
        .iter()
        .map(|r| r.as_str().to_owned())
        .collect()
}

/// libphonenumber's example number of the given type for a region (e.g. a
/// mobile number for `"GB"`), handy for placeholders and hints. `None` if the
/// region is not supported or has no example of that type. Loads the metadata.
///
/// Always `None` with the feature `slim-phone-metadata`, whose metadata has no example
/// numbers.
///
/// ```
/// use sms_preflight::phone::{example_number, NumberType};
///
/// # if cfg!(feature = "slim-phone-metadata") { return; }
/// let n = example_number("GB", NumberType::Mobile).unwrap();
/// assert!(n.e164().starts_with("+447"));
/// assert_eq!(n.number_type(), NumberType::Mobile);
/// ```
pub fn example_number(region: &str, number_type: NumberType) -> Option<PhoneNumber> {
    let region = engine::region(RegionCode::new(region)?.as_str())?;
    let number = engine::example_number(region, number_type)?;
    let e164 = number.e164();
    PhoneNumber::new(number, &e164)
}

/// What kind of line a number belongs to, as libphonenumber classifies it.
///
/// Serialized in `snake_case` (`"fixed_line_or_mobile"`); [`NumberType::libphonenumber_name`]
/// gives libphonenumber's constant name (`"FIXED_LINE_OR_MOBILE"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberType {
    /// A landline.
    FixedLine,
    /// A mobile number.
    Mobile,
    /// Either, where the numbering plan does not tell them apart (e.g. NANP).
    FixedLineOrMobile,
    /// Toll-free (free for the caller).
    TollFree,
    /// Premium rate.
    PremiumRate,
    /// Shared cost.
    SharedCost,
    /// Voice over IP.
    Voip,
    /// A personal (follow-me) number.
    PersonalNumber,
    /// A pager.
    Pager,
    /// A universal access number.
    Uan,
    /// Voicemail access.
    Voicemail,
    /// Matches no number range of its region: such a number is not valid.
    Unknown,
}

impl NumberType {
    /// The `snake_case` name used in JSON (`"toll_free"`).
    pub fn as_str(self) -> &'static str {
        match self {
            NumberType::FixedLine => "fixed_line",
            NumberType::Mobile => "mobile",
            NumberType::FixedLineOrMobile => "fixed_line_or_mobile",
            NumberType::TollFree => "toll_free",
            NumberType::PremiumRate => "premium_rate",
            NumberType::SharedCost => "shared_cost",
            NumberType::Voip => "voip",
            NumberType::PersonalNumber => "personal_number",
            NumberType::Pager => "pager",
            NumberType::Uan => "uan",
            NumberType::Voicemail => "voicemail",
            NumberType::Unknown => "unknown",
        }
    }

    /// libphonenumber's name for the type (`"TOLL_FREE"`).
    pub fn libphonenumber_name(self) -> &'static str {
        match self {
            NumberType::FixedLine => "FIXED_LINE",
            NumberType::Mobile => "MOBILE",
            NumberType::FixedLineOrMobile => "FIXED_LINE_OR_MOBILE",
            NumberType::TollFree => "TOLL_FREE",
            NumberType::PremiumRate => "PREMIUM_RATE",
            NumberType::SharedCost => "SHARED_COST",
            NumberType::Voip => "VOIP",
            NumberType::PersonalNumber => "PERSONAL_NUMBER",
            NumberType::Pager => "PAGER",
            NumberType::Uan => "UAN",
            NumberType::Voicemail => "VOICEMAIL",
            NumberType::Unknown => "UNKNOWN",
        }
    }
}

impl fmt::Display for NumberType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of libphonenumber's length check (`isPossibleNumberWithReason`).
///
/// It looks at the length only, not at the leading digits: that is what
/// validity adds. Serialized in `snake_case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PossibleReason {
    /// A possible length for the country.
    IsPossible,
    /// Only dialable locally (too short for a full national number).
    IsPossibleLocalOnly,
    /// The country calling code is not in use.
    InvalidCountryCode,
    /// Shorter than any number of the country.
    TooShort,
    /// Between the shortest and longest lengths, but matching none.
    InvalidLength,
    /// Longer than any number of the country.
    TooLong,
}

impl PossibleReason {
    /// Whether libphonenumber calls this "possible" (`IsPossible` or `IsPossibleLocalOnly`).
    pub fn is_possible(self) -> bool {
        matches!(
            self,
            PossibleReason::IsPossible | PossibleReason::IsPossibleLocalOnly
        )
    }

    /// The `snake_case` name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PossibleReason::IsPossible => "is_possible",
            PossibleReason::IsPossibleLocalOnly => "is_possible_local_only",
            PossibleReason::InvalidCountryCode => "invalid_country_code",
            PossibleReason::TooShort => "too_short",
            PossibleReason::InvalidLength => "invalid_length",
            PossibleReason::TooLong => "too_long",
        }
    }

    /// A short English phrase: "too short", "too long", "a length the country does not use".
    pub fn describe(self) -> &'static str {
        match self {
            PossibleReason::IsPossible => "a possible length",
            PossibleReason::IsPossibleLocalOnly => "only dialable locally",
            PossibleReason::InvalidCountryCode => "the country code is not in use",
            PossibleReason::TooShort => "too short",
            PossibleReason::InvalidLength => "a length the country does not use",
            PossibleReason::TooLong => "too long",
        }
    }

    /// libphonenumber's name (`"IS_POSSIBLE_LOCAL_ONLY"`).
    pub fn libphonenumber_name(self) -> &'static str {
        match self {
            PossibleReason::IsPossible => "IS_POSSIBLE",
            PossibleReason::IsPossibleLocalOnly => "IS_POSSIBLE_LOCAL_ONLY",
            PossibleReason::InvalidCountryCode => "INVALID_COUNTRY_CODE",
            PossibleReason::TooShort => "TOO_SHORT",
            PossibleReason::InvalidLength => "INVALID_LENGTH",
            PossibleReason::TooLong => "TOO_LONG",
        }
    }
}

/// A region code: two upper-case ASCII letters, or `001` (non-geographic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct RegionCode {
    buf: [u8; 3],
    len: u8,
}

impl RegionCode {
    /// Accepts `AA` (any case, stored upper-case) or `001`; syntax only.
    pub(crate) fn new(code: &str) -> Option<RegionCode> {
        let b = code.as_bytes();
        match b {
            [x, y] if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() => Some(RegionCode {
                buf: [x.to_ascii_uppercase(), y.to_ascii_uppercase(), 0],
                len: 2,
            }),
            b"001" => Some(RegionCode {
                buf: *b"001",
                len: 3,
            }),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII is ever stored, so this cannot fail.
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }
}

/// The lazily computed, engine-neutral validation of a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Validation {
    pub(crate) possible: PossibleReason,
    pub(crate) number_type: NumberType,
    pub(crate) is_valid: bool,
    pub(crate) region: Option<RegionCode>,
}

/// E.164 text stored inline (no allocation): `+`, a country code of up to 3
/// digits and a national number of up to 17 digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct E164Text {
    buf: [u8; 21],
    len: u8,
}

impl E164Text {
    fn new(s: &str) -> Option<E164Text> {
        let bytes = s.as_bytes();
        if bytes.len() > 21 || !bytes.is_ascii() {
            return None;
        }
        let mut buf = [0u8; 21];
        buf[..bytes.len()].copy_from_slice(bytes);
        Some(E164Text {
            buf,
            len: u8::try_from(bytes.len()).ok()?,
        })
    }

    fn as_str(&self) -> &str {
        // Only ASCII is ever stored, so this cannot fail.
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }
}

/// A phone number normalized to E.164.
///
/// The E.164 form, country calling code, national significant number and
/// extension are computed when the number is parsed. The region, type,
/// `is_possible` and `is_valid` are computed on first use (all together, then
/// cached); serializing the number computes them.
///
/// Equality and hashing use the E.164 form and the extension.
///
/// JSON (via serde): `{"e164", "country_code", "national_number", "extension",
/// "region", "type", "is_possible", "possible_reason", "is_valid"}`, where
/// `region` is an ISO 3166 alpha-2 code, `"001"` for non-geographic numbers,
/// or `null` when no region claims the number (an invalid number of a shared
/// calling code such as +1), and `type` is a [`NumberType`] in `snake_case`.
#[derive(Clone)]
pub struct PhoneNumber {
    number: engine::Number,
    e164: E164Text,
    validation: OnceLock<Validation>,
}

impl PhoneNumber {
    /// `None` only if `e164` is not the ≤ 21-character ASCII the engine produces.
    fn new(number: engine::Number, e164: &str) -> Option<PhoneNumber> {
        Some(PhoneNumber {
            number,
            e164: E164Text::new(e164)?,
            validation: OnceLock::new(),
        })
    }

    /// The number in E.164: `+`, the country calling code and the national
    /// significant number, with no separators and no extension.
    pub fn e164(&self) -> &str {
        self.e164.as_str()
    }

    /// The country calling code (1–3 digits), e.g. `44`.
    pub fn country_code(&self) -> u16 {
        self.number.country_code()
    }

    /// The national significant number: the digits after the country code,
    /// e.g. `2079460958` for `+442079460958` (Italian-style leading zeros kept).
    pub fn national_significant_number(&self) -> &str {
        let cc_len = match self.country_code() {
            0..=9 => 1,
            10..=99 => 2,
            _ => 3,
        };
        self.e164().get(1 + cc_len..).unwrap_or("")
    }

    /// libphonenumber's international format, e.g. `+44 20 7946 0958` (with
    /// the extension, if any). Computed on each call.
    pub fn international(&self) -> String {
        self.number.international()
    }

    /// libphonenumber's national format, e.g. `020 7946 0958`, as dialled
    /// inside the number's country. Computed on each call.
    pub fn national(&self) -> String {
        self.number.national()
    }

    /// The extension, if the input had one (`ext. 123`, `x123`, `;ext=123`, …).
    /// Telnyx has no extension syntax: send [`PhoneNumber::e164`] alone.
    pub fn extension(&self) -> Option<&str> {
        self.number.extension()
    }

    fn validation(&self) -> &Validation {
        self.validation.get_or_init(|| self.number.validate())
    }

    /// Whether the lazy validation has run yet for this value.
    pub fn is_validated(&self) -> bool {
        self.validation.get().is_some()
    }

    /// The region the number belongs to: ISO 3166 alpha-2, `001` for
    /// non-geographic numbers (e.g. +800), `None` if no region claims it.
    /// Computed lazily.
    pub fn region(&self) -> Option<&str> {
        self.validation().region.as_ref().map(RegionCode::as_str)
    }

    /// The number type (mobile, fixed line, toll-free, …); `Unknown` for
    /// invalid numbers. Computed lazily.
    pub fn number_type(&self) -> NumberType {
        self.validation().number_type
    }

    /// Whether the length is possible for the country (libphonenumber's
    /// `isPossibleNumber`; local-only lengths count). Computed lazily.
    pub fn is_possible(&self) -> bool {
        self.validation().possible.is_possible()
    }

    /// The detailed outcome of the length check. Computed lazily.
    pub fn possible_reason(&self) -> PossibleReason {
        self.validation().possible
    }

    /// Whether the number is in an assigned range (libphonenumber's
    /// `isValidNumber`). Documentation numbers such as `+1 555 123 4567` are
    /// possible but not valid. Computed lazily.
    pub fn is_valid(&self) -> bool {
        self.validation().is_valid
    }
}

impl PartialEq for PhoneNumber {
    fn eq(&self, other: &Self) -> bool {
        self.e164 == other.e164 && self.extension() == other.extension()
    }
}

impl Eq for PhoneNumber {}

impl std::hash::Hash for PhoneNumber {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.e164.hash(state);
        self.extension().hash(state);
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PhoneNumber")
            .field("e164", &self.e164())
            .field("extension", &self.extension())
            .field("validation", &self.validation.get())
            .finish()
    }
}

/// Displays the E.164 form.
impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.e164())
    }
}

impl Serialize for PhoneNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PhoneNumber", 9)?;
        s.serialize_field("e164", self.e164())?;
        s.serialize_field("country_code", &self.country_code())?;
        s.serialize_field("national_number", self.national_significant_number())?;
        s.serialize_field("extension", &self.extension())?;
        s.serialize_field("region", &self.region())?;
        s.serialize_field("type", &self.number_type())?;
        s.serialize_field("is_possible", &self.is_possible())?;
        s.serialize_field("possible_reason", &self.possible_reason())?;
        s.serialize_field("is_valid", &self.is_valid())?;
        s.end()
    }
}

/// Normalizes what someone typed into an E.164 [`PhoneNumber`], exactly as
/// libphonenumber's `parse` would.
///
/// `default_region` (ISO 3166 alpha-2, any case) is the country assumed for
/// numbers written in national form, and decides which international prefix
/// (`00`, `011`, `0011`, `810`, …) is recognised. It must be one of
/// [`supported_regions`]; `None` means the input must carry its own country
/// code (`+44 …`, `tel:+44…`).
///
/// Accepted shapes include: `+1 (415) 555-2671`, `415.555.2671` (with a
/// region), a national trunk prefix (`020 7946 0958` in GB, `8 495 …` in RU),
/// `00`/`011` international prefixes, `+44 (0)20 …`, `tel:` URIs with
/// `;phone-context=` and `;ext=`, extensions (`ext. 12`, `x12`, `#12`),
/// vanity letters (`1-800-FLOWERS`, at least 3 letters), full-width, Arabic-Indic,
/// Persian and Devanagari digits, and a full-width `＋`.
///
/// The result is not required to be valid: check [`PhoneNumber::is_valid`]
/// or [`PhoneNumber::is_possible`] (computed lazily).
///
/// # Errors
///
/// A [`PhoneError`] naming the rule that failed: input over
/// [`MAX_INPUT_CHARS`], an unsupported default region, no number found, a
/// missing or unknown country code, or too few/too many digits.
///
/// ```
/// use sms_preflight::phone::{normalize, PhoneError};
///
/// let n = normalize("020 7946 0958", Some("GB")).unwrap();
/// assert_eq!(n.e164(), "+442079460958");
/// assert_eq!(n.country_code(), 44);
/// assert_eq!(n.national_significant_number(), "2079460958");
///
/// let n = normalize("tel:+1-650-253-0000;ext=123", None).unwrap();
/// assert_eq!((n.e164(), n.extension()), ("+16502530000", Some("123")));
///
/// let err = normalize("4155552671", None).unwrap_err();
/// assert!(matches!(err, PhoneError::MissingCountryCode { .. }));
/// assert!(err.to_string().contains("add the country code, e.g. +1 415 555 2671"));
/// ```
pub fn normalize(input: &str, default_region: Option<&str>) -> Result<PhoneNumber, PhoneError> {
    if input.len() > MAX_INPUT_CHARS {
        let chars = input.chars().count();
        if chars > MAX_INPUT_CHARS {
            return Err(PhoneError::InputTooLong { chars });
        }
    }
    let region = match default_region {
        None => None,
        Some(code) => Some(
            RegionCode::new(code)
                .and_then(|r| engine::region(r.as_str()))
                .ok_or_else(|| PhoneError::UnsupportedRegion {
                    region: code.chars().take(8).collect(),
                })?,
        ),
    };
    if let Some(number) = fast::parse_canonical(input) {
        return Ok(number);
    }
    parse_with_engine(input, region, default_region.is_some())
}

/// The full text parser (no fast path).
fn parse_with_engine(
    input: &str,
    region: Option<engine::EngineRegion>,
    has_region: bool,
) -> Result<PhoneNumber, PhoneError> {
    match engine::parse(input, region) {
        Ok(number) => {
            let e164 = number.e164();
            // The parser caps the national number at 17 digits, so this holds.
            PhoneNumber::new(number, &e164).ok_or(PhoneError::TooLongNsn)
        }
        Err(failure) => Err(PhoneError::from_engine(failure, input, has_region)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_is_lazy_and_cached() {
        let n = normalize("+16502530000", None).unwrap();
        assert!(!n.is_validated());
        assert_eq!(n.e164(), "+16502530000");
        assert!(!n.is_validated());
        assert!(n.is_valid());
        assert!(n.is_validated());
        assert_eq!(n.region(), Some("US"));
    }

    #[test]
    fn region_codes_are_checked_against_the_engine() {
        assert!(normalize("6502530000", Some("us")).is_ok());
        for bad in ["ZZ", "XX", "001", "USA", "", "1", "U$"] {
            assert!(
                matches!(
                    normalize("6502530000", Some(bad)),
                    Err(PhoneError::UnsupportedRegion { .. })
                ),
                "{bad}"
            );
        }
        let regions = supported_regions();
        assert!(regions.len() > 200);
        assert!(regions.iter().any(|r| r == "GB"));
        assert!(!regions.iter().any(|r| r == "001"));
    }

    #[test]
    fn input_cap() {
        let long = "1".repeat(MAX_INPUT_CHARS + 1);
        assert_eq!(
            normalize(&long, Some("US")),
            Err(PhoneError::InputTooLong { chars: 251 })
        );
        // 250 multi-byte characters are within the cap even though > 250 bytes.
        let wide = "１".repeat(MAX_INPUT_CHARS);
        assert!(!matches!(
            normalize(&wide, Some("US")),
            Err(PhoneError::InputTooLong { .. })
        ));
    }

    #[test]
    fn nsn_slice() {
        let n = normalize("+39 06 6982 1234", None).unwrap();
        assert_eq!(n.e164(), "+390669821234");
        assert_eq!(n.national_significant_number(), "0669821234");
        let n = normalize("+800 1234 5678", None).unwrap();
        assert_eq!(n.national_significant_number(), "12345678");
        assert_eq!(n.region(), Some("001"));
    }

    #[test]
    #[cfg(not(feature = "slim-phone-metadata"))]
    fn example_numbers_of_every_region_are_valid_and_round_trip() {
        let mut seen = 0;
        for region in supported_regions() {
            for t in [NumberType::Mobile, NumberType::FixedLine] {
                let Some(n) = example_number(&region, t) else {
                    continue;
                };
                seen += 1;
                assert!(n.is_valid(), "{region} {t} {n}");
                // Shared numbering plans answer with the main region (AX -> FI).
                assert!(n.region().is_some(), "{n}");
                let national = normalize(&n.national(), Some(&region)).unwrap();
                assert_eq!(national, n, "{region} national {}", n.national());
                let intl = normalize(&n.international(), None).unwrap();
                assert_eq!(intl, n, "{region} international {}", n.international());
                assert_eq!(normalize(n.e164(), None).unwrap(), n);
            }
        }
        assert!(seen > 400, "{seen}");
        assert!(example_number("ZZ", NumberType::Mobile).is_none());
        assert!(example_number("US", NumberType::Unknown).is_none());
    }

    #[test]
    #[cfg(feature = "slim-phone-metadata")]
    fn the_slim_metadata_has_no_example_numbers() {
        assert!(example_number("GB", NumberType::Mobile).is_none());
        assert!(normalize("+44 7400 123456", None).unwrap().is_valid());
    }

    #[test]
    fn serializes_all_fields() {
        let n = normalize("1-800-FLOWERS", Some("US")).unwrap();
        let v = serde_json::to_value(&n).unwrap();
        assert_eq!(v["e164"], "+18003569377");
        assert_eq!(v["type"], "toll_free");
        assert_eq!(v["region"], "US");
        assert_eq!(v["is_valid"], true);
        assert_eq!(v["is_possible"], true);
        assert_eq!(v["possible_reason"], "is_possible");
        assert_eq!(v["country_code"], 1);
        assert_eq!(v["national_number"], "8003569377");
        assert!(v["extension"].is_null());
    }
}
