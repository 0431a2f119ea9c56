//! Agreement with Google's libphonenumber (python-phonenumbers 9.0.43) on the
//! 462 cases of `tests/data/phone_oracle.jsonl`: parse outcome and error kind,
//! E.164, country code, national number, extension, possible (and reason),
//! valid, type and region of the number, and the international and national
//! formats.
#![cfg(any(feature = "phone", feature = "phone-lite"))]

use serde_json::Value;
use sms_preflight::phone::{PhoneError, normalize};

/// Cases where we knowingly differ from the oracle, by id, with the reason.
/// Empty: every case agrees.
const EXCEPTIONS: &[(u64, &str)] = &[];

/// libphonenumber's name for the parse error our error corresponds to.
fn oracle_error_name(e: &PhoneError) -> &'static str {
    match e {
        // Python's parse() refuses input over 250 characters with TOO_LONG.
        PhoneError::InputTooLong { .. } | PhoneError::TooLongNsn => "TOO_LONG",
        PhoneError::NotANumber => "NOT_A_NUMBER",
        PhoneError::MissingCountryCode { .. } | PhoneError::InvalidCountryCode => {
            "INVALID_COUNTRY_CODE"
        }
        PhoneError::TooShortAfterIdd => "TOO_SHORT_AFTER_IDD",
        PhoneError::TooShortNsn => "TOO_SHORT_NSN",
        PhoneError::UnsupportedRegion { .. } => "UNSUPPORTED_REGION",
    }
}

/// Every difference between our answer and the oracle's for one case.
fn differences(case: &Value) -> Vec<String> {
    let input = case["input"].as_str().expect("input");
    let region = case["region"].as_str();
    let mut diffs = Vec::new();
    let mut check = |field: &str, ours: Value, theirs: &Value| {
        if &ours != theirs {
            diffs.push(format!("{field}: ours {ours}, oracle {theirs}"));
        }
    };
    match normalize(input, region) {
        Err(e) => {
            check("parse_ok", Value::Bool(false), &case["parse_ok"]);
            check("error", oracle_error_name(&e).into(), &case["error"]);
        }
        Ok(n) => {
            check("parse_ok", Value::Bool(true), &case["parse_ok"]);
            check("e164", n.e164().into(), &case["e164"]);
            check(
                "country_code",
                n.country_code().into(),
                &case["country_code"],
            );
            check("nsn", n.national_significant_number().into(), &case["nsn"]);
            check("extension", n.extension().into(), &case["extension"]);
            check("is_possible", n.is_possible().into(), &case["is_possible"]);
            check(
                "possible_reason",
                n.possible_reason().libphonenumber_name().into(),
                &case["possible_reason"],
            );
            check("is_valid", n.is_valid().into(), &case["is_valid"]);
            check(
                "type",
                n.number_type().libphonenumber_name().into(),
                &case["type"],
            );
            check("region", n.region().into(), &case["region_of_number"]);
            check(
                "international",
                n.international().into(),
                &case["international"],
            );
            check("national", n.national().into(), &case["national"]);
        }
    }
    diffs
}

#[test]
fn agrees_with_libphonenumber() {
    let data = include_str!("data/phone_oracle.jsonl");
    let cases: Vec<Value> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("oracle line"))
        .collect();
    assert_eq!(cases.len(), 462);

    let mut failures = Vec::new();
    let mut stale = Vec::new();
    let mut agree = 0usize;
    for case in &cases {
        let id = case["id"].as_u64().expect("id");
        let diffs = differences(case);
        let excepted = EXCEPTIONS.iter().any(|(x, _)| *x == id);
        if diffs.is_empty() {
            agree += 1;
            if excepted {
                stale.push(id);
            }
        } else if !excepted {
            failures.push(format!(
                "#{id} {:?} region {:?} ({}): {}",
                case["input"].as_str().unwrap_or(""),
                case["region"],
                case["note"].as_str().unwrap_or(""),
                diffs.join("; ")
            ));
        }
    }
    println!(
        "oracle agreement: {agree}/{} = {:.1}%",
        cases.len(),
        100.0 * agree as f64 / cases.len() as f64
    );
    assert!(
        failures.is_empty(),
        "{} undocumented disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(stale.is_empty(), "exceptions that now agree: {stale:?}");
}

#[test]
fn engine_follows_the_features() {
    // `phone` (the default) compiles the fast `regex` engine; `phone-lite` alone the small one.
    let want = if cfg!(feature = "phone") {
        "rlibphonenumber 2.2.15 (regex)"
    } else {
        "rlibphonenumber 2.2.15 (regex-lite)"
    };
    assert_eq!(sms_preflight::phone::ENGINE, want);
}
