//! Smart encoding: the shipped list against its data file, the audit trail, the `encoding`
//! field semantics, composition of caller maps, properties, and the shared corpus.

use std::borrow::Cow;
mod common;

use proptest::prelude::*;
use sms_preflight::{
    Charset, ConcatRef, Count, Encoding, EncodingRequest, Error, Options, SmartEncoding, SmartMap,
    SmartResult, SplitPolicy, analyze, count, smart_encode,
};

fn data() -> serde_json::Value {
    serde_json::from_str(include_str!("../data/smart_encoding.json")).expect("JSON parses")
}

/// (code point, replacement) of every entry of the data file, in file order.
fn json_entries() -> Vec<(char, String)> {
    data()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let cp = e["code_point"].as_str().unwrap();
            let c = char::from_u32(u32::from_str_radix(&cp[2..], 16).unwrap()).unwrap();
            assert_eq!(e["char"].as_str().unwrap(), c.to_string(), "{cp}");
            (c, e["replacement"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn auto() -> Options {
    Options::default()
}

fn with(encoding: EncodingRequest) -> Options {
    Options {
        encoding,
        ..Options::default()
    }
}

/// `opts` with another encoding.
fn set_encoding(opts: &Options, encoding: EncodingRequest) -> Options {
    Options { encoding, ..*opts }
}

// ---------------------------------------------------------------------------------------
// The shipped list

#[test]
fn generated_table_matches_the_data_file_entry_by_entry() {
    let json = json_entries();
    let map = SmartMap::telnyx();
    assert_eq!(map.len(), json.len());
    assert_eq!(map.len(), 310);
    for ((c, rep), (gc, grep)) in json.iter().zip(map.iter()) {
        assert_eq!((*c, rep.as_str()), (gc, grep));
    }
    assert_eq!(
        SmartMap::telnyx_list_version(),
        data()["list_version"].as_str().unwrap()
    );
}

#[test]
fn every_replacement_is_standard_gsm7_and_in_telnyx_set() {
    for (c, rep) in json_entries() {
        for r in rep.chars() {
            assert!(Charset::Standard.contains(r), "{c:?} -> {rep:?}: {r:?}");
            // Also in Telnyx's narrower set, so the list works under Options::telnyx().
            assert!(Charset::Telnyx.contains(r), "{c:?} -> {rep:?}: {r:?}");
        }
        assert!(!Charset::Standard.contains(c), "{c:?} is already GSM-7");
    }
}

#[test]
fn every_entry_of_the_shipped_list_is_applied() {
    for (c, rep) in json_entries() {
        let text = format!("a{c}b");
        let r = smart_encode(&text, &SmartEncoding::Telnyx, &auto()).unwrap();
        assert_eq!(r.text, format!("a{rep}b"), "{c:?}");
        assert_eq!(r.replacements.len(), 1, "{c:?}");
        let x = &r.replacements[0];
        assert_eq!(
            (x.original, x.replacement.as_str(), x.utf8, x.utf16),
            (c, rep.as_str(), 1, 1)
        );
        assert_eq!((x.new_utf8, x.new_utf16), (1, 1));
        assert_eq!(x.code_point, format!("U+{:04X}", u32::from(c)));
        assert_eq!(r.replaced_character_count, 1);
        assert_eq!(r.after.encoding, Encoding::Gsm7, "{c:?}");
        assert!(r.still_non_gsm.is_empty());
        // Under the Telnyx profile the result is GSM-7 as well.
        let t = smart_encode(&text, &SmartEncoding::Telnyx, &Options::telnyx()).unwrap();
        assert_eq!(t.after.encoding, Encoding::Gsm7, "{c:?}");
        // Alone, a removed character empties the text: an error.
        let single = c.to_string();
        let alone = smart_encode(&single, &SmartEncoding::Telnyx, &auto());
        if rep.is_empty() {
            assert!(matches!(
                alone,
                Err(Error::EmptyAfterSmartEncoding { removed: 1, .. })
            ));
        } else {
            assert_eq!(alone.unwrap().text, rep);
        }
    }
}

#[test]
fn telnyx_differences_from_twilio_are_the_documented_ones() {
    let map = SmartMap::telnyx();
    assert_eq!(map.get('‹'), Some("<"));
    assert_eq!(map.get('›'), Some(">"));
    for c in [
        '\u{A0}', '\u{2000}', '\u{2001}', '\u{2009}', '\u{202F}', '\u{3000}',
    ] {
        assert_eq!(map.get(c), Some(" "), "{c:?}");
    }
    for c in [
        '\u{2028}', '\u{2029}', '\u{80}', '\u{8D}', '\u{90}', '\u{9B}', '\u{9F}', '\u{200B}',
        '\u{FEFF}', '\u{2060}',
    ] {
        assert_eq!(map.get(c), Some(""), "{c:?}");
    }
    for (g, l) in "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ".chars().zip("ABEHIKMNOPTXYZ".chars()) {
        assert_eq!(map.get(g), Some(l.to_string().as_str()));
    }
    for (f, l) in ('ａ'..='ｚ').zip('a'..='z') {
        assert_eq!(map.get(f), Some(l.to_string().as_str()));
    }
    assert_eq!(map.get('\t'), Some("       "));
    assert_eq!(map.get('…'), Some("..."));
    assert_eq!(map.get('‼'), Some("!!"));
    assert_eq!(map.get('\u{2017}'), Some("_"));
    // The GSM-7 Greek capitals are not touched.
    for g in "ΔΦΓΛΩΠΨΣΘΞ".chars() {
        assert_eq!(map.get(g), None);
    }

    // The data file's comparison with Twilio agrees with the list, and with the crate.
    let d = data();
    let diffs = d["twilio_differences"].as_array().unwrap();
    assert_eq!(diffs.len(), SmartMap::telnyx_twilio_differences());
    assert_eq!(diffs.len(), 63);
    for x in diffs {
        let c = x["char"].as_str().unwrap().chars().next().unwrap();
        assert_eq!(map.get(c), x["telnyx"].as_str(), "{c:?}");
        assert_ne!(x["telnyx"], x["twilio"]);
        assert!(!x["note"].as_str().unwrap().is_empty());
    }
}

#[test]
fn generated_file_is_up_to_date() {
    // Re-running the generator must not change the checked-in file. Skipped where python3
    // is missing (the entry-by-entry test above still holds the data).
    let root = env!("CARGO_MANIFEST_DIR");
    match std::process::Command::new("python3")
        .arg(format!("{root}/scripts/gen_smart.py"))
        .arg("--check")
        .status()
    {
        Ok(status) => assert!(status.success(), "run python3 scripts/gen_smart.py"),
        Err(e) => eprintln!("NOTICE: python3 not runnable ({e}); generator check skipped"),
    }
}

// ---------------------------------------------------------------------------------------
// Caller maps

#[test]
fn a_callers_map_composes_with_the_shipped_one() {
    let mut map = SmartMap::telnyx().clone();
    assert_eq!(map.insert('…', ".."), Some("...".to_string())); // override
    assert_eq!(map.insert('😀', ":)"), None); // addition
    map.insert('\u{AD}', ""); // addition that removes
    assert_eq!(map.remove('\t'), Some(" ".repeat(7))); // keep TAB as it is
    assert_eq!(map.len(), 310 + 2 - 1);

    let smart = SmartEncoding::Custom(map);
    let r = smart_encode("“so\u{AD}ft” 😀…\tok", &smart, &auto()).unwrap();
    assert_eq!(r.text, "\"soft\" :)..\tok");
    assert_eq!(r.still_non_gsm.len(), 1); // the TAB
    assert_eq!(r.still_non_gsm[0].ch, '\t');
    assert_eq!(r.after.encoding, Encoding::Ucs2);

    // The same map from JSON: keys as characters or U+XXXX, null drops a base entry.
    let json =
        r#"{"base": "telnyx", "map": {"…": "..", "U+1F600": ":)", "U+00AD": "", "\t": null}}"#;
    let from_json: SmartMap = serde_json::from_str(json).unwrap();
    assert_eq!(SmartEncoding::Custom(from_json.clone()), smart);
    // Serialized, it reads back equal.
    let back: SmartMap = serde_json::from_str(&serde_json::to_string(&from_json).unwrap()).unwrap();
    assert_eq!(back, from_json);

    // A map on its own, and through SmartEncoding's JSON form.
    let own: SmartEncoding =
        serde_json::from_str(r#"{"custom": {"base": "none", "map": {"ß": "ss"}}}"#).unwrap();
    let r = smart_encode("Straße…", &own, &auto()).unwrap();
    assert_eq!(r.text, "Strasse…"); // ß is GSM-7, but the caller asked for it; … untouched
    assert_eq!(r.still_non_gsm.len(), 1);
    let off: SmartEncoding = serde_json::from_str(r#""off""#).unwrap();
    assert_eq!(off, SmartEncoding::Off);
    let tx: SmartEncoding = serde_json::from_str(r#""telnyx""#).unwrap();
    assert_eq!(tx.map(), Some(SmartMap::telnyx()));
    assert_eq!(
        "telnyx".parse::<SmartEncoding>().unwrap(),
        SmartEncoding::Telnyx
    );
    assert_eq!(
        "bogus".parse::<SmartEncoding>().unwrap_err().kind(),
        "invalid_option"
    );
}

#[test]
fn bad_caller_maps_are_rejected_with_a_reason() {
    for (json, needle) in [
        (r#"{"map": {}}"#, "base"),
        (r#"{"base": "twilio", "map": {}}"#, "twilio"),
        (
            r#"{"base": "none", "map": {"ab": "x"}}"#,
            "not one character",
        ),
        (
            r#"{"base": "none", "map": {"U+D800": "x"}}"#,
            "not one character",
        ),
        (r#"{"base": "none", "mapp": {}}"#, "mapp"),
    ] {
        let err = serde_json::from_str::<SmartMap>(json)
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{json}: {err}");
    }
}

#[test]
fn replacements_are_not_rescanned() {
    let map: SmartMap = [('a', "b"), ('b', "c")].into_iter().collect();
    let r = smart_encode("ab", &SmartEncoding::Custom(map), &auto()).unwrap();
    assert_eq!(r.text, "bc");
}

// ---------------------------------------------------------------------------------------
// The audit trail

/// Checks every offset of the audit trail and rebuilds the transformed text from it.
fn check_trail(original: &str, r: &SmartResult<'_>) {
    let mut rebuilt = String::new();
    let mut at = 0;
    for x in &r.replacements {
        // Offsets in the original point at the original character, UTF-8 and UTF-16 alike.
        assert!(original[x.utf8..].starts_with(x.original), "{x:?}");
        assert_eq!(original[..x.utf8].encode_utf16().count(), x.utf16, "{x:?}");
        rebuilt.push_str(&original[at..x.utf8]);
        // And the new ones at the replacement in the transformed text.
        assert_eq!(rebuilt.len(), x.new_utf8, "{x:?}");
        assert!(r.text[x.new_utf8..].starts_with(&x.replacement), "{x:?}");
        assert_eq!(r.text[..x.new_utf8].encode_utf16().count(), x.new_utf16);
        rebuilt.push_str(&x.replacement);
        at = x.utf8 + x.original.len_utf8();
    }
    rebuilt.push_str(&original[at..]);
    assert_eq!(rebuilt, r.text, "replacements do not rebuild the text");
    for c in &r.still_non_gsm {
        assert!(r.text[c.utf8..].starts_with(c.ch));
        assert_eq!(r.text[..c.utf8].encode_utf16().count(), c.utf16);
    }
}

#[test]
fn offsets_point_at_the_original_characters_in_utf8_and_utf16() {
    // Astral, BMP and ASCII before each replacement, so UTF-8 and UTF-16 offsets differ.
    let text = "😀“x”é…\u{200B}a\tΑ𝄞‹b›";
    let r = smart_encode(text, &SmartEncoding::Telnyx, &auto()).unwrap();
    assert_eq!(r.text, "😀\"x\"é...a       A𝄞<b>");
    check_trail(text, &r);
    let got: Vec<(char, usize, usize, usize, usize)> = r
        .replacements
        .iter()
        .map(|x| (x.original, x.utf8, x.utf16, x.new_utf8, x.new_utf16))
        .collect();
    assert_eq!(
        got,
        vec![
            ('“', 4, 2, 4, 2),
            ('”', 8, 4, 6, 4),
            ('…', 13, 6, 9, 6),
            ('\u{200B}', 16, 7, 12, 9),
            ('\t', 20, 9, 13, 10),
            ('Α', 21, 10, 20, 17),
            ('‹', 27, 13, 25, 20),
            ('›', 31, 15, 27, 22),
        ]
    );
    assert_eq!(r.replaced_character_count, 8);
    assert_eq!(
        r.still_non_gsm.iter().map(|c| c.ch).collect::<String>(),
        "😀𝄞"
    );
    assert_eq!(
        (r.still_non_gsm[1].utf8, r.still_non_gsm[1].utf16),
        (21, 18)
    );
    assert_eq!(r.character_count, r.text.chars().count());
    assert_eq!(r.length_change, 22 - 15);
}

#[test]
fn unique_characters_are_counted_once() {
    let r = smart_encode("““””……", &SmartEncoding::Telnyx, &auto()).unwrap();
    assert_eq!((r.replacements.len(), r.replaced_character_count), (6, 3));
}

// ---------------------------------------------------------------------------------------
// The `encoding` field and the errors

#[test]
fn auto_with_smart_off_is_a_no_op() {
    let text = "“Hello” — it’s me…";
    let r = smart_encode(text, &SmartEncoding::Off, &auto()).unwrap();
    assert!(!r.enabled && !r.applied());
    assert!(matches!(r.text, Cow::Borrowed(t) if t == text));
    assert_eq!(r.before, r.after);
    assert_eq!(r.before, count(text, &auto()).unwrap());
    assert_eq!(r.still_non_gsm.len(), 5);
    assert_eq!((r.length_change, r.parts_saved()), (0, 0));
    assert_eq!(r.summary(), "smart encoding is off: 1 UCS-2 part");
}

#[test]
fn ascii_is_returned_borrowed() {
    let text = "Plain ASCII, nothing to replace. ".repeat(10);
    let r = smart_encode(&text, &SmartEncoding::Telnyx, &auto()).unwrap();
    assert!(matches!(r.text, Cow::Borrowed(_)));
    assert!(r.enabled && !r.applied());
    assert_eq!(r.summary(), "smart encoding changes nothing: 3 GSM-7 parts");
}

#[test]
fn ucs2_skips_smart_encoding() {
    let text = "“Hello”…";
    for smart in [SmartEncoding::Off, SmartEncoding::Telnyx] {
        let r = smart_encode(text, &smart, &with(EncodingRequest::Ucs2)).unwrap();
        assert!(!r.enabled && r.replacements.is_empty());
        assert_eq!(r.text, text);
        assert_eq!(
            r.summary(),
            "smart encoding is skipped for encoding ucs2: 1 UCS-2 part"
        );
    }
    // Not even removals: an all-ZWSP text is not an error under ucs2.
    assert!(
        smart_encode(
            "\u{200B}",
            &SmartEncoding::Telnyx,
            &with(EncodingRequest::Ucs2)
        )
        .is_ok()
    );
}

#[test]
fn gsm7_applies_the_telnyx_list_even_when_smart_is_off() {
    let r = smart_encode(
        "“Hello” — it’s me…",
        &SmartEncoding::Off,
        &with(EncodingRequest::Gsm7),
    )
    .unwrap();
    assert!(r.enabled && r.applied());
    assert_eq!(r.text, "\"Hello\" - it's me...");
    assert_eq!(r.after.encoding, Encoding::Gsm7);
    // And the result is what analyze says under gsm7.
    let a = analyze(&r.text, &with(EncodingRequest::Gsm7)).unwrap();
    assert_eq!(a.summary(), r.after);
}

#[test]
fn gsm7_fails_on_what_is_still_not_gsm7_with_original_offsets() {
    let text = "“Hi” 😀 and …ж";
    for smart in [SmartEncoding::Off, SmartEncoding::Telnyx] {
        let err = smart_encode(text, &smart, &with(EncodingRequest::Gsm7)).unwrap_err();
        assert_eq!(err.kind(), "not_gsm7");
        let Error::NotGsm7 { charset, chars } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*charset, Charset::Standard);
        let got: Vec<(char, usize, usize)> =
            chars.iter().map(|c| (c.ch, c.utf8, c.utf16)).collect();
        // Offsets in the original text, which the caller has.
        assert_eq!(got, vec![('😀', 9, 5), ('ж', 21, 13)]);
        for c in chars {
            assert!(text[c.utf8..].starts_with(c.ch));
            assert_eq!(text[..c.utf8].encode_utf16().count(), c.utf16);
        }
        assert!(err.to_string().contains("U+1F600"), "{err}");
    }
}

#[test]
fn gsm7_error_offsets_of_a_non_gsm_replacement_point_at_what_it_replaced() {
    let map: SmartMap = [('…', "…!"), ('x', "")].into_iter().collect();
    let text = "x…ok😀";
    let err = smart_encode(
        text,
        &SmartEncoding::Custom(map),
        &with(EncodingRequest::Gsm7),
    )
    .unwrap_err();
    let Error::NotGsm7 { chars, .. } = err else {
        panic!()
    };
    let got: Vec<(char, usize, usize)> = chars.iter().map(|c| (c.ch, c.utf8, c.utf16)).collect();
    assert_eq!(got, vec![('…', 1, 1), ('😀', 6, 4)]);
}

#[test]
fn the_charset_decides_what_is_still_non_gsm() {
    let text = "Δ€ “ok”";
    let std = smart_encode(text, &SmartEncoding::Telnyx, &auto()).unwrap();
    assert!(std.still_non_gsm.is_empty());
    assert_eq!(std.after.encoding, Encoding::Gsm7);
    let tx = smart_encode(text, &SmartEncoding::Telnyx, &Options::telnyx()).unwrap();
    assert_eq!(
        tx.still_non_gsm.iter().map(|c| c.ch).collect::<String>(),
        "Δ€"
    );
    assert_eq!(tx.after.encoding, Encoding::Ucs2);
    assert!(
        tx.summary().ends_with("; 2 characters still force UCS-2"),
        "{}",
        tx.summary()
    );
    let gsm7 = Options {
        encoding: EncodingRequest::Gsm7,
        ..Options::telnyx()
    };
    assert!(matches!(
        smart_encode(text, &SmartEncoding::Telnyx, &gsm7),
        Err(Error::NotGsm7 {
            charset: Charset::Telnyx,
            ..
        })
    ));
}

#[test]
fn a_text_emptied_by_removals_is_an_error() {
    let text = "\u{200B}\u{FEFF}\u{200B}";
    for (smart, encoding) in [
        (SmartEncoding::Telnyx, EncodingRequest::Auto),
        (SmartEncoding::Off, EncodingRequest::Gsm7),
    ] {
        let err = smart_encode(text, &smart, &with(encoding)).unwrap_err();
        assert_eq!(err.kind(), "empty_after_smart_encoding");
        assert_eq!(
            err,
            Error::EmptyAfterSmartEncoding {
                removed: 3,
                chars: vec!['\u{200B}', '\u{FEFF}']
            }
        );
        let msg = err.to_string();
        assert!(msg.contains("U+200B, U+FEFF"), "{msg}");
        assert!(msg.contains("encoding ucs2"), "{msg}");
    }
    // The empty text stays fine: there is nothing to remove.
    let r = smart_encode("", &SmartEncoding::Telnyx, &with(EncodingRequest::Gsm7)).unwrap();
    assert_eq!(r.after.parts, 0);
    // One visible character is enough.
    let r = smart_encode("\u{200B}.\u{200B}", &SmartEncoding::Telnyx, &auto()).unwrap();
    assert_eq!(r.text, ".");
}

// ---------------------------------------------------------------------------------------
// Parts before and after

#[test]
fn seventy_ellipses_cost_a_part() {
    let text = "…".repeat(70);
    let r = smart_encode(&text, &SmartEncoding::Telnyx, &auto()).unwrap();
    assert_eq!(
        (r.before.encoding, r.before.units, r.before.parts),
        (Encoding::Ucs2, 70, 1)
    );
    assert_eq!(
        (r.after.encoding, r.after.units, r.after.parts),
        (Encoding::Gsm7, 210, 2)
    );
    assert_eq!(r.parts_saved(), -1);
    assert!(r.costs_parts());
    assert_eq!(r.length_change, 140);
    assert_eq!(
        r.summary(),
        "smart encoding turns 1 UCS-2 part into 2 GSM-7 parts: 1 part more than without it"
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["costs_parts"], true);
    assert_eq!(json["parts_saved"], -1);
}

/// The README's worked example.
#[test]
fn worked_example() {
    let text = "Hi Anna — your order #4521 ships today! We’ve added a “thank you” gift… \
                Track it at example.com/t/4521. Questions? Reply HELP. Don’t want these? Reply STOP.";
    let r = smart_encode(text, &SmartEncoding::Telnyx, &auto()).unwrap();
    assert_eq!(
        r.text,
        "Hi Anna - your order #4521 ships today! We've added a \"thank you\" gift... \
         Track it at example.com/t/4521. Questions? Reply HELP. Don't want these? Reply STOP."
    );
    assert_eq!(
        (r.before.encoding, r.before.units, r.before.parts),
        (Encoding::Ucs2, 156, 3)
    );
    assert_eq!(
        (r.after.encoding, r.after.units, r.after.parts),
        (Encoding::Gsm7, 158, 1)
    );
    assert_eq!(r.parts_saved(), 2);
    assert_eq!(
        (
            r.replacements.len(),
            r.replaced_character_count,
            r.length_change
        ),
        (6, 5, 2)
    );
    assert_eq!(
        r.summary(),
        "smart encoding turns 3 UCS-2 parts into 1 GSM-7 part"
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["after"]["encoding"], "GSM-7");
    assert_eq!(json["replacements"][0]["code_point"], "U+2014");
    assert_eq!(json["replacements"][0]["utf8"], 8);
    assert_eq!(json["summary"], r.summary());
}

// ---------------------------------------------------------------------------------------
// Properties

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => "[a-zA-Z0-9 .,!?]{1,30}",
        4 => prop::sample::select(json_entries().into_iter().map(|(c, _)| c).collect::<Vec<_>>())
            .prop_map(String::from),
        2 => prop::sample::select(vec!["€", "{", "Δ", "é", "Ç", "ç", "ж", "中", "😀", "👍🏽", "e\u{301}", "\r\n"])
            .prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

fn option_sets() -> Vec<Options> {
    let mut v = Vec::new();
    for charset in [Charset::Standard, Charset::Telnyx] {
        for reference in [ConcatRef::Bits8, ConcatRef::Bits16] {
            for split in [SplitPolicy::Graphemes, SplitPolicy::Codepoints] {
                v.push(Options {
                    charset,
                    reference,
                    split,
                    ..Options::default()
                });
            }
        }
    }
    v
}

fn check_figures(original: &str, r: &SmartResult<'_>, opts: &Options) {
    let auto = set_encoding(opts, EncodingRequest::Auto);
    let before: Count = count(original, &auto).unwrap();
    let after: Count = count(&r.text, &auto).unwrap();
    assert_eq!(r.before, before);
    assert_eq!(r.after, after);
    assert_eq!(r.before, analyze(original, &auto).unwrap().summary());
    assert_eq!(r.after, analyze(&r.text, &auto).unwrap().summary());
    let non_gsm: Vec<char> = r
        .text
        .chars()
        .filter(|&c| !opts.charset.contains(c))
        .collect();
    assert_eq!(
        r.still_non_gsm.iter().map(|c| c.ch).collect::<Vec<_>>(),
        non_gsm
    );
    assert_eq!(r.character_count, r.text.chars().count());
    assert_eq!(
        r.length_change,
        r.text.chars().count() as isize - original.chars().count() as isize
    );
    assert_eq!(
        r.parts_saved(),
        before.parts as isize - after.parts as isize
    );
    check_trail(original, r);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn figures_and_trail_agree_with_count_and_analyze(t in text()) {
        for opts in option_sets() {
            match smart_encode(&t, &SmartEncoding::Telnyx, &opts) {
                Ok(r) => {
                    prop_assert!(r.enabled);
                    check_figures(&t, &r, &opts);
                    // Telnyx's list leaves nothing it could replace.
                    prop_assert!(r.text.chars().all(|c| SmartMap::telnyx().get(c).is_none()));
                }
                Err(e) => prop_assert_eq!(e.kind(), "empty_after_smart_encoding"),
            }
        }
    }

    #[test]
    fn gsm7_either_gives_gsm7_or_names_every_culprit(t in text()) {
        for opts in option_sets() {
            let gsm7 = set_encoding(&opts, EncodingRequest::Gsm7);
            match smart_encode(&t, &SmartEncoding::Off, &gsm7) {
                Ok(r) => {
                    check_figures(&t, &r, &opts);
                    prop_assert!(r.still_non_gsm.is_empty());
                    prop_assert_eq!(r.after, count(&r.text, &gsm7).unwrap());
                }
                Err(Error::NotGsm7 { chars, .. }) => {
                    // The shipped replacements are GSM-7, so every culprit is an original
                    // character, found at its offsets in the original text.
                    prop_assert!(!chars.is_empty());
                    for c in &chars {
                        prop_assert!(t[c.utf8..].starts_with(c.ch));
                        prop_assert_eq!(t[..c.utf8].encode_utf16().count(), c.utf16);
                        prop_assert!(!opts.charset.contains(c.ch));
                    }
                    let expected = t.chars().filter(|&c| {
                        !opts.charset.contains(c) && SmartMap::telnyx().get(c).is_none()
                    }).count();
                    prop_assert_eq!(chars.len(), expected);
                }
                Err(e) => prop_assert_eq!(e.kind(), "empty_after_smart_encoding"),
            }
        }
    }

    #[test]
    fn never_panics_on_any_string(t in any::<String>(), enc in 0usize..3) {
        let encoding = [EncodingRequest::Auto, EncodingRequest::Gsm7, EncodingRequest::Ucs2][enc];
        let opts = with(encoding);
        if let Ok(r) = smart_encode(&t, &SmartEncoding::Telnyx, &opts) {
            check_figures(&t, &r, &opts);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The shared corpus

#[test]
fn corpus_messages_with_fewer_parts() {
    let (data, _) = common::corpus_jsonl();
    let opts = Options::default();
    let (mut n, mut changed, mut fewer, mut more, mut to_gsm, mut saved) = (0, 0, 0, 0, 0, 0);
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let text = v["text"].as_str().unwrap_or_default();
        n += 1;
        let r = match smart_encode(text, &SmartEncoding::Telnyx, &opts) {
            Ok(r) => r,
            Err(e) => {
                assert_eq!(e.kind(), "empty_after_smart_encoding");
                continue;
            }
        };
        check_figures(text, &r, &opts);
        changed += usize::from(r.applied());
        fewer += usize::from(r.parts_saved() > 0);
        more += usize::from(r.costs_parts());
        to_gsm +=
            usize::from(r.before.encoding == Encoding::Ucs2 && r.after.encoding == Encoding::Gsm7);
        saved += r.parts_saved();
    }
    assert!(fewer > 0);
    eprintln!(
        "smart encoding (Telnyx list, standard charset) on {n} corpus messages: {changed} changed, \
         {fewer} need fewer parts, {more} need more, {to_gsm} turn from UCS-2 to GSM-7, \
         {saved} parts saved in total"
    );
}
