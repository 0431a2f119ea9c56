//! Rate card amounts are read by the crate's own decimal reader (rust_decimal's was 4.2 KB of
//! the npm package's `full` entry); this checks it against rust_decimal's `from_str` and
//! `from_scientific`, which its serde support used: the same value and scale wherever the
//! crate accepts, and a refusal only where rust_decimal would round (more than 28 decimal
//! places or 96 bits of digits) or read an underscore.
#![cfg(feature = "request")]

use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::Decimal;
use sms_preflight::cost::RateCard;

/// rust_decimal's reading, as its `serde-str` deserializer did it.
fn reference(s: &str) -> Option<Decimal> {
    Decimal::from_str(s)
        .or_else(|_| Decimal::from_scientific(s))
        .ok()
}

/// The crate's reading, through the rate card reader the npm package uses, and through
/// serde (the CLI's).
fn ours(s: &str) -> Option<Decimal> {
    let doc = format!(
        r#"{{"entries": [{{"country": "*", "sender": "*", "type": "*", "rate": {}, "carrier_fee": "0", "currency": "USD"}}]}}"#,
        serde_json::to_string(s).unwrap()
    );
    let by_hand = RateCard::from_json(&doc).ok().map(|c| c.entries[0].rate);
    let by_serde = serde_json::from_str::<RateCard>(&doc)
        .ok()
        .map(|c| c.entries[0].rate);
    assert_eq!(
        by_hand.map(|d| d.to_string()),
        by_serde.map(|d| d.to_string()),
        "{s:?}"
    );
    by_hand
}

/// What the crate refuses and rust_decimal reads: underscores, and what it would round (more
/// than 28 digits, or more than 28 decimal places once the exponent is applied).
fn rounded_or_underscored(s: &str) -> bool {
    if s.contains('_') {
        return true;
    }
    let (base, exponent) = s.split_once(['e', 'E']).unwrap_or((s, "0"));
    let places = base.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
    let digits = base.bytes().filter(u8::is_ascii_digit).count();
    let exponent: i64 = exponent.trim_start_matches('+').parse().unwrap_or(0);
    digits > 28 || places - exponent > 28
}

fn same(s: &str) {
    let (r, o) = (reference(s), ours(s));
    match (r, o) {
        (Some(r), Some(o)) => {
            assert_eq!(o.to_string(), r.to_string(), "{s:?}: value and scale");
        }
        (None, None) => {}
        // Negative amounts are refused by the rate card, whatever the reader.
        (Some(r), None) if r.is_sign_negative() && !r.is_zero() => {}
        (Some(r), None) => assert!(rounded_or_underscored(s), "{s:?}: rust_decimal reads {r}"),
        (None, Some(o)) => panic!("{s:?}: read as {o}, rust_decimal refuses it"),
    }
}

#[test]
fn amounts_read_as_rust_decimal_reads_them() {
    for s in [
        "0",
        "0.004",
        "0.00205",
        "-0",
        "+1",
        "-0.0",
        "12",
        "12.",
        ".5",
        ".",
        "",
        "+",
        "-",
        "1.2.3",
        "1,5",
        " 1",
        "1 ",
        "0x10",
        "1e3",
        "1E3",
        "1e+3",
        "1e-3",
        "2.05e-3",
        "1.20e1",
        "1.2e10",
        "1e28",
        "1e29",
        "1e-28",
        "1e-29",
        "0.1e-28",
        "1e",
        "e3",
        ".e3",
        "1.e3",
        "1e3.5",
        "1e-+3",
        "1e--3",
        "1_000",
        "1__0",
        "_1",
        "1.000_5",
        "79228162514264337593543950335",
        "79228162514264337593543950336",
        "7922816251426433759354395033.5",
        "0.0000000000000000000000000001",
        "0.00000000000000000000000000001",
        "0.12345678901234567890123456789",
        "1.0000000000000000000000000005",
        "00000000000000000000000000000000000001",
        "9999999999999999999999999999",
        "99999999999999999999999999999",
        "1e-0",
        "1e0",
        "1e00000000003",
        "5e-28",
        "٣",
    ] {
        same(s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn random_amounts_read_as_rust_decimal_reads_them(
        s in "[+-]?[0-9_]{0,16}(\\.[0-9]{0,16})?([eE][+-]?[0-9]{1,2})?"
    ) {
        same(&s);
    }

    #[test]
    fn long_amounts_read_as_rust_decimal_reads_them(
        s in "[0-9]{0,32}(\\.[0-9]{0,32})?([eE]-?[0-9]{1,2})?"
    ) {
        same(&s);
    }
}
