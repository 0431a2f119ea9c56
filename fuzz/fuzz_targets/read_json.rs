//! The hand-written JSON readers of `Policy` and `RateCard` (the npm package's, written
//! without serde's derive code to keep the `.wasm` small) against serde's derived
//! deserializers, on arbitrary bytes read as a JSON document. Asserts: no panic; whatever
//! the readers accept, serde accepts with an equal value; whatever serde accepts and the
//! readers refuse is one of the documented differences (a struct written as the array of its
//! fields, which `JSON.stringify` of an object never writes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sms_preflight::cost::RateCard;
use sms_preflight::request::Policy;

/// An array where serde reads a struct: the top level, or a field that holds one (the same
/// rule as tests/read_json.rs).
fn struct_as_array(v: &Value) -> bool {
    v.is_array() || nested_struct_as_array(v)
}

fn nested_struct_as_array(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.iter().any(|(k, v)| {
            (matches!(k.as_str(), "text" | "custom" | "rate_card") && v.is_array())
                || (k == "entries" && v.as_array().is_some_and(|a| a.iter().any(Value::is_array)))
                || nested_struct_as_array(v)
        }),
        Value::Array(a) => a.iter().any(nested_struct_as_array),
        _ => false,
    }
}

fn check<T: PartialEq + std::fmt::Debug>(
    doc: &str,
    ours: Result<T, impl std::fmt::Display>,
    serde: Result<T, serde_json::Error>,
) {
    match (ours, serde) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{doc}"),
        (Ok(a), Err(e)) => panic!("the reader accepts what serde refuses ({e}): {a:?}\n{doc}"),
        (Err(e), Ok(_)) => {
            let v: Value = serde_json::from_str(doc).expect("serde read it");
            assert!(struct_as_array(&v), "serde reads it, the reader refuses ({e}):\n{doc}");
        }
        (Err(e), Err(_)) => assert!(!e.to_string().is_empty()),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = std::str::from_utf8(data) else {
        return;
    };
    check(doc, Policy::from_json(doc), serde_json::from_str::<Policy>(doc));
    check(doc, RateCard::from_json(doc), serde_json::from_str::<RateCard>(doc));
});
