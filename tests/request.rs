//! The validator's rules, data-driven: `tests/data/request_rules.jsonl` holds one request per
//! line with the codes and pointers it must earn (in the style of unicode-segmentation's test
//! data), plus the boundary pairs, money and property tests of issue 9.
#![cfg(feature = "request")]

use proptest::prelude::*;
use serde_json::{Value, json};
use sms_preflight::cost::{CostError, RateCard, estimate, estimate_with};
use sms_preflight::request::{
    Endpoint, MessageRequest, Policy, Report, Timestamp, validate_json, validate_json_for,
};
use sms_preflight::{Options, count};

fn now() -> Timestamp {
    Timestamp::parse("2026-12-01T12:00:00Z").unwrap()
}

fn codes(list: &[sms_preflight::request::ApiError]) -> Vec<String> {
    let mut v: Vec<String> = list
        .iter()
        .map(|e| match e.pointer() {
            Some(p) => format!("{} {p}", e.code),
            None => e.code.clone(),
        })
        .collect();
    v.sort();
    v
}

fn expected(case: &Value, key: &str) -> Vec<String> {
    let mut v: Vec<String> = case[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

/// Builds the case's body: `build_text` concatenates repeated pieces into `text`,
/// `build_media` adds N media URLs, `build_to` N recipients, `build_url` a URL of a length.
fn body(case: &Value) -> String {
    if let Some(json) = case["json"].as_str() {
        return json.to_owned();
    }
    let mut req = case["request"].clone();
    if let Some(pieces) = case["build_text"].as_array() {
        let mut text = String::new();
        for p in pieces {
            text.push_str(
                &p[0]
                    .as_str()
                    .unwrap()
                    .repeat(p[1].as_u64().unwrap() as usize),
            );
        }
        req["text"] = json!(text);
    }
    if let Some(k) = case["build_media"].as_u64() {
        let urls: Vec<String> = (0..k)
            .map(|i| format!("https://example.com/m/{i}.png"))
            .collect();
        req["media_urls"] = json!(urls);
    }
    if let Some(k) = case["build_to"].as_u64() {
        let to: Vec<String> = (0..k).map(|i| format!("+1415555267{i}")).collect();
        req["to"] = json!(to);
    }
    if let Some(spec) = case["build_url"].as_array() {
        let len = spec[1].as_u64().unwrap() as usize;
        let base = "https://example.com/";
        let url = format!("{base}{}", "a".repeat(len - base.len()));
        assert_eq!(url.len(), len);
        req["media_urls"] = json!([url]);
    }
    req.to_string()
}

fn run(case: &Value) -> Report {
    let endpoint: Endpoint = case["endpoint"].as_str().unwrap_or("send").parse().unwrap();
    validate_json_for(&body(case), endpoint, &Policy::telnyx(), now()).unwrap()
}

#[test]
fn rules_from_the_data_file() {
    let data = include_str!("data/request_rules.jsonl");
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let name = case["name"].as_str().unwrap();
        let r = run(&case);
        cases += 1;
        let (e, w) = (codes(&r.errors), codes(&r.warnings));
        if e != expected(&case, "errors") || w != expected(&case, "warnings") {
            failures.push(format!(
                "{name}: errors {e:?} (want {:?}), warnings {w:?} (want {:?})\n  {}",
                expected(&case, "errors"),
                expected(&case, "warnings"),
                r.errors
                    .iter()
                    .chain(&r.warnings)
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
        if let Some(p) = case["parts"].as_u64()
            && r.parts as u64 != p
        {
            failures.push(format!("{name}: parts {} (want {p})", r.parts));
        }
        if let Some(s) = case["smart_encoding_applied"].as_bool()
            && r.smart_encoding_applied != s
        {
            failures.push(format!(
                "{name}: smart_encoding_applied {}",
                r.smart_encoding_applied
            ));
        }
        assert_eq!(r.valid, r.errors.is_empty());
        // Every error is a Telnyx code; advisory P-codes appear among warnings only.
        for e in &r.errors {
            let code = e
                .known_code()
                .unwrap_or_else(|| panic!("{name}: unknown code {}", e.code));
            assert!(code.is_telnyx(), "{name}: {e}");
            assert_eq!(e.title, code.title());
            assert!(e.detail.len() > 20, "{name}: detail too thin: {e}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases >= 60);
}

#[test]
fn parts_detail_says_what_to_cut() {
    let body =
        json!({"from": "+16502530000", "to": "+14155552671", "text": "a".repeat(1612)}).to_string();
    let r = validate_json(&body, &Policy::telnyx(), now()).unwrap();
    assert_eq!(
        r.errors[0].detail,
        "needs 11 parts (1,612 septets in GSM-7); the maximum is 10: remove at least 82 characters or send as MMS"
    );
    let body =
        json!({"from": "+16502530000", "to": "+14155552671", "text": "好".repeat(700)}).to_string();
    let r = validate_json(&body, &Policy::telnyx(), now()).unwrap();
    assert!(r.errors[0].detail.starts_with("needs 11 parts (700 UTF-16 units in UCS-2); the maximum is 10: remove at least 30 characters"), "{}", r.errors[0].detail);
}

#[test]
fn json_shape_of_the_report() {
    let card: RateCard = serde_json::from_str(include_str!("../examples/rate_card.json")).unwrap();
    let mut policy = Policy::telnyx();
    policy.rate_card = Some(card);
    let body = json!({"from": "+16502530000", "to": "+14155552671", "text": "Hello"}).to_string();
    let r = validate_json(&body, &policy, now()).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["type"], "SMS");
    assert_eq!(v["encoding"], "GSM-7");
    assert_eq!(v["parts"], 1);
    assert_eq!(v["num_chars"], 5);
    assert_eq!(v["smart_encoding_applied"], false);
    assert_eq!(v["cost"], json!({"amount": "0.0051", "currency": "USD"}));
    assert_eq!(
        v["cost_breakdown"]["rate"],
        json!({"amount": "0.00205", "currency": "USD"})
    );
    assert_eq!(
        v["cost_breakdown"]["carrier_fee"],
        json!({"amount": "0.00305", "currency": "USD"})
    );
    assert_eq!(v["from"]["kind"], "e164");
    assert_eq!(v["to"][0]["region"], "US");
    let e = validate_json(
        r#"{"to": "x", "from": "+16502530000", "text": "hi"}"#,
        &Policy::telnyx(),
        now(),
    )
    .unwrap();
    let err = serde_json::to_value(&e.errors[0]).unwrap();
    assert_eq!(
        err.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["code", "detail", "source", "title"]
    );
}

#[test]
fn money_is_exact() {
    let card: RateCard = serde_json::from_str(include_str!("../examples/rate_card.json")).unwrap();
    let req = |to: Value, text: &str| {
        MessageRequest::from_json(
            &json!({"from": "+16502530000", "to": to, "text": text}).to_string(),
        )
        .unwrap()
        .request
    };
    // Telnyx's sample: 0.00205 + 0.00305 for one part.
    let e = estimate(&req(json!("+14155552671"), "Hi"), &card).unwrap();
    assert_eq!(e.cost.amount.to_string(), "0.0051");
    // 3 parts to 8 recipients of a group MMS: MMS is priced per message, not per part.
    let to: Vec<String> = (0..8).map(|i| format!("+1415555267{i}")).collect();
    let group = MessageRequest::from_json_for(
        &json!({"from": "+16502530000", "to": to, "text": "a".repeat(400)}).to_string(),
        Endpoint::GroupMms,
    )
    .unwrap()
    .request;
    let e = estimate(&group, &card).unwrap();
    assert_eq!((e.parts, e.recipients.len()), (1, 8));
    assert_eq!(e.cost.amount.to_string(), "0.2"); // 8 × (0.015 + 0.01)
    // An SMS of 3 parts: 3 × 0.0051.
    let e = estimate(&req(json!("+14155552671"), &"a".repeat(400)), &card).unwrap();
    assert_eq!(
        (e.parts, e.cost.amount.to_string()),
        (3, "0.0153".to_owned())
    );
    // A toll-free sender falls back to the "*" sender entry; France to the "*" country entry.
    let r =
        MessageRequest::from_json(r#"{"from": "+18005550199", "to": "+33612345678", "text": "x"}"#)
            .unwrap()
            .request;
    let e = estimate(&r, &card).unwrap();
    assert_eq!(
        (e.cost.amount.to_string(), e.cost.currency.as_str()),
        ("0.08".to_owned(), "USD")
    );
    // A missing rate names the country, sender type and message type.
    let empty = RateCard::default();
    let err = estimate(&r, &empty).unwrap_err();
    assert!(matches!(err, CostError::MissingRate { .. }));
    assert!(
        err.to_string()
            .contains("SMS to FR from a toll_free sender"),
        "{err}"
    );
    // Mixed currencies.
    let mixed: RateCard = serde_json::from_str(r#"{"entries": [
        {"country": "US", "sender": "*", "type": "*", "rate": "0.01", "carrier_fee": "0", "currency": "USD"},
        {"country": "GB", "sender": "*", "type": "*", "rate": "0.01", "carrier_fee": "0", "currency": "GBP"}]}"#).unwrap();
    let r = MessageRequest::from_json(
        r#"{"from": "+16502530000", "to": ["+14155552671", "+447400123456"], "text": "x"}"#,
    )
    .unwrap()
    .request;
    assert!(matches!(
        estimate(&r, &mixed).unwrap_err(),
        CostError::MixedCurrencies { .. }
    ));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let p = Policy::telnyx();
    // 10 MB of text: one error, linear work.
    let big = json!({"from": "+16502530000", "to": "+14155552671", "text": "é".repeat(5_000_000)})
        .to_string();
    let r = validate_json(&big, &p, now()).unwrap();
    assert_eq!(sms_codes(&r), ["40302 /text", "P102 /text"]);
    // 100,000 media URLs.
    let urls: Vec<String> = (0..100_000)
        .map(|i| format!("https://example.com/{i}"))
        .collect();
    let many =
        json!({"from": "+16502530000", "to": "+14155552671", "media_urls": urls}).to_string();
    let r = validate_json(&many, &p, now()).unwrap();
    assert_eq!(codes(&r.errors), ["40317 /media_urls"]);
    // Nesting 10,000 deep, numbers where strings belong, a top-level array, junk.
    for bad in [
        "[".repeat(10_000),
        format!("{{\"text\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000)),
        r#"{"to": 14155552671}"#.to_owned(),
        r#"{"text": ["a"]}"#.to_owned(),
        r#"{"auto_detect": "yes"}"#.to_owned(),
        r#"{"media_sizes": [-1]}"#.to_owned(),
        "[]".to_owned(),
        "\u{0}".to_owned(),
        String::new(),
    ] {
        let e = validate_json(&bad, &p, now()).unwrap_err();
        let api = e.api_error();
        assert_eq!(
            (api.code.as_str(), api.title.as_str()),
            ("10015", "Bad Request")
        );
        if let Some(ptr) = e.pointer() {
            let v: Value = serde_json::from_str(&bad).unwrap();
            assert!(v.pointer(ptr).is_some(), "{ptr} does not resolve in {bad}");
        }
    }
}

/// `now` at the ends of `Timestamp`'s range (`from_unix_nanos` takes any i128): a past
/// `send_at` is an error saying how long ago, never an overflow.
#[test]
fn extreme_now_is_an_answer_not_an_overflow() {
    let p = Policy::telnyx();
    let body = |at: &str| {
        json!({"from": "+16502530000", "to": "+14155552671", "text": "Hi", "send_at": at})
            .to_string()
    };
    for (at, now, past) in [
        ("0000-01-01T00:00:00Z", i128::MAX, true),
        ("9999-12-31T23:59:59Z", i128::MAX, true),
        ("0000-01-01T00:00:00Z", i128::MIN, false),
        ("2026-12-24T09:00:00Z", i128::MIN, false),
    ] {
        let r = validate_json(&body(at), &p, Timestamp::from_unix_nanos(now)).unwrap();
        assert_eq!(
            codes(&r.errors),
            if past { vec!["10015 /send_at"] } else { vec![] },
            "{at} {now}"
        );
    }
    let r = validate_json(
        &body("0000-01-01T00:00:00Z"),
        &p,
        Timestamp::from_unix_nanos(i128::MAX),
    )
    .unwrap();
    assert!(
        r.errors[0]
            .detail
            .contains("18,446,744,073,709,551,615 s before now"),
        "{}",
        r.errors[0].detail
    );
}

fn sms_codes(r: &Report) -> Vec<String> {
    let mut v = codes(&r.errors);
    v.extend(codes(&r.warnings));
    v
}

/// Arbitrary JSON values of the request's shape.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-zA-Z0-9 +€😀é{}\\[\\]-]{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("+14155552671"),
            Just("12345"),
            Just("ACME"),
            Just("https://example.com/a.png"),
            Just("2026-12-01T12:00:01Z"),
            Just("SMS"),
            Just("MMS"),
            Just("gsm7")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("to".to_owned()),
                        Just("from".to_owned()),
                        Just("text".to_owned()),
                        Just("type".to_owned()),
                        Just("media_urls".to_owned()),
                        Just("send_at".to_owned()),
                        Just("encoding".to_owned()),
                        "[a-z_]{1,8}"
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a"),
            Just("€"),
            Just("{"),
            Just("好"),
            Just("😀"),
            Just("“"),
            Just("é"),
            Just(" ")
        ],
        0..400,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// validate never panics on arbitrary JSON, and every error has a code and a title,
    /// and a pointer that resolves in the input when the field exists there.
    #[test]
    fn never_panics_on_arbitrary_json(v in json_value()) {
        let s = v.to_string();
        match validate_json(&s, &Policy::telnyx(), now()) {
            Ok(r) => {
                for e in r.errors.iter().chain(&r.warnings) {
                    prop_assert!(!e.code.is_empty() && !e.title.is_empty());
                }
            }
            Err(e) => {
                if let Some(p) = e.pointer() {
                    prop_assert!(v.pointer(p).is_some(), "{} in {}", p, s);
                }
            }
        }
    }

    /// The parts billed equal count's, under the policy's options.
    #[test]
    fn parts_equal_count(text in text_strategy()) {
        let body = json!({"from": "+16502530000", "to": "+14155552671", "text": text}).to_string();
        let r = validate_json(&body, &Policy::telnyx(), now()).unwrap();
        if !text.is_empty() {
            let c = count(&text, &Options::telnyx()).unwrap();
            prop_assert_eq!((r.parts, r.units, r.encoding), (c.parts, c.units, Some(c.encoding)));
            prop_assert_eq!(r.num_chars, text.chars().count());
            let card: RateCard = serde_json::from_str(include_str!("../examples/rate_card.json")).unwrap();
            let req = MessageRequest::from_json(&body).unwrap().request;
            let e = estimate_with(&req, &card, &Policy::telnyx()).unwrap();
            prop_assert_eq!(e.parts, c.parts);
        }
    }
}
