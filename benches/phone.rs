//! Phone benches: `cargo bench --bench phone`.
//!
//! * `fast_path`: canonical `+E.164` mobile/landline numbers of 12 large
//!   countries (random digits after a realistic prefix), all on the fast path.
//! * `canonical_all_regions`: canonical `+E.164` example numbers of every
//!   region; most take the fast path, the rest (a national prefix could apply,
//!   e.g. Argentina) fall back to the parser.
//! * `general`: national and international spellings of example numbers of
//!   every region, mixed together (parse + E.164 format, no validation).
//! * `general_validate`: the same, plus `is_valid` (type/region lookup).
//! * `classify`: `Address::classify` on a mix of numbers, short codes and IDs.
//!
//! Throughput is reported in numbers (elements) per second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sms_preflight::phone::{
    Address, NumberType, PhoneNumber, example_number, normalize, supported_regions,
};

fn examples() -> Vec<(String, PhoneNumber)> {
    let mut out = Vec::new();
    for region in supported_regions() {
        for t in [
            NumberType::Mobile,
            NumberType::FixedLine,
            NumberType::TollFree,
        ] {
            if let Some(n) = example_number(&region, t) {
                out.push((region.clone(), n));
            }
        }
    }
    out
}

/// Deterministic shuffle so regions are interleaved.
fn shuffle<T>(v: &mut [T]) {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

/// Canonical numbers whose national part cannot start with a national prefix.
fn fast_path_inputs() -> Vec<String> {
    let shapes: &[(&str, usize)] = &[
        ("+1415", 7),
        ("+1212", 7),
        ("+447", 9),
        ("+4915", 9),
        ("+336", 8),
        ("+919", 9),
        ("+8613", 9),
        ("+8190", 8),
        ("+614", 8),
        ("+55119", 8),
        ("+79", 9),
        ("+3906", 8),
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..1200)
        .map(|i| {
            let (prefix, n) = shapes[i % shapes.len()];
            let mut s = prefix.to_owned();
            for _ in 0..n {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(char::from(b'0' + (seed % 10) as u8));
            }
            s
        })
        .collect()
}

fn bench_phone(c: &mut Criterion) {
    let examples = examples();
    let fast = fast_path_inputs();

    let mut canonical: Vec<String> = examples.iter().map(|(_, n)| n.e164().to_owned()).collect();
    shuffle(&mut canonical);

    let mut typed: Vec<(String, Option<String>)> = Vec::new();
    for (region, n) in &examples {
        typed.push((n.national(), Some(region.clone())));
        typed.push((n.international(), None));
    }
    shuffle(&mut typed);

    let mut g = c.benchmark_group("phone");
    g.throughput(Throughput::Elements(fast.len() as u64));
    g.bench_function("fast_path", |b| {
        b.iter(|| {
            for s in &fast {
                black_box(normalize(black_box(s), None).ok());
            }
        })
    });

    g.throughput(Throughput::Elements(canonical.len() as u64));
    g.bench_function("canonical_all_regions", |b| {
        b.iter(|| {
            for s in &canonical {
                black_box(normalize(black_box(s), None).ok());
            }
        })
    });

    g.throughput(Throughput::Elements(typed.len() as u64));
    g.bench_function("general", |b| {
        b.iter(|| {
            for (s, r) in &typed {
                black_box(normalize(black_box(s), r.as_deref()).ok());
            }
        })
    });
    g.bench_function("general_validate", |b| {
        b.iter(|| {
            for (s, r) in &typed {
                black_box(
                    normalize(black_box(s), r.as_deref())
                        .map(|n| n.is_valid())
                        .ok(),
                );
            }
        })
    });

    let addresses = [
        "+14155552671",
        "12345",
        "ACME Corp",
        "4155552671",
        "+44 20 7946 0958",
        "ACME Corp 12",
    ];
    g.throughput(Throughput::Elements(addresses.len() as u64));
    g.bench_function("classify", |b| {
        b.iter(|| {
            for s in &addresses {
                black_box(Address::classify(black_box(s)).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_phone);
criterion_main!(benches);
