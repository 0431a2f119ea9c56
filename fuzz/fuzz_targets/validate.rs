//! The send-request validator on arbitrary bytes read as a JSON body, under a policy with a
//! rate card, at a fixed `now`. Asserts: no panic; a malformed body is a `ParseError` whose
//! API form is 10015 "Bad Request" and whose pointer, if any, resolves in the input; a
//! report's errors all carry one of Telnyx's codes with its canonical title (advisory P-codes
//! only among warnings); every pointer resolves in the input (an error about a missing field
//! has none); `valid` means no errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::request::{Code, Policy, Timestamp, validate_json};

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let mut policy = Policy::telnyx();
    policy.rate_card = Some(
        serde_json::from_str(
            r#"{"entries": [{"country": "*", "sender": "*", "type": "*", "rate": "0.0025", "carrier_fee": "0.003", "currency": "USD"}]}"#,
        )
        .unwrap(),
    );
    let now = Timestamp::from_unix_seconds(1_796_083_200);
    let (fixed, _) = sms_preflight::json::replace_lone_surrogates(&body);
    let doc: Option<serde_json::Value> = serde_json::from_str(&fixed).ok();
    let resolves = |p: &str| doc.as_ref().is_some_and(|d| d.pointer(p).is_some());
    match validate_json(&body, &policy, now) {
        Err(e) => {
            let api = e.api_error();
            assert_eq!((api.code.as_str(), api.title.as_str()), ("10015", "Bad Request"));
            if let Some(p) = e.pointer() {
                assert!(resolves(p), "{p}");
            }
        }
        Ok(r) => {
            assert_eq!(r.valid, r.errors.is_empty());
            for e in &r.errors {
                let code = Code::parse(&e.code).expect("a known code");
                assert!(code.is_telnyx(), "{e}");
                assert_eq!(e.title, code.title());
            }
            for e in r.errors.iter().chain(&r.warnings) {
                assert!(!e.code.is_empty() && !e.title.is_empty() && !e.detail.is_empty());
                if let Some(p) = e.pointer() {
                    assert!(resolves(p), "{e}");
                }
            }
            let _ = serde_json::to_string(&r).unwrap();
        }
    }
});
