//! The crate's own grapheme cluster automaton against `unicode-segmentation`, the reference
//! implementation of UAX #29: arbitrary bytes, read as lossy UTF-8, must split into the
//! same clusters (every boundary, not only the count).
#![no_main]

use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let expected: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    assert_eq!(
        sms_preflight::__grapheme_starts(&text),
        expected,
        "{text:?}"
    );
});
