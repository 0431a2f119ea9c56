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
//!
//! With the feature `slim-phone-metadata` the engine is built from
//! `metadata_slim.bin` instead of the metadata compiled into rlibphonenumber: the same
//! collection without example numbers and the fields this crate never reads
//! (`scripts/gen_phone_metadata.py` says which). The tests below prove that both give the
//! same answers to every call this file makes.

use std::sync::atomic::{AtomicBool, Ordering};

use rlibphonenumber::{
    NotANumberError, NumberLengthType, ParseError, PhoneNumber as EngineNumber, PhoneNumberFormat,
    PhoneNumberType, PhoneNumberUtil, Region, ValidationError,
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
    let util = engine();
    LOADED.store(true, Ordering::Relaxed);
    util
}

/// The engine with the metadata compiled into rlibphonenumber.
#[cfg(not(feature = "slim-phone-metadata"))]
fn engine() -> &'static PhoneNumberUtil {
    &rlibphonenumber::PHONE_NUMBER_UTIL
}

/// The engine with the slim metadata.
#[cfg(feature = "slim-phone-metadata")]
fn engine() -> &'static PhoneNumberUtil {
    static UTIL: std::sync::LazyLock<PhoneNumberUtil> = std::sync::LazyLock::new(slim_engine);
    &UTIL
}

/// `metadata_slim.bin`: rlibphonenumber's metadata without what this crate never reads,
/// written by `scripts/gen_phone_metadata.py`.
#[cfg(any(test, feature = "slim-phone-metadata"))]
const SLIM_METADATA: &[u8] = include_bytes!("metadata_slim.bin");

/// An engine built from [`SLIM_METADATA`], read by [`super::metadata`] (prost's decoder
/// was 4.2 KB of the npm package). The data is constant and the tests read it, so neither
/// `expect` can fail (the engine's own global does the same with `unwrap`).
#[cfg(any(test, feature = "slim-phone-metadata"))]
fn slim_engine() -> PhoneNumberUtil {
    let collection = super::metadata::decode(SLIM_METADATA)
        .expect("metadata_slim.bin is a PhoneMetadataCollection");
    PhoneNumberUtil::new_for_metadata(collection).expect("metadata_slim.bin has known regions")
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

    /// The number formatted as E.164 (`+` and digits, no extension). Through [`util`], not
    /// rlibphonenumber's `format_as`, which goes through its global engine and its metadata.
    pub(crate) fn e164(&self) -> String {
        util().format(&self.0, PhoneNumberFormat::E164).into_owned()
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

/// The slim metadata against the full one: every call this file makes gets the same answer
/// from an engine built from either.
#[cfg(test)]
mod slim_metadata {
    use super::*;
    use rlibphonenumber::PHONE_NUMBER_UTIL;

    /// What this file reads of a parsed number, from one engine.
    fn answers(util: &PhoneNumberUtil, n: &EngineNumber) -> String {
        let region = util.get_region_for_number(n);
        format!(
            "{n:?} | {} | {} | {} | {:?} | {:?} | {:?} | {}",
            util.format(n, PhoneNumberFormat::E164),
            util.format(n, PhoneNumberFormat::International),
            util.format(n, PhoneNumberFormat::National),
            util.is_possible_number_with_reason(n),
            util.get_number_type(n),
            region.map(|r| r.as_region_str().to_string()),
            util.is_valid_number(n),
        )
    }

    fn parse_both(
        full: &PhoneNumberUtil,
        slim: &PhoneNumberUtil,
        input: &str,
        region: Option<Region>,
    ) -> bool {
        let (a, b) = (full.parse(input, region), slim.parse(input, region));
        assert_eq!(a, b, "{input:?} {region:?}");
        if let Ok(n) = &a {
            assert_eq!(answers(full, n), answers(slim, n), "{input:?} {region:?}");
        }
        a.is_ok()
    }

    fn regions(util: &PhoneNumberUtil) -> Vec<String> {
        let mut v: Vec<String> = util
            .get_supported_regions()
            .map(|r| r.as_region_str().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn same_regions_and_calling_codes() {
        let (full, slim) = (&*PHONE_NUMBER_UTIL, &slim_engine());
        assert_eq!(regions(full), regions(slim));
        let codes = |u: &PhoneNumberUtil| {
            let mut v: Vec<i32> = u.get_supported_calling_codes().collect();
            v.sort_unstable();
            v
        };
        assert_eq!(codes(full), codes(slim));
        for r in full.get_supported_regions() {
            assert_eq!(
                full.get_country_code_for_region(r),
                slim.get_country_code_for_region(r)
            );
        }
        for code in codes(full) {
            let list = |u: &PhoneNumberUtil| {
                u.get_regions_for_country_calling_code(code).map(|it| {
                    it.map(|r| r.as_region_str().to_string())
                        .collect::<Vec<_>>()
                })
            };
            assert_eq!(list(full), list(slim), "+{code}");
        }
        // What the slim data leaves out.
        let us = Region::from_code("US").unwrap();
        assert!(
            full.get_example_number_for_type_and_region(us, PhoneNumberType::Mobile)
                .is_ok()
        );
        assert!(
            slim.get_example_number_for_type_and_region(us, PhoneNumberType::Mobile)
                .is_err()
        );
    }

    /// Every example number of every region and type, in E.164, international and
    /// national spelling, with and without an extension, with no region, its own region and
    /// another; then prefixes and variations of its digits.
    #[test]
    fn same_answers_for_every_example_number() {
        use PhoneNumberType::*;
        let (full, slim) = (&*PHONE_NUMBER_UTIL, &slim_engine());
        let types = [
            FixedLine,
            Mobile,
            FixedLineOrMobile,
            TollFree,
            PremiumRate,
            SharedCost,
            VoIP,
            PersonalNumber,
            Pager,
            UAN,
            VoiceMail,
        ];
        let gb = Region::from_code("GB").ok();
        let (mut parsed, mut examples) = (0, 0);
        let mut inputs: Vec<(String, Option<Region>)> = Vec::new();
        for region in full.get_supported_regions() {
            for t in types {
                let Ok(n) = full.get_example_number_for_type_and_region(region, t) else {
                    continue;
                };
                examples += 1;
                let e164 = full.format(&n, PhoneNumberFormat::E164).into_owned();
                let intl = full
                    .format(&n, PhoneNumberFormat::International)
                    .into_owned();
                let national = full.format(&n, PhoneNumberFormat::National).into_owned();
                for s in [&e164, &intl, &national] {
                    for r in [None, Some(region), gb] {
                        inputs.push((s.clone(), r));
                        inputs.push((format!("{s} ext. 42"), r));
                    }
                }
                // Shorter and longer digit strings: other lengths, other types, invalid ones.
                let digits = &e164[1..];
                for cut in 1..digits.len() {
                    inputs.push((format!("+{}", &digits[..cut]), None));
                    inputs.push((digits[cut..].to_string(), Some(region)));
                }
                for extra in ["0", "9", "12"] {
                    inputs.push((format!("{e164}{extra}"), None));
                    inputs.push((format!("{national}{extra}"), Some(region)));
                }
            }
        }
        for (input, region) in &inputs {
            parsed += usize::from(parse_both(full, slim, input, *region));
        }
        // Non-geographic calling codes (+800, +808, …) have example numbers too.
        let mut non_geo = 0;
        for code in full.get_supported_global_network_calling_codes() {
            if let Ok(n) = full.get_example_number_for_non_geo_entity(code) {
                let e164 = full.format(&n, PhoneNumberFormat::E164).into_owned();
                let intl = full
                    .format(&n, PhoneNumberFormat::International)
                    .into_owned();
                for s in [&e164, &intl] {
                    non_geo += usize::from(parse_both(full, slim, s, None));
                }
            }
        }
        assert!(non_geo >= 10, "{non_geo}");
        assert!(examples > 1_300, "{examples} example numbers");
        assert!(
            parsed > 50_000,
            "{parsed} of {} inputs parsed",
            inputs.len()
        );
    }

    /// The inputs of the phone oracle (libphonenumber's own verdicts), which include the
    /// awkward ones: `tel:` URIs, vanity letters, other scripts' digits, extensions.
    #[test]
    fn same_answers_for_the_oracle_inputs() {
        let (full, slim) = (&*PHONE_NUMBER_UTIL, &slim_engine());
        let data = include_str!("../../tests/data/phone_oracle.jsonl");
        let mut n = 0;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let input = case["input"].as_str().unwrap();
            let region = case["region"]
                .as_str()
                .and_then(|r| Region::from_code(r).ok());
            if input.contains(";phone-context=") && input.contains("tel:") {
                continue; // the engine's known panic: parse() guards it, see above
            }
            parse_both(full, slim, input, region);
            n += 1;
        }
        assert!(n > 400, "{n}");
    }
}
