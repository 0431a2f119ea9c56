//! `request::Timestamp` reads and writes RFC 3339 by hand (the `time` crate was 6.5 KB of the
//! npm package's `full` entry); this checks it against `time` 0.3, its former engine, on
//! every kind of input: the same instants, the same refusals with the same reasons, the same
//! text out.
#![cfg(feature = "request")]

use proptest::prelude::*;
use sms_preflight::request::Timestamp;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// `time`'s reading: nanoseconds, or its error message.
fn reference(s: &str) -> Result<i128, String> {
    OffsetDateTime::parse(s, &Rfc3339)
        .map(OffsetDateTime::unix_timestamp_nanos)
        .map_err(|e| e.to_string())
}

fn same(s: &str) {
    let ours = Timestamp::parse(s)
        .map(Timestamp::unix_nanos)
        .map_err(|e| e.reason);
    assert_eq!(ours, reference(s), "{s:?}");
}

/// `time`'s writing, with the fallback `to_rfc3339` had around it.
fn reference_text(nanos: i128) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("{nanos} ns after the Unix epoch"))
}

#[test]
fn reads_what_time_reads() {
    for s in [
        "2026-12-01T12:00:00Z",
        "2026-12-01t12:00:00z",
        "2026-12-01 12:00:00Z",
        "2026-12-01x12:00:00Z",
        "2026-12-01\u{e9}12:00:00Z",
        "2026-12-01T12:00:00.5Z",
        "2026-12-01T12:00:00.123456789Z",
        "2026-12-01T12:00:00.1234567891234Z",
        "2026-12-01T12:00:00.Z",
        "2026-12-01T12:00:00+01:00",
        "2026-12-01T12:00:00-00:00",
        "2026-12-01T12:00:00+23:59",
        "2026-12-01T12:00:00+24:00",
        "2026-12-01T12:00:00+01:60",
        "2026-12-01T12:00:00+0100",
        "2026-12-01T12:00:00+1:00",
        "2026-12-01T12:00:00",
        "2026-12-01T12:00Z",
        "2026-12-01",
        "2026-12-01T",
        "2026-12-01T12:00:00Zx",
        "2026-12-01T12:00:00Z ",
        " 2026-12-01T12:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-12-00T00:00:00Z",
        "2026-12-32T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "2024-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-12-01T24:00:00Z",
        "2026-12-01T23:60:00Z",
        "2026-12-01T23:59:61Z",
        "2026-12-31T23:59:60Z",
        "2026-12-31T23:59:60.5Z",
        "2026-12-30T23:59:60Z",
        "2026-06-30T23:59:60Z",
        "2026-07-01T00:59:60+01:00",
        "2026-06-30T22:59:60-01:00",
        "2026-12-31T22:59:60Z",
        "0000-01-01T00:00:00Z",
        "0000-01-01T00:00:00+01:00",
        "0000-01-01T00:59:60+01:00",
        "9999-12-31T23:59:59.999999999Z",
        "9999-12-31T23:59:59-23:59",
        "9999-12-31T23:59:60Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "+2026-12-01T00:00:00Z",
        "20261-12-01T00:00:00Z",
        "2026-1-01T00:00:00Z",
        "2026/12/01T00:00:00Z",
        "2026-12-01T00-00:00Z",
        "tomorrow",
        "",
        "2",
        "٢٠٢٦-12-01T00:00:00Z",
    ] {
        same(s);
    }
}

/// Every day of four years (a leap year, a common one, a century that is not leap and one
/// that is), at the edges of the day, in three offsets.
#[test]
fn every_day_of_four_years() {
    for year in [2024, 2026, 2100, 2000] {
        for month in 1..=13 {
            for day in 0..=32 {
                for time in ["00:00:00", "23:59:59.999", "23:59:60"] {
                    for offset in ["Z", "+14:00", "-09:30"] {
                        same(&format!("{year:04}-{month:02}-{day:02}T{time}{offset}"));
                    }
                }
            }
        }
    }
}

#[test]
fn writes_what_time_writes() {
    let day = 86_400 * 1_000_000_000i128;
    for nanos in [
        0,
        1,
        -1,
        500_000_000,
        1_796_083_201_000_000_000,
        1_796_083_201_120_000_000,
        -62_167_219_200_000_000_000,
        -62_167_219_200_000_000_001,
        253_402_300_799_999_999_999,
        253_402_300_800_000_000_000,
        i128::MAX,
        i128::MIN,
        i128::from(i64::MAX) * 1_000_000_000,
        951_782_400_000_000_000 - day, // 2000-02-28
        951_782_400_000_000_000,       // 2000-02-29
        4_107_542_400_000_000_000,     // 2100-03-01
    ] {
        assert_eq!(
            Timestamp::from_unix_nanos(nanos).to_rfc3339(),
            reference_text(nanos),
            "{nanos}"
        );
    }
}

/// A string shaped like RFC 3339, with each part sometimes off.
fn rfc3339_like() -> impl Strategy<Value = String> {
    let num = |n: usize| prop::string::string_regex(&format!("[0-9]{{{n}}}")).unwrap();
    let date_part = prop_oneof![
        8 => (0u32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => (num(4), num(2), num(2)).prop_map(|(y, m, d)| format!("{y}-{m}-{d}")),
        1 => "[0-9-]{0,12}",
    ];
    let time_part = prop_oneof![
        8 => (0u32..=23, 0u32..=59, 0u32..=60).prop_map(|(h, m, s)| format!("{h:02}:{m:02}:{s:02}")),
        1 => (num(2), num(2), num(2)).prop_map(|(h, m, s)| format!("{h}:{m}:{s}")),
        1 => "[0-9:]{0,9}",
    ];
    let frac = prop_oneof![3 => Just(String::new()), 2 => "\\.[0-9]{0,12}"];
    let offset = prop_oneof![
        3 => Just("Z".to_owned()),
        1 => Just("z".to_owned()),
        3 => ("[+-]", 0u32..=25, 0u32..=61).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
        1 => "[+-]?[0-9:]{0,6}",
    ];
    let sep = prop_oneof![6 => Just("T"), 1 => Just("t"), 1 => Just(" "), 1 => Just("")];
    let tail = prop_oneof![9 => Just(""), 1 => Just("x"), 1 => Just(" ")];
    (date_part, sep, time_part, frac, offset, tail)
        .prop_map(|(d, s, t, f, o, x)| format!("{d}{s}{t}{f}{o}{x}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_read_as_time_reads_them(s in rfc3339_like()) {
        same(&s);
    }

    #[test]
    fn arbitrary_strings_read_as_time_reads_them(s in "\\PC{0,40}") {
        same(&s);
    }

    #[test]
    fn instants_write_as_time_writes_them(
        secs in -70_000_000_000i64..260_000_000_000,
        nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000, Just(999_999_999)],
    ) {
        let t = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        prop_assert_eq!(Timestamp::from_unix_nanos(t).to_rfc3339(), reference_text(t));
        // And what is written reads back.
        let text = Timestamp::from_unix_nanos(t).to_rfc3339();
        if !text.ends_with("epoch") {
            prop_assert_eq!(Timestamp::parse(&text).unwrap().unix_nanos(), t);
        }
    }
}
