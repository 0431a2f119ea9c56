//! Data-driven checks of the generated tables against data/gsm_tables.json, and of the
//! assumptions the fast paths make.

use sms_preflight::Charset;
use unicode_segmentation::UnicodeSegmentation;

fn data() -> serde_json::Value {
    let raw = include_str!("../data/gsm_tables.json");
    serde_json::from_str(raw).expect("gsm_tables.json parses")
}

fn cell_char(v: &serde_json::Value) -> Option<char> {
    let s = v.as_str()?;
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None, // a marker (ESC, CR2, SS2)
    }
}

#[test]
fn standard_charset_matches_the_default_tables() {
    let d = data();
    let lang0 = &d["languages"][0];
    let mut expected = std::collections::HashMap::new();
    for cell in lang0["locking"].as_array().unwrap() {
        if let Some(c) = cell_char(cell) {
            expected.insert(c, 1u8);
        }
    }
    for cell in lang0["single"].as_array().unwrap() {
        if let Some(c) = cell_char(cell) {
            expected.entry(c).or_insert(2);
        }
    }
    assert_eq!(expected.len(), 137);
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        assert_eq!(
            Charset::Standard.septets(c),
            expected.get(&c).copied().unwrap_or(0),
            "{c:?}"
        );
    }
}

#[test]
fn telnyx_charsets_match_the_published_list() {
    let d = data();
    let basic: Vec<char> = d["telnyx"]["basic"].as_str().unwrap().chars().collect();
    let ext: Vec<char> = d["telnyx"]["extended"].as_str().unwrap().chars().collect();
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let published = if basic.contains(&c) {
            1
        } else if ext.contains(&c) {
            2
        } else {
            0
        };
        assert_eq!(Charset::TelnyxEuro.septets(c), published, "{c:?}");
        let conservative = if c == '€' { 0 } else { published };
        assert_eq!(Charset::Telnyx.septets(c), conservative, "{c:?}");
    }
}

#[test]
fn no_two_gsm_characters_form_one_cluster_except_cr_lf() {
    // Neither the split nor `analyze`'s grapheme count runs the UAX #29 automaton on GSM-7
    // text in a charset profile. That is exact only if no pair of characters of any profile
    // joins into one extended grapheme cluster, apart from CR LF, which the split policy
    // allows to be cut anyway. Pairs are enough: a longer cluster holds a joined pair (a
    // joiner, mark or linker joins whatever comes before it).
    let gsm: Vec<char> = (0..=0xFFFFu32)
        .filter_map(char::from_u32)
        .filter(|&c| {
            [Charset::Standard, Charset::Telnyx, Charset::TelnyxEuro]
                .iter()
                .any(|cs| cs.contains(c))
        })
        .collect();
    for &a in &gsm {
        for &b in &gsm {
            let s: String = [a, b].iter().collect();
            let n = s.graphemes(true).count();
            if (a, b) == ('\r', '\n') {
                assert_eq!(n, 1);
            } else {
                assert_eq!(n, 2, "{a:?}{b:?}");
            }
        }
    }
}

#[test]
fn fast_ascii_bytes_cost_one_septet_everywhere() {
    // gsm_scan skips 16-byte chunks of these bytes without looking them up.
    for b in 0u8..0x80 {
        let plain = (0x20..=0x5A).contains(&b)
            || b == b'_'
            || b.is_ascii_lowercase()
            || b == b'\n'
            || b == b'\r';
        if plain {
            for cs in [Charset::Standard, Charset::Telnyx, Charset::TelnyxEuro] {
                assert_eq!(cs.septets(char::from(b)), 1, "{b:#x} in {cs:?}");
            }
        }
    }
}

#[test]
fn generated_file_is_up_to_date() {
    // Re-running the generator must not change the checked-in file. Skipped where python3
    // is missing (the cell-by-cell tests above still hold the data).
    let root = env!("CARGO_MANIFEST_DIR");
    match std::process::Command::new("python3")
        .arg(format!("{root}/scripts/gen_tables.py"))
        .arg("--check")
        .status()
    {
        Ok(status) => assert!(status.success(), "run python3 scripts/gen_tables.py"),
        Err(e) => eprintln!("NOTICE: python3 not runnable ({e}); generator check skipped"),
    }
}

#[test]
fn the_grave_accent_is_the_only_printable_ascii_outside_every_charset() {
    // analyze's census skips 8 printable ASCII bytes at a time when listing the characters
    // that force UCS-2, unless one of them is '`': that is exact only if no other printable
    // ASCII character is missing from a charset profile.
    for cs in [Charset::Standard, Charset::Telnyx, Charset::TelnyxEuro] {
        let missing: String = (' '..='~').filter(|&c| cs.septets(c) == 0).collect();
        assert_eq!(missing, "`", "{cs:?}");
    }
}
