//! Phone normalization and address classification on arbitrary input, with a default
//! region from the first byte (none, a real region, or junk). Asserts: no panic (the engine
//! once panicked on `tel:` after `;phone-context=`); a result's E.164 is `+` and 2-20 ASCII
//! digits (libphonenumber: a 1-3 digit country code and a national number of up to 17);
//! normalizing a valid number's E.164 again gives the same number; every accessor and the
//! serializer run; errors have a kind and, for addresses, a Telnyx code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::phone::{Address, AddressRole, normalize};

const REGIONS: [Option<&str>; 8] = [
    None,
    Some("US"),
    Some("GB"),
    Some("DE"),
    Some("IN"),
    Some("BR"),
    Some("ZZ"),
    Some("x"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let input = String::from_utf8_lossy(rest);
    let region = REGIONS[usize::from(first) % REGIONS.len()];
    match normalize(&input, region) {
        Ok(n) => {
            let e = n.e164();
            assert!(e.starts_with('+'));
            assert!(
                e[1..].bytes().all(|b| b.is_ascii_digit()) && (3..=21).contains(&e.len()),
                "{e}"
            );
            let _ = (
                n.region(),
                n.number_type(),
                n.possible_reason(),
                n.international(),
                n.national(),
            );
            let _ = serde_json::to_string(&n).unwrap();
            if n.is_valid() {
                let again = normalize(e, None).expect("a valid E.164 number parses");
                assert_eq!(again.e164(), e);
            }
        }
        Err(err) => {
            assert!(!err.kind().is_empty());
            let _ = err.to_string();
        }
    }
    match Address::classify_with_region(&input, region) {
        Ok(a) => {
            let _ = (a.kind(), a.api_value());
        }
        Err(err) => {
            let _ = (err.kind(), err.to_string(), err.telnyx_code());
            let code = err.telnyx_code_for(AddressRole::To);
            assert!(code >= 10000);
        }
    }
});
