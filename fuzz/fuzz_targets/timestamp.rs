//! `request::Timestamp`'s hand-written RFC 3339 reader and writer (the `time` crate cost the
//! npm package's full entry 6.5 KB) against `time` 0.3 on arbitrary text. Asserts: no panic;
//! the same instant or the same refusal, with the same reason, as `time`; and every instant
//! read is written back as text that reads as the same instant, except one that an offset
//! takes past 9999-12-31 in UTC, which RFC 3339 cannot write: it is written as
//! `N ns after the Unix epoch`, as it was with `time`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::request::Timestamp;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let ours = Timestamp::parse(&s);
    let reference = OffsetDateTime::parse(&s, &Rfc3339)
        .map(OffsetDateTime::unix_timestamp_nanos)
        .map_err(|e| e.to_string());
    let read = ours.as_ref().map(|t| t.unix_nanos()).map_err(|e| e.reason.clone());
    assert_eq!(read, reference, "{s:?}");
    if let Ok(t) = ours {
        let text = t.to_rfc3339();
        match Timestamp::parse(&text) {
            Ok(again) => assert_eq!(again.unix_nanos(), t.unix_nanos(), "{s:?} -> {text}"),
            Err(_) => assert_eq!(text, format!("{} ns after the Unix epoch", t.unix_nanos()), "{s:?}"),
        }
    }
});
