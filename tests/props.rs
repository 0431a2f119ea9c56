//! Property tests: lossless segments, capacities, unit sums, greedy boundaries, count ==
//! analyze, UTF-16 offsets == UTF-8 offsets, for every option combination.

mod common;

use proptest::prelude::*;
use sms_preflight::{Options, analyze, count};

/// Pieces chosen to hit every rule: plain ASCII, escape characters, GSM non-ASCII, the
/// Telnyx-disputed characters, non-GSM BMP, astral emoji, ZWJ sequences, flags, combining
/// marks, CR/LF, controls, and Indic, Khmer, Arabic, Hangul and Thai clusters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z0-9 .,!?]{1,40}",
        2 => prop::sample::select(vec!["€", "{", "}", "[", "]", "~", "^", "|", "\\", "\u{C}"]).prop_map(String::from),
        2 => prop::sample::select(vec!["é", "ñ", "Ç", "Δ", "Ξ", "¤", "§", "£", "ß", "à"]).prop_map(String::from),
        2 => prop::sample::select(vec!["ç", "ж", "中", "ş", "`", "\t", "\u{A0}", "…", "’"]).prop_map(String::from),
        2 => prop::sample::select(vec!["😀", "👍🏽", "🇺🇸", "🇫🇷🇩🇪", "👨\u{200D}👩\u{200D}👧\u{200D}👦", "❤️", "e\u{301}", "\u{301}\u{302}"]).prop_map(String::from),
        1 => prop::sample::select(vec!["\r\n", "\r", "\n", "\u{0}", "\u{7F}", "\u{FFFD}"]).prop_map(String::from),
        // Scripts whose clusters span several characters: the split's cuts there go through
        // the grapheme automaton and its restarts.
        2 => prop::sample::select(vec!["क्ष", "स्त्र", "नमस्ते", "ি", "বাংলা", "ന്റെ", "ស្រ", "مَرْحَبًا", "가", "\u{1100}\u{1161}\u{11A8}", "ก้", " "]).prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// Texts that sit near part boundaries: a run of filler then a probe then more filler.
fn near_boundary() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            58usize, 60, 64, 65, 66, 67, 68, 69, 70, 132, 133, 134, 150, 151, 152, 153, 158, 159,
            160, 304, 305, 306,
        ]),
        piece(),
        0usize..80,
        prop::sample::select(vec!["a", "ж"]),
    )
        .prop_map(|(n, probe, m, fill)| format!("{}{probe}{}", fill.repeat(n), fill.repeat(m)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold(t in text()) {
        for opts in common::all_options() {
            common::check(&t, &opts);
        }
    }

    #[test]
    fn invariants_hold_near_boundaries(t in near_boundary()) {
        for opts in common::all_options() {
            common::check(&t, &opts);
        }
    }

    #[test]
    fn never_panics_on_any_string(t in any::<String>()) {
        let opts = Options::default();
        let a = analyze(&t, &opts).unwrap();
        prop_assert_eq!(count(&t, &opts).unwrap(), a.summary());
    }

    #[test]
    fn never_panics_on_any_utf16(units in prop::collection::vec(any::<u16>(), 0..300)) {
        let mut buf = String::new();
        let a = sms_preflight::analyze_utf16(&units, &mut buf, &Options::default()).unwrap();
        prop_assert_eq!(a.utf16_len, units.len());
        prop_assert_eq!(sms_preflight::count_utf16(&units, &Options::default()).unwrap(), a.summary());
        if let Some(last) = a.segments.last() {
            prop_assert_eq!(last.utf16.end, units.len());
        }
    }
}

/// Pieces for the national tables: Turkish, Portuguese, Spanish, Indic (with clusters),
/// Urdu, plus the characters that defeat them.
fn national_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z ]{1,30}",
        3 => prop::sample::select(vec!["ş", "ğ", "ı", "İ", "ç", "ã", "õ", "á", "Ê", "ó", "{", "^", "€", "`", "|"]).prop_map(String::from),
        3 => prop::sample::select(vec!["नमस्ते", "क्ष", "ि", "।", "বাংলা", "தமிழ்", "తెలుగు", "ಕನ್ನಡ", "മലയാളം", "ਪੰਜਾਬੀ", "ગુજરાતી", "ଓଡ଼ିଆ", "اردو", "۳"]).prop_map(String::from),
        1 => prop::sample::select(vec!["A", "Z", "😀", "中", "\r\n", "e\u{301}"]).prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_with_national_tables(
        parts in prop::collection::vec(national_piece(), 0..80),
        langs in prop::sample::select(vec!["all", "tr", "tr,pt", "es", "hi", "bn,ta,te", "ur"]),
    ) {
        let t: String = parts.concat();
        for base in common::all_options().into_iter().filter(|o| o.charset == sms_preflight::Charset::Standard) {
            let opts = Options { national: langs.parse().unwrap(), ..base };
            common::check(&t, &opts);
        }
    }
}
