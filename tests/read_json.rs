//! `Policy::from_json` and `RateCard::from_json` (the npm package's readers, written without
//! serde's derive code to keep the `.wasm` small) against serde's derived deserializers: for
//! every document, both accept it with equal values, or both refuse it. The documented
//! differences (a struct written as an array, a duplicate key) are checked apart.
#![cfg(feature = "request")]

use proptest::prelude::*;
use serde_json::{Value, json};
use sms_preflight::cost::RateCard;
use sms_preflight::request::Policy;

fn same_policy(doc: &str) {
    let serde = serde_json::from_str::<Policy>(doc);
    let ours = Policy::from_json(doc);
    match (&serde, &ours) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{doc}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{doc}\nserde: {serde:?}\nours:  {ours:?}"),
    }
}

fn same_card(doc: &str) {
    let serde = serde_json::from_str::<RateCard>(doc);
    let ours = RateCard::from_json(doc);
    match (&serde, &ours) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{doc}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{doc}\nserde: {serde:?}\nours:  {ours:?}"),
    }
}

const ENTRY: &str = r#"{"country": "US", "sender": "long_code", "type": "SMS", "rate": "0.00205", "carrier_fee": "0.00305", "currency": "USD"}"#;

#[test]
fn policies_read_as_serde_reads_them() {
    let docs = [
        "{}",
        r#"{"max_parts": 6}"#,
        r#"{"max_parts": 0}"#,
        r#"{"max_parts": 4294967295}"#,
        r#"{"max_parts": 4294967296}"#,
        r#"{"max_parts": -1}"#,
        r#"{"max_parts": 6.0}"#,
        r#"{"max_parts": 6.5}"#,
        r#"{"max_parts": 1e3}"#,
        r#"{"max_parts": "6"}"#,
        r#"{"max_parts": null}"#,
        r#"{"max_part": 6}"#,
        r#"{"auto_detect_max_parts": 2, "auto_detect_is_error": true}"#,
        r#"{"auto_detect_is_error": 1}"#,
        r#"{"length_warning_chars": 18446744073709551615}"#,
        r#"{"max_media_bytes": 18446744073709551615, "max_media_bytes_lenient": 0}"#,
        r#"{"max_media": 3, "max_url_chars": 100, "max_group_recipients": 2}"#,
        r#"{"alphanumeric_blocked_regions": [], "mms_regions": ["US", "GB"]}"#,
        r#"{"mms_regions": ["US", 1]}"#,
        r#"{"mms_regions": "US"}"#,
        r#"{"mms_regions": null}"#,
        r#"{"us_long_code_fallback": true, "default_region": "us"}"#,
        r#"{"default_region": null}"#,
        r#"{"default_region": 1}"#,
        r#"{"lenient_charset": "telnyx_euro"}"#,
        r#"{"lenient_charset": {"telnyx": null}}"#,
        r#"{"lenient_charset": {"telnyx": 1}}"#,
        r#"{"lenient_charset": "Telnyx"}"#,
        r#"{"lenient_charset": "telnyx-euro"}"#,
        r#"{"text": {}}"#,
        r#"{"text": null}"#,
        r#"{"text": {"charset": "telnyx", "reference": "16bit", "split": "codepoints", "encoding": "ucs2", "max_parts": 3, "national": ["tr", "es"]}}"#,
        r#"{"text": {"max_parts": null, "national": []}}"#,
        r#"{"text": {"national": ["xx"]}}"#,
        r#"{"text": {"national": "all"}}"#,
        r#"{"text": {"reference": 8}}"#,
        r#"{"text": {"split": "graphemes", "encoding": "gsm7"}}"#,
        r#"{"text": {"encoding": "GSM7"}}"#,
        r#"{"text": {"charset": "standard", "extra": 1}}"#,
        r#"{"smart_encoding": "telnyx"}"#,
        r#"{"smart_encoding": "off"}"#,
        r#"{"smart_encoding": {"off": null}}"#,
        r#"{"smart_encoding": "custom"}"#,
        r#"{"smart_encoding": {"custom": {"base": "none"}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "telnyx", "map": {"’": "'", "U+2026": "...", "u+00e9": "e", "\u00e9": null, "x": null}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"ab": "x"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"U+D800": "x"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"U+110000": "x"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"x": 1}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": null}}}"#,
        r#"{"smart_encoding": {"custom": {"map": {}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "other": 1}}}"#,
        r#"{"smart_encoding": {"custom": null}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none"}, "off": null}}"#,
        r#"{"rate_card": null}"#,
        r#"{"rate_card": {"entries": []}}"#,
        r#"{"rate_card": {}}"#,
        r#""telnyx""#,
        "null",
        "{",
        "",
    ];
    for doc in docs {
        same_policy(doc);
    }
    same_policy(&format!(
        r#"{{"rate_card": {{"entries": [{ENTRY}]}}, "max_media": 1}}"#
    ));
    same_policy(&serde_json::to_string(&Policy::telnyx()).unwrap());
}

#[test]
fn rate_cards_read_as_serde_reads_them() {
    let docs = [
        r#"{"entries": []}"#,
        r#"{"entries": null}"#,
        r#"{"entries": {}}"#,
        r#"{}"#,
        r#"{"entries": [], "x": 1}"#,
        r#"{"entries": [{"country": "US"}]}"#,
        r#"{"entries": [{"country": "*", "sender": "*", "type": "*", "rate": "0", "carrier_fee": "-0", "currency": "eur"}]}"#,
        r#"{"entries": [{"country": "gb", "sender": "toll_free", "type": "MMS", "rate": "2.05e-3", "carrier_fee": "1E2", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "USA", "sender": "*", "type": "*", "rate": "0", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "U1", "sender": "*", "type": "*", "rate": "0", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "fax", "type": "*", "rate": "0", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "sms", "rate": "0", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": 0.004, "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "-0.004", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "abc", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "1.2.3", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "79228162514264337593543950336", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "0.0000000000000000000000000000001", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "0", "carrier_fee": "0", "currency": "US"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "0", "carrier_fee": "0", "currency": "US1"}]}"#,
        r#"{"entries": [{"country": "US", "sender": "*", "type": "*", "rate": "0", "carrier_fee": "0", "currency": "USD", "note": ""}]}"#,
        r#"{"entries": [{"country": 1, "sender": "*", "type": "*", "rate": "0", "carrier_fee": "0", "currency": "USD"}]}"#,
        r#"{"entries": [5]}"#,
        "[]",
        "1",
    ];
    for doc in docs {
        same_card(doc);
    }
    same_card(include_str!("../examples/rate_card.json"));
    same_card(&format!(r#"{{"entries": [{ENTRY}, {ENTRY}]}}"#));
}

#[test]
fn errors_name_the_field() {
    let e = Policy::from_json(r#"{"text": {"national": ["tr", "xx"]}}"#).unwrap_err();
    assert_eq!(e.pointer(), "/text/national/1");
    assert_eq!(
        e.to_string(),
        r#"/text/national/1: "xx" is not one of "tr", "es", "pt", "bn", "gu", "hi", "kn", "ml", "or", "pa", "ta", "te", "ur""#
    );
    let e = Policy::from_json(r#"{"max_part": 6}"#).unwrap_err();
    assert_eq!(e.pointer(), "/max_part");
    assert!(e.message().starts_with("unknown field \"max_part\""), "{e}");
    let e = Policy::from_json(r#"{"max_parts": 6.5}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "/max_parts: expected a whole number from 0 to 4294967295, found a negative or fractional number"
    );
    let e = Policy::from_json("[").unwrap_err();
    assert_eq!(e.pointer(), "");
    assert!(e.message().starts_with("not valid JSON"), "{e}");
    let e = RateCard::from_json(&format!(
        r#"{{"entries": [{}]}}"#,
        ENTRY.replace("0.00205", "-1")
    ))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "/entries/0/rate: amount -1 is negative: rates and carrier fees are prices, zero or more"
    );
    let e = RateCard::from_json(r#"{"entries": [{"country": "US", "a/b": 1}]}"#).unwrap_err();
    assert_eq!(e.pointer(), "/entries/0/a~1b");
}

/// The two forms serde reads and these readers do not: neither is ever written by
/// `JSON.stringify` of an object, which is what the npm package passes.
#[test]
fn documented_differences() {
    // A struct as the array of its fields, in order.
    for doc in [r#"{"text": ["telnyx"]}"#, "[]", r#"[{}, "telnyx"]"#] {
        assert!(serde_json::from_str::<Policy>(doc).is_ok(), "{doc}");
        assert!(Policy::from_json(doc).is_err(), "{doc}");
    }
}

/// Repeated keys: a duplicate field is an error for both, a repeated key of a smart-encoding
/// map is read as serde reads a map (in key order, the last of equal keys winning).
#[test]
fn repeated_keys_read_as_serde_reads_them() {
    for doc in [
        r#"{"max_parts": 6, "max_parts": 7}"#,
        r#"{"text": {"charset": "telnyx", "charset": "telnyx"}}"#,
        r#"{"lenient_charset": {"telnyx": null, "telnyx": null}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none"}, "custom": {"base": "none"}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"x": "1", "x": "2"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"x": "1", "x": null}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"x": 1, "x": "a"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"U+0078": 1, "x": "a"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"xy": "1", "x": "a"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "telnyx", "map": {"U+2026": "..", "…": "...", "u+2026": null, "U+002026": "x"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"é": "e", "U+00E9": "E"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "none", "map": {"U+00E9": "E", "é": "e"}}}}"#,
        r#"{"smart_encoding": {"custom": {"base": "telnyx", "map": {"u+2019": null, "U+2019": "x", "’": "y"}}}}"#,
    ] {
        same_policy(doc);
    }
    same_card(r#"{"entries": [], "entries": []}"#);
    same_card(&format!(
        r#"{{"entries": [{}]}}"#,
        ENTRY.replace(
            r#""currency": "USD""#,
            r#""currency": "USD", "currency": "USD""#
        )
    ));
}

/// A value for a policy field, valid or not.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(json!(1.5)),
        Just(json!(6.0)),
        prop::sample::select(vec![
            "",
            "telnyx",
            "standard",
            "telnyx_euro",
            "off",
            "custom",
            "none",
            "8bit",
            "16bit",
            "graphemes",
            "codepoints",
            "auto",
            "gsm7",
            "ucs2",
            "tr",
            "es",
            "ur",
            "xx",
            "US",
            "0.004",
            "-1",
            "2e-3",
            "USD",
            "*",
            "long_code",
            "SMS",
            "MMS",
            "U+2026",
            "’",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The fields of a policy, as serde writes `Policy` (so the list follows the struct).
fn policy_fields() -> Vec<String> {
    match serde_json::to_value(Policy::telnyx()).unwrap() {
        Value::Object(m) => m.keys().cloned().collect(),
        v => panic!("a policy serializes as an object, not {v}"),
    }
}

/// A key: a field name of a policy, its options, a smart map or a rate card, or a stranger.
fn key() -> impl Strategy<Value = String> {
    let mut keys = policy_fields();
    keys.extend(
        [
            "charset",
            "reference",
            "split",
            "encoding",
            "national",
            "custom",
            "base",
            "map",
            "off",
            "telnyx",
            "entries",
            "country",
            "sender",
            "type",
            "rate",
            "carrier_fee",
            "currency",
            "x",
            "U+2026",
        ]
        .map(str::to_owned),
    );
    prop::sample::select(keys)
}

/// No array where serde would read a struct (the documented difference).
fn struct_as_array(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.iter().any(|(k, v)| {
            (matches!(k.as_str(), "text" | "custom" | "rate_card") && v.is_array())
                || (k == "entries" && v.as_array().is_some_and(|a| a.iter().any(Value::is_array)))
                || struct_as_array(v)
        }),
        Value::Array(a) => a.iter().any(struct_as_array),
        _ => false,
    }
}

/// Values that suit each field, mostly valid, so that most documents are accepted.
fn pool(field: &str) -> Vec<Value> {
    let counts = vec![
        json!(0),
        json!(1),
        json!(6),
        json!(4294967295u64),
        json!(-1),
        json!(2.5),
    ];
    match field {
        "text" => vec![
            json!({}),
            json!({"charset": "telnyx", "max_parts": 3}),
            json!({"charset": "standard", "national": ["tr", "pt"], "reference": "16bit"}),
            json!({"split": "codepoints", "encoding": "gsm7", "max_parts": null}),
            json!({"encoding": "utf8"}),
        ],
        "lenient_charset" => vec![
            json!("standard"),
            json!("telnyx"),
            json!("telnyx_euro"),
            json!("x"),
        ],
        "auto_detect_is_error" | "us_long_code_fallback" => {
            vec![json!(true), json!(false), json!(0)]
        }
        "smart_encoding" => vec![
            json!("off"),
            json!("telnyx"),
            json!({"custom": {"base": "telnyx"}}),
            json!({"custom": {"base": "none", "map": {"U+2019": "'", "…": "...", "x": null}}}),
            json!({"custom": {"base": "none", "map": {"xy": "z"}}}),
        ],
        "max_media_bytes" | "max_media_bytes_lenient" => {
            vec![json!(0), json!(1_000_000), json!(u64::MAX), json!(-5)]
        }
        "alphanumeric_blocked_regions" | "mms_regions" => vec![
            json!([]),
            json!(["US"]),
            json!(["US", "CA", "PR"]),
            json!([1]),
        ],
        "default_region" => vec![json!(null), json!("US"), json!("gb"), json!(true)],
        "rate_card" => vec![
            json!(null),
            json!({"entries": []}),
            json!({"entries": [{"country": "US", "sender": "*", "type": "SMS", "rate": "0.004", "carrier_fee": "0.003", "currency": "usd"}]}),
            json!({"entries": [{"country": "*", "sender": "alphanumeric", "type": "*", "rate": "1e-3", "carrier_fee": "0", "currency": "EUR"}]}),
            json!({"entries": [{"country": "US", "sender": "*", "type": "SMS", "rate": "x", "carrier_fee": "0", "currency": "USD"}]}),
        ],
        _ => counts,
    }
}

fn policy_doc() -> impl Strategy<Value = Value> {
    let per_field: Vec<_> = policy_fields()
        .into_iter()
        .map(|f| {
            prop::option::weighted(0.3, prop::sample::select(pool(&f)))
                .prop_map(move |v| (f.clone(), v))
        })
        .collect();
    per_field.prop_map(|pairs| {
        Value::Object(
            pairs
                .into_iter()
                .filter_map(|(f, v)| v.map(|v| (f, v)))
                .collect(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn plausible_policies_read_as_serde_reads_them(doc in policy_doc()) {
        same_policy(&doc.to_string());
    }

    #[test]
    fn random_policies_read_as_serde_reads_them(
        fields in prop::collection::btree_map(key(), value(), 0..6)
    ) {
        let doc = Value::Object(fields.into_iter().collect());
        prop_assume!(!struct_as_array(&doc));
        same_policy(&doc.to_string());
        same_card(&doc.to_string());
        same_card(&json!({"entries": [doc]}).to_string());
    }
}
