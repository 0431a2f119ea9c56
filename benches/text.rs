//! Throughput of the count-only path ([`count`]) and the full [`analyze`] on the shared
//! corpus and on inputs chosen to exercise each path of the engine.
//!
//! ```sh
//! cargo bench --bench text                  # everything (about 3 minutes on 2 cores)
//! cargo bench --bench text -- corpus/       # one group (criterion filter)
//! cargo bench --bench text -- --quick       # a fast, rougher pass
//! ```
//!
//! Every iteration runs the whole input set: for a message set, one call per message (the
//! per-call overhead is part of the figure, as in real use); for a long text, one call. The
//! texts are in memory and valid UTF-8 before timing starts: no I/O, no JSON, no UTF-8
//! validation is timed. `analyze` includes building its segment list, the list of
//! characters outside the charset and the grapheme count, and dropping them.
//!
//! Criterion reports MB/s (decimal, 10^6 bytes of UTF-8 input); at the end this bench prints
//! a table with MB/s **and** messages/s for every benchmark that ran, plus the linearity
//! ratios time(10 MB) / time(1 MB), read back from criterion's estimates (median).
//!
//! Inputs (see `support/corpus.rs` for the generated substitute used when the shared corpus
//! is absent):
//!
//! | group | what |
//! |---|---|
//! | `corpus` | every message of the corpus (`../shared/corpus/messages.jsonl`) |
//! | `ascii` | the corpus messages that are pure ASCII without extension characters |
//! | `gsm_ext` | the corpus messages that are GSM-7 and contain an extension character (`€ [ ] { } ~ ^ \| \\`) |
//! | `ucs2` | the corpus messages that are UCS-2 and contain CJK, Hangul or an emoji |
//! | `long_mixed_{10k,1m,10m}` | one text: the corpus messages joined by spaces, cycled, cut at 10 KB / 1 MB / 10 MB |
//! | `long_ascii_{1m,10m}` | one text: the `ascii` messages joined the same way |
//! | `flags_{64k,640k}` | adversarial: one run of 🇫🇷 flags (count only); its linearity ratio guards against the quadratic case fuzzing found (one UAX #29 cursor per cut; fixed) |
//! | `baseline` | reference loops over the corpus bytes, not sms-preflight: `str::chars().count()` and a byte sum |

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime};
use sms_preflight::{Charset, EncodingRequest, Options, SplitPolicy, analyze, count};

#[path = "support/corpus.rs"]
mod corpus;

/// A named input: a set of messages, timed together.
struct Input {
    name: &'static str,
    texts: Vec<String>,
}

impl Input {
    fn bytes(&self) -> usize {
        self.texts.iter().map(String::len).sum()
    }
}

const EXTENSION: &[char] = &['€', '[', ']', '{', '}', '~', '^', '|', '\\', '\u{c}'];

fn is_gsm(s: &str) -> bool {
    s.chars().all(|c| Charset::Standard.contains(c))
}

fn is_cjk_or_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0x2600..=0x27BF)
        || u32::from(c) > 0xFFFF
}

fn inputs(c: &corpus::Corpus) -> Vec<Input> {
    let all: Vec<&str> = c.messages.iter().map(|(_, t)| t.as_str()).collect();
    let pick = |f: &dyn Fn(&str) -> bool| -> Vec<String> {
        all.iter()
            .filter(|t| f(t))
            .map(|t| (*t).to_owned())
            .collect()
    };
    let ascii = pick(&|t| t.is_ascii() && !t.contains(EXTENSION));
    let gsm_ext = pick(&|t| is_gsm(t) && t.contains(EXTENSION));
    let ucs2 = pick(&|t| !is_gsm(t) && t.chars().any(is_cjk_or_emoji));
    let mixed = |n| vec![corpus::long_text(all.iter().copied(), n)];
    let long_ascii = |n| vec![corpus::long_text(ascii.iter().map(String::as_str), n)];
    vec![
        Input {
            name: "corpus",
            texts: all.iter().map(|t| (*t).to_owned()).collect(),
        },
        Input {
            name: "long_ascii_1m",
            texts: long_ascii(1_000_000),
        },
        Input {
            name: "long_ascii_10m",
            texts: long_ascii(10_000_000),
        },
        Input {
            name: "ascii",
            texts: ascii.clone(),
        },
        Input {
            name: "gsm_ext",
            texts: gsm_ext,
        },
        Input {
            name: "ucs2",
            texts: ucs2,
        },
        Input {
            name: "long_mixed_10k",
            texts: mixed(10_000),
        },
        Input {
            name: "long_mixed_1m",
            texts: mixed(1_000_000),
        },
        Input {
            name: "long_mixed_10m",
            texts: mixed(10_000_000),
        },
        Input {
            name: "flags_64k",
            texts: vec!["🇫🇷".repeat(8_000)],
        },
        Input {
            name: "flags_640k",
            texts: vec!["🇫🇷".repeat(80_000)],
        },
    ]
}

fn bench_count(g: &mut BenchmarkGroup<'_, WallTime>, id: &str, texts: &[String], opts: Options) {
    g.bench_function(id, |b| {
        b.iter(|| {
            let mut parts = 0usize;
            for t in texts {
                parts += count(black_box(t), &opts).map_or(0, |c| c.parts);
            }
            black_box(parts)
        })
    });
}

fn bench_analyze(g: &mut BenchmarkGroup<'_, WallTime>, id: &str, texts: &[String], opts: Options) {
    g.bench_function(id, |b| {
        b.iter(|| {
            let mut parts = 0usize;
            for t in texts {
                parts += analyze(black_box(t), &opts).map_or(0, |a| a.parts);
            }
            black_box(parts)
        })
    });
}

fn run(c: &mut Criterion, inputs: &[Input]) {
    let defaults = Options::default();
    let codepoints = Options {
        split: SplitPolicy::Codepoints,
        ..Options::default()
    };
    let ucs2 = Options {
        encoding: EncodingRequest::Ucs2,
        ..Options::default()
    };
    for input in inputs {
        let mut g = c.benchmark_group(input.name);
        g.throughput(Throughput::BytesDecimal(input.bytes() as u64));
        if input.bytes() >= 500_000 {
            g.sampling_mode(SamplingMode::Flat).sample_size(10);
        }
        bench_count(&mut g, "count", &input.texts, defaults);
        if input.name.starts_with("flags_") {
            // Adversarial input: count only (analyze has the same cut cost).
            g.finish();
            continue;
        }
        bench_analyze(&mut g, "analyze", &input.texts, defaults);
        if input.name == "corpus" {
            // Sub-steps, through the public API: the split policy, and the encoding decision
            // (forcing UCS-2 skips the GSM-7 scan).
            bench_count(&mut g, "count_codepoints", &input.texts, codepoints);
            bench_analyze(&mut g, "analyze_codepoints", &input.texts, codepoints);
            bench_count(&mut g, "count_force_ucs2", &input.texts, ucs2);
            bench_analyze(&mut g, "analyze_force_ucs2", &input.texts, ucs2);
        }
        g.finish();
    }
    // Reference loops, to put the figures in scale on this machine.
    let corpus = &inputs[0];
    let mut g = c.benchmark_group("baseline");
    g.throughput(Throughput::BytesDecimal(corpus.bytes() as u64));
    g.bench_function("chars_count", |b| {
        b.iter(|| {
            let n: usize = corpus
                .texts
                .iter()
                .map(|t| black_box(t).chars().count())
                .sum();
            black_box(n)
        })
    });
    // What `analyze` would pay if it ran UAX #29 over every text (it runs it only on the
    // pieces that can form multi-character clusters).
    g.bench_function("graphemes_count", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| {
            let n: usize = corpus
                .texts
                .iter()
                .map(|t| black_box(t).graphemes(true).count())
                .sum();
            black_box(n)
        })
    });
    g.bench_function("byte_sum", |b| {
        b.iter(|| {
            let n: u64 = corpus
                .texts
                .iter()
                .map(|t| black_box(t).bytes().map(u64::from).sum::<u64>())
                .sum();
            black_box(n)
        })
    });
    g.finish();
}

/// `target/criterion`, where criterion writes its estimates.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    // The bench runs as target/<profile>/deps/text-<hash>.
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// The median time of one benchmark, if criterion wrote it during this run.
fn median_ns(dir: &Path, group: &str, id: &str, since: SystemTime) -> Option<f64> {
    let path = dir.join(group).join(id).join("new").join("estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    if modified < since {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn summary(inputs: &[Input], started: SystemTime) {
    let dir = criterion_dir();
    let ids = [
        "count",
        "analyze",
        "count_codepoints",
        "analyze_codepoints",
        "count_force_ucs2",
        "analyze_force_ucs2",
        "chars_count",
        "graphemes_count",
        "byte_sum",
    ];
    let mut rows = Vec::new();
    let mut medians = BTreeMap::new();
    let mut sized: Vec<(&str, usize, usize)> = inputs
        .iter()
        .map(|i| (i.name, i.bytes(), i.texts.len()))
        .collect();
    sized.push(("baseline", inputs[0].bytes(), inputs[0].texts.len()));
    for (group, bytes, msgs) in sized {
        for id in ids {
            let Some(ns) = median_ns(&dir, group, id, started) else {
                continue;
            };
            medians.insert((group, id), ns);
            let secs = ns / 1e9;
            rows.push(format!(
                "| {group} | {id} | {msgs} | {:.2} | {} | {} | {} |",
                bytes as f64 / 1e6,
                fmt_time(secs),
                fmt_rate(bytes as f64 / secs / 1e6),
                fmt_rate(msgs as f64 / secs)
            ));
        }
    }
    if rows.is_empty() {
        return;
    }
    println!("\n## sms-preflight throughput (criterion median per iteration)\n");
    println!("| input | path | messages | MB | time | MB/s | messages/s |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for r in rows {
        println!("{r}");
    }
    let pairs = [
        ("long_ascii_1m", "long_ascii_10m", "count"),
        ("long_ascii_1m", "long_ascii_10m", "analyze"),
        ("long_mixed_1m", "long_mixed_10m", "count"),
        ("long_mixed_1m", "long_mixed_10m", "analyze"),
        ("flags_64k", "flags_640k", "count"),
    ];
    for (one, ten, id) in pairs {
        if let (Some(a), Some(b)) = (medians.get(&(one, id)), medians.get(&(ten, id))) {
            println!(
                "linearity {id}: time({ten}) / time({one}) = {:.2} (10x the input; target <= 11)",
                b / a
            );
        }
    }
}

/// A rate with enough digits to be read when small.
fn fmt_rate(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

fn fmt_time(secs: f64) -> String {
    if secs >= 1.0 {
        format!("{secs:.3} s")
    } else if secs >= 1e-3 {
        format!("{:.3} ms", secs * 1e3)
    } else {
        format!("{:.3} µs", secs * 1e6)
    }
}

fn main() {
    let started = SystemTime::now() - Duration::from_secs(1);
    let corpus = corpus::load();
    let inputs = inputs(&corpus);
    eprintln!(
        "corpus: {} ({} messages)",
        corpus.source,
        corpus.messages.len()
    );
    for i in &inputs {
        eprintln!(
            "  input {:<16} {:>6} texts {:>10} bytes",
            i.name,
            i.texts.len(),
            i.bytes()
        );
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    run(&mut c, &inputs);
    c.final_summary();
    summary(&inputs, started);
}
