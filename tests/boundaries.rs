//! The spec boundary table: every row asserts the exact encoding, units and parts.
//! Figures from standards.md §2.2–§2.3 (3GPP TS 23.040 §9.2.3.24.1) and the peer
//! cross-check in peers.md.

mod common;

use sms_preflight::{
    Charset, ConcatRef, Encoding, EncodingRequest, Error, Options, SplitPolicy, Warning, analyze,
    analyze_utf16, count,
};

const G: Encoding = Encoding::Gsm7;
const U: Encoding = Encoding::Ucs2;

fn a(n: usize) -> String {
    "a".repeat(n)
}

fn cyr(n: usize) -> String {
    "ж".repeat(n)
}

fn codepoints() -> Options {
    Options {
        split: SplitPolicy::Codepoints,
        ..Options::default()
    }
}

fn ref16() -> Options {
    Options {
        reference: ConcatRef::Bits16,
        ..Options::default()
    }
}

/// Asserts (encoding, units, parts) and the shared invariants; returns the part sizes.
fn expect(
    name: &str,
    text: &str,
    opts: &Options,
    enc: Encoding,
    units: usize,
    parts: usize,
) -> Vec<usize> {
    let an = common::check(text, opts);
    assert_eq!(
        (an.encoding, an.units, an.parts),
        (enc, units, parts),
        "row {name}"
    );
    an.segments.iter().map(|s| s.units).collect()
}

#[test]
fn gsm_lengths() {
    let d = Options::default();
    for (n, parts) in [
        (0, 0),
        (1, 1),
        (160, 1),
        (161, 2),
        (306, 2),
        (307, 3),
        (1530, 10),
        (1531, 11),
    ] {
        expect(&format!("{n} GSM chars"), &a(n), &d, G, n, parts);
    }
    assert_eq!(expect("161", &a(161), &d, G, 161, 2), vec![153, 8]);
}

#[test]
fn ucs2_lengths() {
    let d = Options::default();
    for (n, parts) in [(70, 1), (71, 2), (134, 2), (135, 3), (670, 10), (671, 11)] {
        expect(&format!("{n} UCS-2 units"), &cyr(n), &d, U, n, parts);
    }
    assert_eq!(expect("71", &cyr(71), &d, U, 71, 2), vec![67, 4]);
}

#[test]
fn escape_pairs_never_straddle() {
    let d = Options::default();
    let straddle = format!("{}€{}", a(152), a(152));
    assert_eq!(
        expect("152a+€+152a", &straddle, &d, G, 306, 3),
        vec![152, 153, 1]
    );
    // The same length without a straddle is 2 parts.
    expect(
        "151a+{+153a",
        &format!("{}{{{}", a(151), a(153)),
        &d,
        G,
        306,
        2,
    );
    // And at the second boundary, 306.
    let second = format!("{}€{}", a(305), a(10));
    assert_eq!(
        expect("305a+€+10a", &second, &d, G, 317, 3),
        vec![153, 152, 12]
    );
    expect("80×{", &"{".repeat(80), &d, G, 160, 1);
    assert_eq!(
        expect("81×{", &"{".repeat(81), &d, G, 162, 2),
        vec![152, 10]
    );
    expect("153×€", &"€".repeat(153), &d, G, 306, 3);
    expect("153×]", &"]".repeat(153), &d, G, 306, 3);
    // One part has no header: an escape pair may sit at septets 159–160.
    expect("158a+€", &format!("{}€", a(158)), &d, G, 160, 1);
    expect("159a+€", &format!("{}€", a(159)), &d, G, 161, 2);
}

#[test]
fn surrogate_pairs_never_straddle() {
    let d = Options::default();
    let text = format!("{}😀{}", a(66), a(66));
    for opts in [d, codepoints()] {
        assert_eq!(
            expect("66a+😀+66a", &text, &opts, U, 134, 3),
            vec![66, 67, 1]
        );
    }
    expect("68a+😀", &format!("{}😀", a(68)), &d, U, 70, 1);
    expect("69a+😀", &format!("{}😀", a(69)), &d, U, 71, 2);
}

#[test]
fn zwj_family_and_flag_on_a_boundary() {
    let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
    assert_eq!(family.encode_utf16().count(), 11);
    let text = format!("{}{family}{}", a(60), a(60));
    // Graphemes (default): the 11-unit family moves whole to part 2.
    assert_eq!(
        expect("family graphemes", &text, &Options::default(), U, 131, 3),
        vec![60, 67, 4]
    );
    // Code points: the sequence is split after the second ZWJ.
    assert_eq!(
        expect("family codepoints", &text, &codepoints(), U, 131, 2),
        vec![66, 65]
    );

    let flag = "🇺🇸";
    let text = format!("{}{flag}{}", a(65), a(65));
    assert_eq!(
        expect("flag graphemes", &text, &Options::default(), U, 134, 3),
        vec![65, 67, 2]
    );
    assert_eq!(
        expect("flag codepoints", &text, &codepoints(), U, 134, 2),
        vec![67, 67]
    );
    // Alone, each fits in one part under both policies.
    expect("family alone", family, &Options::default(), U, 11, 1);
    expect("two flags", "🇺🇸🇫🇷", &codepoints(), U, 8, 1);
}

#[test]
fn combining_sequences() {
    // Decomposed é is not GSM-7: the combining accent forces UCS-2 (Twilio live-checked).
    expect("e+U+0301", "caf\u{E9}", &Options::default(), G, 4, 1);
    expect("e+U+0301", "cafe\u{301}", &Options::default(), U, 5, 1);
    // A cluster longer than a whole part is split between code points.
    let zalgo = format!("a{}", "\u{301}".repeat(100));
    let sizes = expect("oversized cluster", &zalgo, &Options::default(), U, 101, 2);
    assert_eq!(sizes, vec![67, 34]);
}

#[test]
fn a_cluster_longer_than_a_part_fills_the_current_part() {
    // 10 × b, then a + 100 × U+0301 (a 101-unit cluster, longer than a 67-unit part): the
    // cluster cannot fit in any part, so it is not moved whole to the next one (which would
    // take 10 + 67 + 34, 3 parts); it fills the first part and the split goes on between
    // its code points. Same answer under both policies.
    let text = format!("{}a{}", "b".repeat(10), "\u{301}".repeat(100));
    for (name, opts) in [
        ("graphemes", Options::default()),
        ("codepoints", codepoints()),
    ] {
        let sizes = expect(name, &text, &opts, U, 111, 2);
        assert_eq!(sizes, vec![67, 44], "{name}");
    }
    // A cluster that fits in a part still moves whole: 60 × b, then a + 10 × U+0301.
    let fits = format!("{}a{}", "b".repeat(60), "\u{301}".repeat(10));
    assert_eq!(
        expect("fitting cluster", &fits, &Options::default(), U, 71, 2),
        vec![60, 11]
    );
    assert_eq!(
        expect("fitting cluster", &fits, &codepoints(), U, 71, 2),
        vec![67, 4]
    );
}

#[test]
fn line_breaks() {
    let d = Options::default();
    expect("CRLF", "Hello\r\nWorld", &d, G, 12, 1);
    expect(
        "80a+CRLF+79a",
        &format!("{}\r\n{}", a(80), a(79)),
        &d,
        G,
        161,
        2,
    );
    // CR LF may be split across parts, as Twilio does.
    let text = format!("{}\r\n{}", a(152), a(10));
    let an = analyze(&text, &d).unwrap();
    assert_eq!(an.segments[0].text, format!("{}\r", a(152)));
    assert_eq!(an.parts, 2);
    // Form feed is ESC 0x0A: 2 septets.
    expect("form feed", "Hello\x0CWorld", &d, G, 12, 1);
    // TAB and other controls are not GSM-7.
    expect("tab", "a\tb", &d, U, 3, 1);
}

#[test]
fn c_cedilla_and_greek() {
    let d = Options::default();
    expect("Ç", "Ça va", &d, G, 5, 1);
    expect("ç", "ça va", &d, U, 5, 1);
    expect("GSM Greek capitals", "ΔΦΓΛΩΠΨΣΘΞ", &d, G, 10, 1);
    expect("Latin-looking Greek capitals", "ΑΒΕ", &d, U, 3, 1);
    expect("backtick", "a`b", &d, U, 3, 1);
}

#[test]
fn sixteen_bit_reference() {
    let r = ref16();
    assert_eq!(expect("161a ref16", &a(161), &r, G, 161, 2), vec![152, 9]);
    expect("304a ref16", &a(304), &r, G, 304, 2);
    expect("305a ref16", &a(305), &r, G, 305, 3);
    expect("305a ref8", &a(305), &Options::default(), G, 305, 2);
    assert_eq!(
        expect("71 UCS-2 ref16", &cyr(71), &r, U, 71, 2),
        vec![66, 5]
    );
    expect("133 UCS-2 ref16", &cyr(133), &r, U, 133, 3);
    expect("160a ref16", &a(160), &r, G, 160, 1);
}

#[test]
fn telnyx_charset() {
    let t = Options::telnyx();
    expect("€ forces UCS-2", "Price 5€", &t, U, 8, 1);
    expect("Greek forces UCS-2", "ΔΦ", &t, U, 2, 1);
    expect("Ç forces UCS-2", "Ça va", &t, U, 5, 1);
    expect("FF forces UCS-2", "a\x0Cb", &t, U, 3, 1);
    expect("¤ forces UCS-2", "¤", &t, U, 1, 1);
    expect("backtick outside", "a`b", &t, U, 3, 1);
    expect("§ is in", "§ 5", &t, G, 3, 1);
    expect("escapes cost 2", "{}[]~^|\\", &t, G, 16, 1);
    // peers.md "Telnyx profile": 158a+€ is 3 UCS-2 parts at Telnyx, 1 GSM-7 part in 3GPP.
    expect("158a+€ telnyx", &format!("{}€", a(158)), &t, U, 159, 3);
    expect("€×80 telnyx", &"€".repeat(80), &t, U, 80, 2);
    assert_eq!(Charset::Telnyx.name(), "telnyx");
    // As published (version 3), € is an escape pair.
    let euro = Options {
        charset: Charset::TelnyxEuro,
        ..Options::telnyx()
    };
    expect("€ as published", "Price 5€", &euro, G, 9, 1);
    expect("Greek still UCS-2", "Δ", &euro, U, 1, 1);
}

#[test]
fn empty_text() {
    let c = count("", &Options::default()).unwrap();
    assert_eq!((c.encoding, c.units, c.parts, c.remaining), (G, 0, 0, 160));
    let an = analyze("", &Options::default()).unwrap();
    assert!(an.segments.is_empty());
}

#[test]
fn forced_encodings() {
    let gsm7 = Options {
        encoding: EncodingRequest::Gsm7,
        ..Options::default()
    };
    let err = analyze("héllo ç 😀 ok", &gsm7).unwrap_err();
    match &err {
        Error::NotGsm7 { chars, charset } => {
            assert_eq!(*charset, Charset::Standard);
            let got: Vec<(char, usize, usize)> =
                chars.iter().map(|c| (c.ch, c.utf8, c.utf16)).collect();
            assert_eq!(got, vec![('ç', 7, 6), ('😀', 10, 8)]);
        }
        other => panic!("unexpected {other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains("2 characters are outside the 3GPP TS 23.038 GSM-7 alphabet"),
        "{msg}"
    );
    assert!(msg.contains("'ç' (U+00E7) at byte 7"), "{msg}");
    assert_eq!(count("héllo ç", &gsm7).unwrap_err().kind(), "not_gsm7");
    // GSM-7 text under forced gsm7 is fine.
    assert_eq!(count("hello", &gsm7).unwrap().encoding, G);
    // Forced UCS-2 on GSM text: 70/67 units.
    let ucs2 = Options {
        encoding: EncodingRequest::Ucs2,
        ..Options::default()
    };
    expect("forced ucs2", &a(71), &ucs2, U, 71, 2);
    expect("forced ucs2 €", "€", &ucs2, U, 1, 1);
}

#[test]
fn part_limits() {
    let t = Options::telnyx();
    assert!(analyze(&a(1530), &t).unwrap().warnings.is_empty());
    let long = a(1531);
    let an = analyze(&long, &t).unwrap();
    assert_eq!(
        an.warnings,
        vec![Warning::ExceedsMaxParts { parts: 11, max: 10 }]
    );
    // 255 × 153 septets is the most one concatenated message can carry.
    let d = Options::default();
    let max = a(255 * 153);
    let an = analyze(&max, &d).unwrap();
    assert_eq!((an.parts, an.warnings.len()), (255, 0));
    let over = a(255 * 153 + 1);
    let an = analyze(&over, &d).unwrap();
    assert_eq!(an.parts, 256);
    assert_eq!(
        an.warnings,
        vec![Warning::ExceedsConcatLimit { parts: 256 }]
    );
    // A limit of 0 parts is refused, whatever the text: a typed options error, from
    // `validate` and from every entry point, before the text is looked at.
    let zero = Options {
        max_parts: Some(0),
        ..Options::default()
    };
    let err = zero.validate().unwrap_err();
    assert_eq!(err.kind(), "invalid_option");
    assert!(err.is_configuration());
    assert_eq!(
        err.to_string(),
        "invalid max_parts \"0\": expected a whole number of parts, at least 1, or no limit"
    );
    assert_eq!(count("hi", &zero), Err(err.clone()));
    assert_eq!(analyze("", &zero).unwrap_err(), err);
    let mut buf = String::new();
    assert_eq!(analyze_utf16(&[0xD800], &mut buf, &zero).unwrap_err(), err);
    let one = Options {
        max_parts: Some(1),
        ..Options::default()
    };
    assert_eq!(one.validate(), Ok(()));
    assert_eq!(
        analyze(&a(161), &one).unwrap().warnings,
        vec![Warning::ExceedsMaxParts { parts: 2, max: 1 }]
    );
}

#[test]
fn lone_surrogates_from_utf16() {
    let units: Vec<u16> = vec![0x61, 0xDC00, 0x62, 0xD83D];
    let mut buf = String::new();
    let an = analyze_utf16(&units, &mut buf, &Options::default()).unwrap();
    assert_eq!(
        (an.encoding, an.units, an.utf16_len, an.parts),
        (U, 4, 4, 1)
    );
    let lone: Vec<(usize, bool)> = an
        .non_gsm
        .iter()
        .map(|c| (c.utf16, c.lone_surrogate))
        .collect();
    assert_eq!(lone, vec![(1, true), (3, true)]);
    assert_eq!(an.warnings, vec![Warning::LoneSurrogates { count: 2 }]);
    assert_eq!(
        sms_preflight::count_utf16(&units, &Options::default()).unwrap(),
        an.summary()
    );
    // Forced GSM-7 names the lone surrogate.
    let gsm7 = Options {
        encoding: EncodingRequest::Gsm7,
        ..Options::default()
    };
    let err = analyze_utf16(&units, &mut buf, &gsm7).unwrap_err();
    assert!(err.to_string().contains("lone surrogate"), "{err}");
}

#[test]
fn every_gsm_char_costs_as_the_table_says() {
    // Standard alphabet: 127 one-septet characters plus 10 escape characters.
    let ones = (0..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .filter(|&c| Charset::Standard.septets(c) == 1)
        .count();
    let twos = (0..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .filter(|&c| Charset::Standard.septets(c) == 2)
        .count();
    assert_eq!((ones, twos), (127, 10));
    // Telnyx version 3: 115 one-septet characters plus 9 escape characters (standards.md
    // §3.4); the conservative profile drops the euro sign.
    for (charset, escapes) in [(Charset::TelnyxEuro, 9), (Charset::Telnyx, 8)] {
        let ones = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| charset.septets(c) == 1)
            .count();
        let twos = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| charset.septets(c) == 2)
            .count();
        assert_eq!((ones, twos), (115, escapes), "{charset:?}");
    }
}
