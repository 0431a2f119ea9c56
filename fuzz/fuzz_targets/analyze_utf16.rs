//! `analyze_utf16` and `count_utf16` on arbitrary UTF-16 (little-endian byte pairs), lone
//! surrogates included: the path the WASM layer uses for JavaScript strings. Options come
//! from the first byte. Asserts that the result equals the analysis of the lossily decoded
//! text, that UTF-16 spans index the original units and that lone surrogates are flagged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight_fuzz::{check_utf16, options_from};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let units: Vec<u16> = rest
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    check_utf16(&units, &options_from(first));
});
