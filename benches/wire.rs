//! Throughput of the wire encoder ([`encode`]) against [`analyze`] on the shared corpus, in
//! one run so that their ratio is measured under the same (shared, noisy) conditions.
//!
//! ```sh
//! cargo bench --bench wire                 # wire/analyze, wire/encode, wire/encode_decode
//! ```
//!
//! Every iteration encodes every corpus message (one call each, texts in memory, no I/O):
//! `encode` runs `analyze` and then writes each segment's TP-UD (header, septet packing or
//! UTF-16BE), so `encode − analyze` is the cost of the octets themselves. `encode_decode`
//! adds decoding every segment back. Criterion reports MB/s of UTF-8 input (10^6 bytes).
//! Messages over 255 parts (none in the shared corpus) would be skipped by `encode` with
//! an error and are filtered out before timing.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use sms_preflight::{Concat, Options, analyze, decode, encode};

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let corpus = corpus::load();
    let opts = Options::default();
    let concat = Concat::Ref8(0x42);
    let texts: Vec<&str> = corpus
        .messages
        .iter()
        .map(|(_, t)| t.as_str())
        .filter(|t| encode(t, &opts, &concat).is_ok())
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    eprintln!(
        "corpus: {} ({} messages, {} encodable, {bytes} bytes)",
        corpus.source,
        corpus.messages.len(),
        texts.len()
    );
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    // Not "corpus": benches/text.rs owns target/criterion/corpus/analyze.
    let mut g = c.benchmark_group("wire");
    g.sample_size(10);
    g.throughput(Throughput::BytesDecimal(bytes as u64));
    g.bench_function("analyze", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| analyze(black_box(t), &opts).map_or(0, |a| a.parts))
                .sum();
            black_box(n)
        })
    });
    g.bench_function("encode", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| encode(black_box(t), &opts, &concat).map_or(0, |s| s.len()))
                .sum();
            black_box(n)
        })
    });
    g.bench_function("encode_decode", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                for s in encode(black_box(t), &opts, &concat).unwrap_or_default() {
                    n += decode(s.udhi(), s.dcs, s.udl, &s.user_data).map_or(0, |d| d.text.len());
                }
            }
            black_box(n)
        })
    });
    g.finish();
    c.final_summary();
}
