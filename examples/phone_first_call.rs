//! First-call latency of `phone`: run in a fresh process with
//! `cargo run --release --example phone_first_call`.
//!
//! The metadata is loaded lazily, so the first call that needs it pays for
//! decoding it; regexes are compiled on first use per region.

use std::time::Instant;

use sms_preflight::phone::{metadata_loaded, normalize};

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!(
        "{label:<58} {:>10.3} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    out
}

fn main() {
    assert!(!metadata_loaded());
    time(
        "1st call, canonical +E.164 (fast path, no metadata)",
        || normalize("+16502530000", None).is_ok(),
    );
    println!("metadata loaded after the fast path: {}", metadata_loaded());
    time(
        "1st call needing metadata: parse \"(650) 253-0000\" US",
        || normalize("(650) 253-0000", Some("US")).is_ok(),
    );
    time("2nd call, same region: parse \"(415) 555-2671\" US", || {
        normalize("(415) 555-2671", Some("US")).is_ok()
    });
    time("1st call for another region: \"020 7946 0958\" GB", || {
        normalize("020 7946 0958", Some("GB")).is_ok()
    });
    let n = normalize("+44 7400 123456", None).expect("parses");
    time("1st validation (is_valid) of a GB number", || n.is_valid());
    let n = normalize("+44 7400 123457", None).expect("parses");
    time("2nd validation of a GB number", || n.is_valid());
}
