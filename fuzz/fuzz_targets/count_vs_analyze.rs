//! The count-only path against `analyze`, under all 24 option combinations, on either the
//! raw input (lossy UTF-8, when the first byte is even) or a text built from `(piece,
//! repeat)` pairs of boundary-relevant characters (odd first byte), which reaches part
//! boundaries with escape pairs, surrogate pairs, ZWJ sequences, flags and CR LF quickly.
//! For each combination: `count == analyze().summary()`, `count_utf16` agrees, and the full
//! invariants hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::{analyze, count, count_utf16};
use sms_preflight_fuzz::{all_options, check, recipe};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = if first & 1 == 1 {
        recipe(rest)
    } else {
        String::from_utf8_lossy(rest).into_owned()
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    for opts in all_options() {
        let c = count(&text, &opts).expect("auto and ucs2 never fail");
        let a = analyze(&text, &opts).expect("auto and ucs2 never fail");
        assert_eq!(c, a.summary(), "count != analyze: {text:?} {opts:?}");
        assert_eq!(
            count_utf16(&units, &opts).ok(),
            Some(c),
            "count_utf16: {text:?} {opts:?}"
        );
    }
    // The full invariants under the options of the first byte (forced GSM-7 included).
    check(
        &text,
        &sms_preflight_fuzz::options_from(first.rotate_right(1)),
    );
});
