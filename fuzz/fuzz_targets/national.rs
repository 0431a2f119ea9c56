//! National-table selection on arbitrary text: the first two bytes pick the allowed
//! languages (a 13-bit set), the third the reference and split policy; the rest is lossy
//! UTF-8. Asserts: count == analyze summary; lossless, contiguous segments; every segment's
//! units equal `national_septets` under the tables the analysis reports; no segment over its
//! capacity; capacities follow from the UDH octets (standards.md §2.2); GSM-7 exactly when
//! some allowed pair of tables carries the text; and never more parts than without tables.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::{
    ConcatRef, Encoding, Language, NationalLanguages, Options, SplitPolicy, analyze, count,
    national_septets,
};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let bits = u16::from_le_bytes([data[0], data[1]]);
    let national: NationalLanguages = Language::ALL
        .into_iter()
        .filter(|l| bits & (1 << (l.nli() - 1)) != 0)
        .collect();
    let opts = Options {
        national,
        reference: if data[2] & 1 != 0 {
            ConcatRef::Bits16
        } else {
            ConcatRef::Bits8
        },
        split: if data[2] & 2 != 0 {
            SplitPolicy::Codepoints
        } else {
            SplitPolicy::Graphemes
        },
        ..Options::default()
    };
    let text = String::from_utf8_lossy(&data[3..]);
    let a = analyze(&text, &opts).expect("standard charset and auto never fail");
    assert_eq!(count(&text, &opts).unwrap(), a.summary());

    let joined: String = a.segments.iter().map(|s| s.text).collect();
    assert_eq!(joined, text);
    let (lock, single) = (a.national_locking_shift, a.national_single_shift);
    let mut total = 0;
    for s in &a.segments {
        let units = match a.encoding {
            Encoding::Gsm7 => national_septets(s.text, lock, single).expect("tables carry it"),
            Encoding::Ucs2 => s.text.encode_utf16().count(),
        };
        assert_eq!(units, s.units);
        assert!(s.units <= s.capacity);
        total += units;
    }
    assert_eq!(total, a.units);
    let cap = match a.encoding {
        Encoding::Gsm7 => 160 - (a.udh_octets * 8).div_ceil(7),
        Encoding::Ucs2 => (140 - a.udh_octets) / 2,
    };
    assert_eq!(a.part_capacity, cap);

    // GSM-7 exactly when some allowed pair covers the text.
    let lockings: Vec<Option<Language>> = std::iter::once(None)
        .chain(national.iter().filter(|l| l.has_locking_table()).map(Some))
        .collect();
    let singles: Vec<Option<Language>> = std::iter::once(None)
        .chain(national.iter().map(Some))
        .collect();
    let feasible = lockings.iter().any(|&l| {
        singles
            .iter()
            .any(|&s| national_septets(&text, l, s).is_some())
    });
    assert_eq!(a.encoding == Encoding::Gsm7, feasible, "{text:?}");

    // Allowing tables never costs parts: the default alphabet stays a candidate.
    let plain = Options {
        national: NationalLanguages::NONE,
        ..opts
    };
    assert!(a.parts <= count(&text, &plain).unwrap().parts);
});
