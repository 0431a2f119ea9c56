//! The only file that talks to the phone-number engine, [`rlibphonenumber`]
//! (a Rust port of Google's libphonenumber).
//!
//! Everything else in `phone` uses the engine-neutral types below, so swapping
//! the engine means rewriting this file (and regenerating `prefix_table.rs`,
//! which is derived from the same metadata).
//!
//! The engine's metadata lives behind its own `LazyLock`: nothing here touches
//! it until the first call that needs it (a slow-path parse, a region check, or
//! validation). [`metadata_loaded`] reports whether that has happened.

use std::sync::atomic::{AtomicBool, Ordering};

use rlibphonenumber::{
    NotANumberError, NumberLengthType, PHONE_NUMBER_UTIL, ParseError, PhoneNumber as EngineNumber,
    PhoneNumberFormat, PhoneNumberType, PhoneNumberUtil, Region, ValidationError,
};

use super::{NumberType, PossibleReason, RegionCode};

/// Engine name, version (pinned exactly in `Cargo.toml`) and regex engine: `regex` with the
/// `phone` feature natively, `regex-lite` with `phone-lite` alone and on wasm32.
#[cfg(all(feature = "phone", not(target_arch = "wasm32")))]
pub(crate) const ENGINE: &str = "rlibphonenumber 2.2.15 (regex)";
/// Engine name, version (pinned exactly in `Cargo.toml`) and regex engine: `regex` with the
/// `phone` feature natively, `regex-lite` with `phone-lite` alone and on wasm32.
#[cfg(not(all(feature = "phone", not(target_arch = "wasm32"))))]
pub(crate) const ENGINE: &str = "rlibphonenumber 2.2.15 (regex-lite)";

/// libphonenumber metadata release compiled into [`ENGINE`] (from its README).
pub(crate) const METADATA_VERSION: &str = "9.0.42";

static LOADED: AtomicBool = AtomicBool::new(false);

/// The engine, loading its metadata on first use.
fn util() -> &'static PhoneNumberUtil {
    let util: &'static PhoneNumberUtil = &PHONE_NUMBER_UTIL;
    LOADED.store(true, Ordering::Relaxed);
    util
}

/// Whether the metadata has been loaded (by any earlier call).
pub(crate) fn metadata_loaded() -> bool {
    LOADED.load(Ordering::Relaxed)
}

/// Why the engine's parser refused the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseFailure {
    NotANumber,
    InvalidCountryCode,
    TooShortAfterIdd,
    TooShortNsn,
    TooLongNsn,
}

/// A region the engine has metadata for, as the engine's own type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EngineRegion(Region);

/// Looks up a region code (already upper-cased ASCII). `None` unless the
/// engine has metadata for it: two letters alone are not enough, and `001`
/// (non-geographic) is not a dialling region.
pub(crate) fn region(code: &str) -> Option<EngineRegion> {
    let region = Region::from_code(code).ok()?;
    if region == Region::World {
        return None;
    }
    util().get_country_code_for_region(region)?;
    Some(EngineRegion(region))
}

/// Every region with metadata, sorted, as codes.
pub(crate) fn supported_regions() -> Vec<RegionCode> {
    let mut out: Vec<RegionCode> = util()
        .get_supported_regions()
        .filter_map(|r| RegionCode::new(&r.as_region_str()))
        .collect();
    out.sort_unstable();
    out
}

/// Every country calling code the engine recognises, sorted.
#[cfg(test)]
pub(crate) fn supported_calling_codes() -> Vec<u16> {
    let mut out: Vec<u16> = util()
        .get_supported_calling_codes()
        .filter_map(|c| u16::try_from(c).ok())
        .collect();
    out.sort_unstable();
    out
}

/// The metadata's example number of a type for a region, if it has one.
pub(crate) fn example_number(region: EngineRegion, number_type: NumberType) -> Option<Number> {
    let t = match number_type {
        NumberType::FixedLine => PhoneNumberType::FixedLine,
        NumberType::Mobile => PhoneNumberType::Mobile,
        NumberType::FixedLineOrMobile => PhoneNumberType::FixedLineOrMobile,
        NumberType::TollFree => PhoneNumberType::TollFree,
        NumberType::PremiumRate => PhoneNumberType::PremiumRate,
        NumberType::SharedCost => PhoneNumberType::SharedCost,
        NumberType::Voip => PhoneNumberType::VoIP,
        NumberType::PersonalNumber => PhoneNumberType::PersonalNumber,
        NumberType::Pager => PhoneNumberType::Pager,
        NumberType::Uan => PhoneNumberType::UAN,
        NumberType::Voicemail => PhoneNumberType::VoiceMail,
        NumberType::Unknown => return None,
    };
    util()
        .get_example_number_for_type_and_region(region.0, t)
        .ok()
        .map(Number)
}

/// A parsed number, in the engine's representation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Number(EngineNumber);

/// Runs the engine's full text parser.
///
/// Two guards keep the engine's bugs from becoming ours:
/// - rlibphonenumber 2.2.15 slices `input[tel: + 4 .. ;phone-context=]` without checking the
///   order, and panics when `tel:` comes after `;phone-context=` (found by fuzzing; e.g.
///   `+1;phone-context=a;tel:`). libphonenumber reads no number there, so neither do we.
/// - Any other panic inside the engine is caught (where unwinding exists, that is natively)
///   and reported as "not a number" rather than taking the caller down.
pub(crate) fn parse(
    input: &str,
    default_region: Option<EngineRegion>,
) -> Result<Number, ParseFailure> {
    if let Some(context) = input.find(";phone-context=")
        && input.find("tel:").is_some_and(|tel| tel > context)
    {
        return Err(ParseFailure::NotANumber);
    }
    let region = default_region.map(|r| r.0);
    std::panic::catch_unwind(|| util().parse(input, region))
        .map_err(|_| ParseFailure::NotANumber)?
        .map(Number)
        .map_err(|e| match e {
            ParseError::InvalidCountryCode => ParseFailure::InvalidCountryCode,
            ParseError::NotANumber(NotANumberError::NotMatchedValidNumberPattern)
            | ParseError::NotANumber(_) => ParseFailure::NotANumber,
            ParseError::TooShortAfterIdd => ParseFailure::TooShortAfterIdd,
            ParseError::TooShortNsn => ParseFailure::TooShortNsn,
            ParseError::TooLongNsn => ParseFailure::TooLongNsn,
        })
}

impl Number {
    /// Builds the number the parser would produce for `+<cc><nsn>` when no
    /// national prefix is stripped. `nsn` must be 2–17 ASCII digits with at most
    /// one leading zero (the fast path guarantees this).
    pub(crate) fn from_canonical_parts(country_code: u16, nsn: &str) -> Option<Number> {
        let national_number = nsn.parse::<u64>().ok()?;
        let leading_zero = nsn.len() > 1 && nsn.starts_with('0');
        if nsn.starts_with("00") {
            return None;
        }
        Some(Number(EngineNumber {
            country_code: i32::from(country_code),
            national_number,
            italian_leading_zero: leading_zero.then_some(true),
            ..EngineNumber::default()
        }))
    }

    /// The country calling code (the parser only produces codes in use, all < 1000).
    pub(crate) fn country_code(&self) -> u16 {
        u16::try_from(self.0.country_code).unwrap_or(0)
    }

    /// The extension, if the input had one.
    pub(crate) fn extension(&self) -> Option<&str> {
        self.0.extension.as_deref()
    }

    /// The number formatted as E.164 (`+` and digits, no extension).
    pub(crate) fn e164(&self) -> String {
        self.0.format_as(PhoneNumberFormat::E164).into_owned()
    }

    /// libphonenumber's INTERNATIONAL format (`+44 20 7946 0958`).
    pub(crate) fn international(&self) -> String {
        util()
            .format(&self.0, PhoneNumberFormat::International)
            .into_owned()
    }

    /// libphonenumber's NATIONAL format (`020 7946 0958`).
    pub(crate) fn national(&self) -> String {
        util()
            .format(&self.0, PhoneNumberFormat::National)
            .into_owned()
    }

    /// Length check, number type, validity and region: the expensive part.
    pub(crate) fn validate(&self) -> super::Validation {
        let util = util();
        let possible = match util.is_possible_number_with_reason(&self.0) {
            Ok(NumberLengthType::IsPossible) => PossibleReason::IsPossible,
            Ok(NumberLengthType::IsPossibleLocalOnly) => PossibleReason::IsPossibleLocalOnly,
            Err(ValidationError::InvalidCountryCode) => PossibleReason::InvalidCountryCode,
            Err(ValidationError::TooShort) => PossibleReason::TooShort,
            Err(ValidationError::InvalidLength) => PossibleReason::InvalidLength,
            Err(ValidationError::TooLong) => PossibleReason::TooLong,
        };
        let number_type = match util.get_number_type(&self.0) {
            PhoneNumberType::FixedLine => NumberType::FixedLine,
            PhoneNumberType::Mobile => NumberType::Mobile,
            PhoneNumberType::FixedLineOrMobile => NumberType::FixedLineOrMobile,
            PhoneNumberType::TollFree => NumberType::TollFree,
            PhoneNumberType::PremiumRate => NumberType::PremiumRate,
            PhoneNumberType::SharedCost => NumberType::SharedCost,
            PhoneNumberType::VoIP => NumberType::Voip,
            PhoneNumberType::PersonalNumber => NumberType::PersonalNumber,
            PhoneNumberType::Pager => NumberType::Pager,
            PhoneNumberType::UAN => NumberType::Uan,
            PhoneNumberType::VoiceMail => NumberType::Voicemail,
            PhoneNumberType::Unknown => NumberType::Unknown,
        };
        let region = util
            .get_region_for_number(&self.0)
            .and_then(|r| RegionCode::new(&r.as_region_str()));
        // libphonenumber's isValidNumber is "the number's region has metadata and the
        // number matches one of its types": exactly `getNumberType != UNKNOWN`, which was just
        // computed. Calling it again repeated the region lookup and the type patterns;
        // tests/phone_oracle.rs checks validity against libphonenumber's own verdicts.
        super::Validation {
            possible,
            is_valid: number_type != NumberType::Unknown,
            number_type,
            region,
        }
    }
}
