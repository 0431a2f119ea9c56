//! The crate's own grapheme cluster automaton (`src/grapheme`) against `unicode-segmentation`,
//! the reference implementation of UAX #29: every code point in every context that a rule
//! looks at, random texts, and the generator's output against its data file.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn reference(text: &str) -> Vec<usize> {
    text.grapheme_indices(true).map(|(i, _)| i).collect()
}

#[test]
fn unicode_versions_match() {
    let (a, b, c) = sms_preflight::UNICODE_VERSION;
    assert_eq!(
        (u64::from(a), u64::from(b), u64::from(c)),
        unicode_segmentation::UNICODE_VERSION
    );
}

/// Contexts around a code point `x`: one character of every class before and after it (the
/// pair rules), and the longer patterns of GB9c (Indic conjuncts), GB11 (emoji ZWJ
/// sequences) and GB12/13 (flags). A code point whose class differs from the reference's
/// behaves differently in at least one of them.
const CONTEXTS: &[(&str, &str)] = &[
    ("a", ""),
    ("", "a"),
    ("\r", ""),
    ("", "\n"),
    ("\n", ""),
    ("", "\r"),
    ("\u{1}", ""),
    ("", "\u{1}"),
    ("", "\u{301}"), // Extend
    ("\u{301}", ""),
    ("", "\u{200D}"), // ZWJ
    ("\u{200D}", ""),
    ("", "\u{93E}"), // SpacingMark
    ("\u{600}", ""), // Prepend
    ("", "\u{600}"),
    ("\u{1100}", ""), // Hangul L
    ("", "\u{1100}"),
    ("", "\u{1161}"), // V
    ("\u{1161}", ""),
    ("", "\u{11A8}"), // T
    ("\u{11A8}", ""),
    ("가", ""), // LV
    ("", "가"),
    ("각", ""), // LVT
    ("", "각"),
    ("🇦", ""), // Regional indicator
    ("", "🇦"),
    ("🇦🇦", ""),
    ("😀\u{200D}", ""),   // GB11: x as an emoji after ExtPict ZWJ
    ("😀", "\u{200D}😀"), // x inside ExtPict Extend* ZWJ
    ("", "\u{200D}😀"),   // x as the emoji before ZWJ
    ("क्", ""),            // GB9c: x as a consonant after Consonant Linker
    ("क", "क"),           // x as a linker between consonants
    ("क", "्क"),           // x as InCB Extend before a linker
    ("क्", "क"),           // x as InCB Extend after a linker
    ("", "्क"),            // x as the consonant
];

#[test]
fn every_code_point_in_every_context() {
    let mut wrong = Vec::new();
    let mut s = String::new();
    for x in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        for (before, after) in CONTEXTS {
            s.clear();
            s.push_str(before);
            s.push(x);
            s.push_str(after);
            if sms_preflight::__grapheme_starts(&s) != reference(&s) {
                wrong.push(format!("U+{:04X} in {before:?}_{after:?}", u32::from(x)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} differences, first: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(20)]
    );
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        " ",
        "é",
        "e\u{301}",
        "\r",
        "\n",
        "\r\n",
        "\u{1}",
        "\u{200C}",
        "\u{200D}",
        "\u{301}",
        "\u{93E}",
        "\u{600}",
        "\u{1100}",
        "\u{1161}",
        "\u{11A8}",
        "가",
        "각",
        "🇦",
        "🇧",
        "😀",
        "👍🏽",
        "©",
        "\u{FE0F}",
        "क",
        "्",
        "\u{94D}",
        "ष",
        "\u{93C}",
        "ি",
        "\u{9CD}",
        "ত",
        "ก",
        "\u{E31}",
        "\u{E33}",
        "ا",
        "\u{64B}",
        "中",
        "\u{E0061}",
        "\u{E007F}",
        "\u{D4E}",
        "\u{11F02}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn random_texts_match_the_reference(pieces in prop::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        prop_assert_eq!(sms_preflight::__grapheme_starts(&text), reference(&text));
        let a = sms_preflight::analyze(&text, &sms_preflight::Options::default()).unwrap();
        prop_assert_eq!(a.graphemes, text.graphemes(true).count());
    }

    #[test]
    fn arbitrary_strings_match_the_reference(text in "\\PC{0,64}") {
        prop_assert_eq!(sms_preflight::__grapheme_starts(&text), reference(&text));
    }
}

#[test]
fn generated_table_is_up_to_date() {
    // Re-running the generator must not change the checked-in file. Skipped where python3
    // is missing.
    match std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/gen_graphemes.py"
        ))
        .arg("--check")
        .status()
    {
        Ok(status) => assert!(status.success(), "run python3 scripts/gen_graphemes.py"),
        Err(e) => eprintln!("NOTICE: python3 not runnable ({e}); generator check skipped"),
    }
}
