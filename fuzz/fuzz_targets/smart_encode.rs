//! Smart encoding on arbitrary text, with the Telnyx list or a small caller map built from
//! the input, under each encoding request. Asserts: no panic; replacements rebuild the
//! transformed text from the original (offsets in UTF-8 and UTF-16 on both sides); the
//! before/after figures equal `count` of the original and transformed text; `still_non_gsm`
//! is empty exactly when the transformed text is GSM-7; gsm7 fails only with NotGsm7 or
//! EmptyAfterSmartEncoding, ucs2 never changes the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::{
    Encoding, EncodingRequest, Error, Options, SmartEncoding, SmartMap, count, smart_encode,
};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let smart = match first & 3 {
        0 => SmartEncoding::Off,
        1 | 2 => SmartEncoding::Telnyx,
        _ => {
            // A caller map on top of Telnyx's: the first characters of the text map to
            // the following ones (possibly empty: removal).
            let mut map = SmartMap::telnyx().clone();
            let mut it = text.chars();
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                let rep = if v.is_ascii_alphanumeric() {
                    v.to_string()
                } else {
                    String::new()
                };
                map.insert(k, rep);
                if map.len() > SmartMap::telnyx().len() + 4 {
                    break;
                }
            }
            SmartEncoding::Custom(map)
        }
    };
    let encoding = match (first >> 2) & 3 {
        1 => EncodingRequest::Gsm7,
        2 => EncodingRequest::Ucs2,
        _ => EncodingRequest::Auto,
    };
    let opts = Options {
        encoding,
        ..Options::default()
    };
    let r = match smart_encode(&text, &smart, &opts) {
        Ok(r) => r,
        Err(Error::NotGsm7 { chars, .. }) => {
            assert_eq!(encoding, EncodingRequest::Gsm7);
            for c in &chars {
                assert!(text.is_char_boundary(c.utf8) && c.utf8 < text.len());
                assert_eq!(text[..c.utf8].encode_utf16().count(), c.utf16);
            }
            return;
        }
        Err(Error::EmptyAfterSmartEncoding { .. }) => {
            assert_ne!(encoding, EncodingRequest::Ucs2);
            return;
        }
        Err(e) => panic!("unexpected error {e:?}"),
    };
    if encoding == EncodingRequest::Ucs2 {
        assert_eq!(r.text, text);
        assert!(r.replacements.is_empty());
    }
    // Rebuild the transformed text from the audit trail.
    let mut rebuilt = String::new();
    let mut at = 0;
    for rep in &r.replacements {
        assert!(rep.utf8 >= at);
        assert_eq!(text[rep.utf8..].chars().next(), Some(rep.original));
        assert_eq!(text[..rep.utf8].encode_utf16().count(), rep.utf16);
        rebuilt.push_str(&text[at..rep.utf8]);
        assert_eq!(rebuilt.len(), rep.new_utf8);
        assert_eq!(rebuilt.encode_utf16().count(), rep.new_utf16);
        rebuilt.push_str(&rep.replacement);
        at = rep.utf8 + rep.original.len_utf8();
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(rebuilt, r.text);
    let auto = Options {
        encoding: EncodingRequest::Auto,
        ..opts
    };
    assert_eq!(r.before, count(&text, &auto).unwrap());
    assert_eq!(r.after, count(&r.text, &auto).unwrap());
    assert_eq!(
        r.still_non_gsm.is_empty(),
        r.after.encoding == Encoding::Gsm7
    );
});
