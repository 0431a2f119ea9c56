//! The Rust side of `benches/compare/run.sh`: sms-preflight (native, in-process) and the
//! crates.io peer `sms_splitter =0.1.9`, built by run.sh in a scratch cargo project outside
//! the repository (`Cargo.toml.in` beside this file), which depends on this crate by path.
//!
//! ```text
//! compare-rs answers CORPUS OUT.jsonl    per-message answers of every Rust variant
//! compare-rs time CORPUS PASSES          timing, one JSON object per variant on stdout
//! compare-rs gen-corpus OUT.jsonl        the generated substitute corpus (no shared corpus)
//! ```
//!
//! Timing: the corpus is parsed and every text is an owned `String` before the clock starts.
//! One warm-up pass, then PASSES timed passes over every message; each pass sums the part
//! counts into a checksum that is printed, so nothing is optimized away. What a pass
//! includes, per variant:
//! - `sms-preflight count`: `count(text, &Options::default())` per message, nothing else;
//! - `sms-preflight analyze`: `analyze(text, &Options::default())` per message, building the
//!   whole `Analysis` (segments, non-GSM characters, grapheme count) and dropping it; no JSON;
//! - `sms-preflight analyze --split codepoints`: the same under `SplitPolicy::Codepoints`;
//! - `sms_splitter`: `SplitSms::default().split(String::from(text))` per message; the copy of
//!   the text into a `String` is part of that API's cost (it takes `String` by value).

use std::time::Instant;

use serde_json::json;
use sms_preflight::{Charset, Encoding, Options, SplitPolicy, analyze, count};
use sms_splitter::SplitSms;

#[path = "../../support/corpus.rs"]
mod corpus;

fn load(path: &str) -> Vec<(String, String)> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    corpus::parse_jsonl(&data)
}

fn enc(e: Encoding) -> &'static str {
    match e {
        Encoding::Gsm7 => "GSM-7",
        Encoding::Ucs2 => "UCS-2",
    }
}

fn answers(messages: &[(String, String)], out: &str) {
    use std::io::Write;
    let graphemes = Options::default();
    let codepoints = Options {
        split: SplitPolicy::Codepoints,
        ..Options::default()
    };
    let telnyx = Options {
        charset: Charset::Telnyx,
        ..Options::default()
    };
    let splitter = SplitSms::default();
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("create answers"));
    for (id, text) in messages {
        let a = analyze(text, &graphemes).expect("auto never fails");
        let cp = analyze(text, &codepoints).expect("auto never fails");
        let tx = count(text, &telnyx).expect("auto never fails");
        let s = splitter.split(text.clone());
        let s_enc = if s.character_set == "GSM" {
            "GSM-7"
        } else {
            "UCS-2"
        };
        let s_units = if s_enc == "GSM-7" {
            s.bytes
        } else {
            s.bytes / 2
        };
        let line = json!({
            "id": id,
            "ours": {"parts": a.parts, "units": a.units, "encoding": enc(a.encoding),
                     "cuts16": a.segments.iter().map(|s| s.utf16.end).collect::<Vec<_>>()},
            "ours_codepoints": {"parts": cp.parts, "units": cp.units, "encoding": enc(cp.encoding),
                     "cuts16": cp.segments.iter().map(|s| s.utf16.end).collect::<Vec<_>>()},
            "ours_telnyx": {"parts": tx.parts, "units": tx.units, "encoding": enc(tx.encoding)},
            "sms_splitter": {"parts": s.parts.len(), "units": s_units, "encoding": s_enc},
        });
        writeln!(w, "{line}").expect("write answers");
    }
}

/// Runs `f` over every text once to warm up, then `passes` times with the clock running.
fn time(
    name: &str,
    includes: &str,
    texts: &[String],
    passes: usize,
    mut f: impl FnMut(&str) -> usize,
) {
    let mut checksum = 0usize;
    for t in texts {
        checksum += f(t);
    }
    let mut secs = Vec::with_capacity(passes);
    for _ in 0..passes {
        let start = Instant::now();
        let mut sum = 0usize;
        for t in texts {
            sum += f(std::hint::black_box(t));
        }
        secs.push(start.elapsed().as_secs_f64());
        assert_eq!(sum, checksum, "{name}: answers changed between passes");
    }
    println!(
        "{}",
        json!({"peer": name, "runtime": format!("Rust {}, release, in-process", rustc_version()),
               "includes": includes, "passes": secs, "checksum": checksum})
    );
}

fn rustc_version() -> &'static str {
    option_env!("COMPARE_RUSTC").unwrap_or("stable")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("answers") if args.len() == 4 => answers(&load(&args[2]), &args[3]),
        Some("time") if args.len() == 4 => {
            let texts: Vec<String> = load(&args[2]).into_iter().map(|(_, t)| t).collect();
            let passes: usize = args[3].parse().expect("PASSES is a number");
            let d = Options::default();
            let cp = Options {
                split: SplitPolicy::Codepoints,
                ..Options::default()
            };
            time(
                "sms-preflight analyze",
                "analyze(text, default options): full Analysis, no JSON",
                &texts,
                passes,
                |t| analyze(t, &d).map_or(0, |a| a.parts),
            );
            time(
                "sms-preflight count",
                "count(text, default options): encoding, units, parts",
                &texts,
                passes,
                |t| count(t, &d).map_or(0, |c| c.parts),
            );
            time(
                "sms-preflight analyze --split codepoints",
                "analyze(text, split=codepoints)",
                &texts,
                passes,
                |t| analyze(t, &cp).map_or(0, |a| a.parts),
            );
            let splitter = SplitSms::default();
            time(
                "sms_splitter 0.1.9",
                "SplitSms::default().split(String::from(text)): parts with content (the copy is part of its API)",
                &texts,
                passes,
                |t| splitter.split(String::from(t)).parts.len(),
            );
        }
        Some("gen-corpus") if args.len() == 3 => {
            use std::io::Write;
            let mut w = std::io::BufWriter::new(std::fs::File::create(&args[2]).expect("create"));
            for (id, text) in corpus::generate(corpus::SEED, corpus::MESSAGES) {
                writeln!(w, "{}", json!({"id": id, "text": text})).expect("write");
            }
        }
        _ => {
            eprintln!("usage: compare-rs answers CORPUS OUT | time CORPUS PASSES | gen-corpus OUT");
            std::process::exit(2);
        }
    }
}
