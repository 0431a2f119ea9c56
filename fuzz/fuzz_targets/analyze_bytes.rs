//! `analyze` on arbitrary bytes, read as lossy UTF-8, with options from the first byte.
//! Asserts every invariant of `sms_preflight_fuzz::check` (lossless segments, capacities,
//! unit sums, UTF-16 spans, count == analyze summary, the forced-GSM-7 error, warnings).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight_fuzz::{check, options_from};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    check(&text, &options_from(first));
});
