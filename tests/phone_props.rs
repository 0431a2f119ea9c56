//! Property tests for `phone`. (Fast path == full parser is checked inside the
//! crate, in `src/phone/fast.rs`, where both paths can be called directly.)
#![cfg(any(feature = "phone", feature = "phone-lite"))]

use proptest::prelude::*;
use sms_preflight::phone::{Address, normalize};

const REGIONS: &[&str] = &[
    "US", "CA", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT", "SE", "NO", "PL", "RU", "KZ",
    "BY", "LT", "UA", "TR", "IL", "AE", "SA", "EG", "NG", "KE", "ZA", "IN", "PK", "CN", "JP", "KR",
    "SG", "ID", "AU", "NZ", "BR", "AR", "MX", "CO", "IR", "HU", "SM", "MG", "VA",
];

/// Strings made of what people put around phone numbers, including whole RFC 3966 and
/// extension tokens in any order (a `tel:` after `;phone-context=` once panicked inside the
/// engine).
fn phoneish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::char::range('0', '9').prop_map(String::from),
            2 => prop::sample::select(vec![
                ' ', '-', '.', '(', ')', '/', '+', '＋', '#', '*', ';', '=', ',', 'x', 'e', 't',
                ':', 'A', 'Z', '٣', '۷', '७', '１', '\u{a0}', '\u{2011}', '\u{200b}', '\t', '~',
            ])
            .prop_map(String::from),
            1 => prop::sample::select(vec![
                "tel:", ";phone-context=", ";ext=", "ext.", " x", ";isub=", "+1", "00", "011",
                "example.com", "+44",
            ])
            .prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn region() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        6 => prop::sample::select(REGIONS).prop_map(|r| Some(r.to_owned())),
        1 => "[A-Za-z0-9]{0,4}".prop_map(Some),
    ]
}

/// Calls every accessor, so validation runs too, and serializes.
fn exercise(input: &str, region: Option<&str>) {
    if let Ok(n) = normalize(input, region) {
        let _ = (n.is_possible(), n.is_valid(), n.number_type(), n.region());
        let _ = (
            n.national_significant_number(),
            n.extension(),
            n.country_code(),
        );
        serde_json::to_string(&n).expect("serialize");
    } else if let Err(e) = normalize(input, region) {
        let _ = (e.kind(), e.telnyx_code(), e.to_string());
    }
    match Address::classify_with_region(input, region) {
        Ok(a) => {
            let _ = (a.api_value(), a.kind());
            serde_json::to_string(&a).expect("serialize");
        }
        Err(e) => {
            serde_json::to_string(&e).expect("serialize");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn never_panics_on_arbitrary_strings(s in any::<String>(), r in region()) {
        exercise(&s, r.as_deref());
    }

    #[test]
    fn never_panics_on_phone_like_strings(s in phoneish(), r in region()) {
        exercise(&s, r.as_deref());
    }

    #[test]
    fn never_panics_on_long_inputs(s in "[0-9 +x-]{200,300}", r in region()) {
        exercise(&s, r.as_deref());
    }

    /// Normalizing the E.164 output again gives the same number, for every
    /// number that libphonenumber considers valid. (Not for every parsed
    /// number: libphonenumber keeps trunk-prefix-like digits it could not strip,
    /// e.g. `0015034051` in BR gives `+55015034051`, whose re-parse strips the
    /// `0` and gives `+5515034051`. Such numbers are never valid; a sweep of
    /// 200k random national numbers over 14 regions found 218, none valid.)
    #[test]
    fn e164_output_round_trips(
        digits in "[0-9]{4,15}",
        sep in prop::sample::select(vec!["", " ", "-", "."]),
        plus in any::<bool>(),
        r in prop::sample::select(REGIONS),
    ) {
        let spaced: String = digits
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let s = if i > 0 && i % 3 == 0 { sep } else { "" };
                s.chars().chain(std::iter::once(c))
            })
            .collect();
        let input = if plus { format!("+{spaced}") } else { spaced };
        if let Ok(n) = normalize(&input, Some(r))
            && n.is_valid()
        {
            let again = normalize(n.e164(), None).expect("E.164 output parses");
            prop_assert_eq!(again.e164(), n.e164());
            prop_assert_eq!(again.country_code(), n.country_code());
            prop_assert_eq!(again.national_significant_number(), n.national_significant_number());
            prop_assert_eq!(again.number_type(), n.number_type());
            prop_assert_eq!(again.region(), n.region());
            prop_assert!(again.is_valid());
        }
    }
}

#[test]
fn tel_after_phone_context_is_not_a_number() {
    // Found by fuzzing: rlibphonenumber 2.2.15 panics on these; libphonenumber (Python
    // phonenumbers 9.0.43) says NOT_A_NUMBER.
    for input in [
        "+1;phone-context=a;tel:",
        "+14155552671;phone-context=example.com;tel:1",
    ] {
        let err = normalize(input, None).unwrap_err();
        assert_eq!(err.kind(), "not_a_number", "{input}");
        assert!(Address::classify(input).is_err());
    }
    // The ordinary RFC 3966 form still parses.
    let n = normalize("tel:+1-415-555-2671;phone-context=example.com", None).unwrap();
    assert_eq!(n.e164(), "+14155552671");
}

#[test]
fn impossible_numbers_are_not_addresses() {
    // Too short for +1: well-formed, but no number has that length.
    let err = Address::classify("+1415555267").unwrap_err();
    assert_eq!(err.kind(), "impossible_number");
    assert_eq!(err.telnyx_code(), Some(10002));
    assert!(err.to_string().contains("too short"), "{err}");
    assert_eq!(
        Address::classify("+1234567").unwrap_err().kind(),
        "impossible_number"
    );
    // Possible but not valid (the 555 numbers of documentation) stays usable: a validator
    // that required validity would reject Telnyx's own examples.
    let a = Address::classify("+15551234567").unwrap();
    assert_eq!(a.kind(), "e164");
}
