//! National language shift tables: capacities, table choice, per-table septet costs, the
//! gsmcodecs oracle, and corpus effects.

mod common;

use sms_preflight::{
    ConcatRef, Encoding, EncodingRequest, Error, Language, NationalLanguages, Options, analyze,
    count, national_septets,
};

fn with(langs: &str) -> Options {
    Options {
        national: langs.parse().unwrap(),
        ..Options::default()
    }
}

fn tables(a: &sms_preflight::Analysis<'_>) -> (Option<&'static str>, Option<&'static str>) {
    (
        a.national_locking_shift.map(Language::code),
        a.national_single_shift.map(Language::code),
    )
}

#[test]
fn parses_language_lists() {
    assert_eq!(
        "none".parse::<NationalLanguages>().unwrap(),
        NationalLanguages::NONE
    );
    assert_eq!(
        "all".parse::<NationalLanguages>().unwrap(),
        NationalLanguages::ALL
    );
    let s: NationalLanguages = "tr, PT,hindi".parse().unwrap();
    let got: Vec<Language> = s.iter().collect();
    assert_eq!(
        got,
        vec![Language::Turkish, Language::Portuguese, Language::Hindi]
    );
    let err = "tr,xx".parse::<NationalLanguages>().unwrap_err();
    assert!(err.to_string().contains("\"xx\""), "{err}");
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"["tr","pt","hi"]"#);
    let back: NationalLanguages = serde_json::from_str(r#"["tr","pt","hi"]"#).unwrap();
    assert_eq!(back, s);
    assert_eq!(
        Language::ALL
            .iter()
            .filter(|l| l.has_locking_table())
            .count(),
        12
    );
}

#[test]
fn default_is_no_national_tables() {
    let a = analyze("Şişli'de buluşalım", &Options::default()).unwrap();
    assert_eq!(a.encoding, Encoding::Ucs2);
    assert_eq!(tables(&a), (None, None));
}

#[test]
fn turkish_single_vs_locking() {
    // Few Turkish letters: the single shift table (155 in one part) wins over locking only
    // on the tie-break (no locking table); both fit in one part.
    let a = analyze("Merhaba, yarın görüşürüz", &with("tr")).unwrap();
    assert_eq!(a.encoding, Encoding::Gsm7);
    assert_eq!(tables(&a), (None, Some("tr")));
    // ı and ş each cost 2 through the single shift table (ö, ü are in the default
    // alphabet): 24 characters, 26 septets.
    assert_eq!(a.units, 26);
    assert_eq!((a.udh_octets, a.single_part_capacity), (4, 155));

    // Many Turkish letters in a long text: the locking table (1 septet each) saves a part.
    let text = "ışğçİŞĞ ".repeat(25);
    let a = analyze(&text, &with("tr")).unwrap();
    assert_eq!(a.national_locking_shift, Some(Language::Turkish));
    assert_eq!(a.units, 200);
    assert_eq!(a.parts, 2); // 149 + 51
    assert_eq!(a.segments[0].capacity, 149);
    common::check(&text, &with("tr"));
}

#[test]
fn capacities_with_shift_tables() {
    // One IE: 155 single / 149 multi (8-bit) / 148 (16-bit); two IEs: 152 / 146 / 145.
    let t = format!("ş{}", "a".repeat(153));
    let a = analyze(&t, &with("tr")).unwrap();
    assert_eq!((a.units, a.parts, a.part_capacity), (155, 1, 155));
    // ş + 154 a: 156 septets through the single shift (2 parts), but 155 under the
    // locking table, which fits one part: the locking table wins.
    let t = format!("ş{}", "a".repeat(154));
    let a = analyze(&t, &with("tr")).unwrap();
    assert_eq!((tables(&a), a.units, a.parts), ((Some("tr"), None), 155, 1));
    // ş + 160 a: 2 parts either way; the tie goes to the default locking table.
    let t = format!("ş{}", "a".repeat(160));
    let a = analyze(&t, &with("tr")).unwrap();
    assert_eq!((tables(&a), a.units, a.parts), ((None, Some("tr")), 162, 2));
    assert_eq!((a.part_capacity, a.udh_octets), (149, 9));
    let o16 = Options {
        reference: ConcatRef::Bits16,
        ..with("tr")
    };
    let a = analyze(&t, &o16).unwrap();
    assert_eq!((a.part_capacity, a.udh_octets), (148, 10));
    // Both tables: Portuguese locking + Turkish single (ş is only in Turkish tables, ã only
    // in Portuguese ones).
    let t = format!("ãş{}", "a".repeat(147));
    let a = analyze(&t, &with("tr,pt")).unwrap();
    assert_eq!(a.encoding, Encoding::Gsm7);
    assert!(
        a.national_locking_shift.is_some() && a.national_single_shift.is_some(),
        "{:?}",
        tables(&a)
    );
    assert_eq!(
        (a.units, a.parts, a.part_capacity, a.udh_octets),
        (150, 1, 152, 7)
    );
    let t = format!("ãş{}", "a".repeat(160));
    let a = analyze(&t, &with("tr,pt")).unwrap();
    assert_eq!((a.part_capacity, a.udh_octets), (146, 12));
    let a = analyze(
        &t,
        &Options {
            reference: ConcatRef::Bits16,
            ..with("tr,pt")
        },
    )
    .unwrap();
    assert_eq!((a.part_capacity, a.udh_octets), (145, 13));
}

#[test]
fn portuguese_uses_portuguese_tables() {
    let text = "Não há condições para a votação; a ação está suspensa até à próxima sessão.";
    let a = analyze(text, &with("pt")).unwrap();
    assert_eq!(a.encoding, Encoding::Gsm7);
    assert!(
        a.national_locking_shift == Some(Language::Portuguese)
            || a.national_single_shift == Some(Language::Portuguese)
    );
    // With every language allowed, the Portuguese tables still win (fewest septets).
    let b = analyze(text, &with("all")).unwrap();
    assert_eq!(tables(&b), tables(&a));
    assert_eq!(
        analyze(text, &Options::default()).unwrap().encoding,
        Encoding::Ucs2
    );
}

#[test]
fn hindi_uses_the_hindi_locking_table() {
    let text = "नमस्ते, आपका कोड 4821 है।";
    let a = analyze(text, &with("hi")).unwrap();
    assert_eq!(a.encoding, Encoding::Gsm7);
    assert_eq!(a.national_locking_shift, Some(Language::Hindi));
    common::check(text, &with("hi"));
    // Under the Hindi locking table, upper-case Latin letters cost 2 (single shift A-Z).
    assert_eq!(
        national_septets("नA", Some(Language::Hindi), Some(Language::Hindi)),
        Some(3)
    );
    assert_eq!(national_septets("नA", Some(Language::Hindi), None), None);
    assert_eq!(national_septets("नa", Some(Language::Hindi), None), Some(2));
}

#[test]
fn a_septet_cost_depends_on_the_table() {
    // ç: 1 septet in the Turkish and Portuguese locking tables, 2 through the Spanish single
    // shift, absent from the default alphabet.
    assert_eq!(
        national_septets("ç", Some(Language::Turkish), None),
        Some(1)
    );
    assert_eq!(
        national_septets("ç", Some(Language::Portuguese), None),
        Some(1)
    );
    assert_eq!(
        national_septets("ç", None, Some(Language::Spanish)),
        Some(2)
    );
    assert_eq!(national_septets("ç", None, None), None);
    // Spanish has no locking table.
    assert_eq!(national_septets("a", Some(Language::Spanish), None), None);
    // € is 1 septet in the Turkish locking table, 2 in every single shift table.
    assert_eq!(
        national_septets("€", Some(Language::Turkish), None),
        Some(1)
    );
    assert_eq!(national_septets("€", None, Some(Language::Urdu)), Some(2));
    // Under the Turkish locking table è is gone.
    assert_eq!(national_septets("è", Some(Language::Turkish), None), None);
}

#[test]
fn tie_breaks() {
    // "ç" fits in one part under five candidates: Turkish/Portuguese locking (1 septet) and
    // Turkish/Spanish/Portuguese single shift (2 septets), each with one IE. The default
    // locking table wins the tie first, then the lowest id: Turkish single shift.
    let a = analyze("ç", &with("tr,es,pt")).unwrap();
    assert_eq!(tables(&a), (None, Some("tr")));
    let a = analyze("ç", &with("es,pt")).unwrap();
    assert_eq!(tables(&a), (None, Some("es")));
    // GSM text without escapes never takes a national table.
    let a = analyze("plain text", &with("all")).unwrap();
    assert_eq!((tables(&a), a.udh_octets), ((None, None), 0));
    // But escapes can make one worth it: 100 × '^' is 200 septets (2 parts) in the default
    // alphabet, 100 septets (1 part) under the Portuguese locking table.
    let t = "^".repeat(100);
    assert_eq!(count(&t, &Options::default()).unwrap().parts, 2);
    let a = analyze(&t, &with("pt")).unwrap();
    assert_eq!((tables(&a), a.units, a.parts), ((Some("pt"), None), 100, 1));
}

#[test]
fn mixed_scripts_fall_back_to_ucs2() {
    // Devanagari and Tamil: no single locking table holds both.
    let text = "नमस्ते வணக்கம்";
    let a = analyze(text, &with("all")).unwrap();
    assert_eq!(a.encoding, Encoding::Ucs2);
    assert_eq!(tables(&a), (None, None));
    // The culprits are listed against the best-covering pair: the Tamil letters or the
    // Devanagari ones, not both.
    assert!(
        !a.non_gsm.is_empty() && a.non_gsm.len() < text.chars().count() - 1,
        "{:?}",
        a.non_gsm
    );
    let gsm7 = Options {
        encoding: EncodingRequest::Gsm7,
        ..with("all")
    };
    assert!(matches!(analyze(text, &gsm7), Err(Error::NotGsm7 { .. })));
    // An emoji defeats every table.
    let a = analyze("ş 😀", &with("tr")).unwrap();
    assert_eq!(a.encoding, Encoding::Ucs2);
    assert_eq!(
        a.non_gsm.iter().map(|c| c.ch).collect::<Vec<_>>(),
        vec!['😀']
    );
}

#[test]
fn national_tables_need_the_standard_charset() {
    let opts = Options {
        national: NationalLanguages::ALL,
        ..Options::telnyx()
    };
    let err = count("ş", &opts).unwrap_err();
    assert_eq!(err.kind(), "conflicting_options");
    assert!(err.is_configuration());
    assert!(
        err.to_string()
            .contains("need charset standard, not telnyx"),
        "{err}"
    );
    // Whatever the text and the encoding: the options are wrong, not the message.
    let ucs2 = Options {
        encoding: EncodingRequest::Ucs2,
        ..opts
    };
    assert_eq!(
        analyze("hi", &ucs2).unwrap_err().kind(),
        "conflicting_options"
    );
    assert_eq!(opts.validate(), Err(err));
    assert_eq!(with("tr").validate(), Ok(()));
}

#[test]
fn errors_serialize_with_their_characters() {
    let gsm7 = Options {
        encoding: EncodingRequest::Gsm7,
        ..Options::default()
    };
    let err = analyze("ok 😀", &gsm7).unwrap_err();
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["kind"], "not_gsm7");
    assert_eq!(v["charset"], "standard");
    assert_eq!(v["chars"][0]["code_point"], "U+1F600");
    assert_eq!(v["chars"][0]["utf8"], 3);
    assert!(v["message"].as_str().unwrap().contains("U+1F600"));
}

#[test]
fn septets_match_the_gsmcodecs_oracle() {
    let raw = include_str!("data/gsmcodecs_septets.json");
    let doc: serde_json::Value = serde_json::from_str(raw).unwrap();
    let (mut checked, mut excluded, mut encodable) = (0, 0, 0);
    for case in doc["cases"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        for r in case["results"].as_array().unwrap() {
            if r["excluded"].is_string() {
                excluded += 1;
                continue;
            }
            let nli = |k: &str| Language::from_nli(r[k].as_u64().unwrap() as u8);
            let (locking, single) = (nli("locking"), nli("single"));
            let expected = r["septets"].as_u64().map(|n| n as usize);
            let got = national_septets(text, locking, single);
            assert_eq!(
                got, expected,
                "{} locking={locking:?} single={single:?}",
                case["id"]
            );
            checked += 1;
            encodable += usize::from(expected.is_some());
        }
    }
    assert_eq!((checked, excluded, encodable), (974, 166, 275));
}

fn corpus() -> Vec<(String, String)> {
    common::corpus_jsonl()
        .0
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["lang"].as_str().unwrap().to_owned(),
                v["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn turkish_corpus_needs_fewer_parts_with_turkish_tables() {
    let rows = corpus();
    let (mut without, mut with_tr, mut fewer) = (0, 0, 0);
    for (lang, text) in rows.iter().filter(|r| r.0 == "tr") {
        let a = count(text, &Options::default()).unwrap().parts;
        let b = count(text, &with("tr")).unwrap().parts;
        assert!(b <= a, "{lang}: {text}");
        without += a;
        with_tr += b;
        fewer += usize::from(b < a);
    }
    assert!(with_tr < without && fewer > 0);
    eprintln!(
        "Turkish corpus: {without} parts without tables, {with_tr} with tr ({fewer} messages fewer)"
    );
}

#[test]
fn corpus_with_all_national_tables() {
    let rows = corpus();
    let all = with("all");
    let (mut fewer, mut more) = (0usize, 0usize);
    for (_, text) in &rows {
        let a = common::check(text, &all);
        let base = count(text, &Options::default()).unwrap();
        fewer += usize::from(a.parts < base.parts);
        more += usize::from(a.parts > base.parts);
    }
    // Allowing tables can only help: the default alphabet and UCS-2 stay candidates.
    assert_eq!(more, 0);
    assert!(fewer > 0);
    eprintln!(
        "corpus: {fewer} of {} messages need fewer parts with all national tables allowed",
        rows.len()
    );
}

#[test]
fn a_pair_prefers_one_language() {
    // The danda (U+0964) is in the single shift tables of NLI 5-11; Gujarati (5) has the
    // lowest id, but Hindi text takes Hindi + Hindi.
    let a = analyze("नमस्ते, आपका कोड 4821 है।", &with("all")).unwrap();
    assert_eq!(tables(&a), (Some("hi"), Some("hi")));
}
