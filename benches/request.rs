//! Validator benches: `cargo bench --bench request`.
//!
//! Three requests, each validated from a parsed [`MessageRequest`] (`validate`) and from its
//! JSON body (`validate_json`: parse + validate), with a rate card so the cost is computed:
//!
//! * `typical`: an SMS between two canonical +E.164 numbers with about 100 characters of text;
//! * `long_1530`: 1,530 characters of GSM-7 text (exactly 10 parts);
//! * `mms_10_urls`: an MMS with 10 media URLs and a short text.
//!
//! Where the time goes is measured piece by piece in the same run: `count` of the text under
//! both readings, `smart_encode`, and `Address::classify` of the two numbers.
//!
//! Throughput is in requests per second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sms_preflight::phone::Address;
use sms_preflight::request::{MessageRequest, Policy, Timestamp, validate, validate_json};
use sms_preflight::{Charset, Options, SmartEncoding, SplitPolicy, count, smart_encode};

fn bodies() -> Vec<(&'static str, String)> {
    let typical = serde_json::json!({
        "from": "+16502530000",
        "to": "+14155552671",
        "text": "Hi Anna, your order #4521 ships today. Track it at example.com/t/4521. Reply STOP to opt out.",
    });
    let long = serde_json::json!({
        "from": "+16502530000",
        "to": "+14155552671",
        "text": "The quick brown fox jumps over the lazy dog. ".repeat(34)[..1530].to_owned(),
    });
    let urls: Vec<String> = (0..10)
        .map(|i| format!("https://media.example.com/campaign/2026/12/image-{i}.jpg"))
        .collect();
    let mms = serde_json::json!({
        "from": "+16502530000",
        "to": "+14155552671",
        "text": "Our winter catalogue",
        "media_urls": urls,
    });
    vec![
        ("typical", typical.to_string()),
        ("long_1530", long.to_string()),
        ("mms_10_urls", mms.to_string()),
    ]
}

fn policy() -> Policy {
    let mut p = Policy::telnyx();
    p.rate_card = Some(serde_json::from_str(include_str!("../examples/rate_card.json")).unwrap());
    p
}

fn bench(c: &mut Criterion) {
    let policy = policy();
    let now = Timestamp::parse("2026-12-01T12:00:00Z").unwrap();
    let mut g = c.benchmark_group("request");
    g.throughput(Throughput::Elements(1));
    for (name, body) in bodies() {
        let req = MessageRequest::from_json(&body).unwrap().request;
        assert!(validate(&req, &policy, now).valid, "{name}");
        g.bench_function(format!("{name}/validate"), |b| {
            b.iter(|| validate(black_box(&req), &policy, now))
        });
        g.bench_function(format!("{name}/validate_json"), |b| {
            b.iter(|| validate_json(black_box(&body), &policy, now))
        });
        g.bench_function(format!("{name}/parse_only"), |b| {
            b.iter(|| MessageRequest::from_json(black_box(&body)))
        });
    }
    // The pieces of `typical`, to say where the time goes.
    let (_, body) = &bodies()[0];
    let req = MessageRequest::from_json(body).unwrap().request;
    let text = req.text.clone().unwrap();
    let billed = Options::telnyx();
    let lenient = Options {
        charset: Charset::Standard,
        split: SplitPolicy::Codepoints,
        ..billed
    };
    g.bench_function("typical/piece/count_two_readings", |b| {
        b.iter(|| {
            (
                count(black_box(&text), &billed),
                count(black_box(&text), &lenient),
            )
        })
    });
    g.bench_function("typical/piece/smart_encode_two_readings", |b| {
        b.iter(|| {
            (
                smart_encode(black_box(&text), &SmartEncoding::Off, &billed).map(|r| r.after),
                smart_encode(black_box(&text), &SmartEncoding::Off, &lenient).map(|r| r.after),
            )
        })
    });
    g.bench_function("typical/piece/classify_two_numbers", |b| {
        b.iter(|| {
            let a = Address::classify(black_box("+16502530000")).unwrap();
            let t = Address::classify(black_box("+14155552671")).unwrap();
            // validate reads region, type and validity of each number.
            [&a, &t].map(|x| match x {
                Address::E164 { number, .. } => (number.region().is_some(), number.is_valid()),
                _ => (false, false),
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
