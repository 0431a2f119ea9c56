//! A plain loop over the corpus for profilers (callgrind, perf): no criterion, no statistics,
//! so that a profile shows sms-preflight and little else. Used by `scripts/profile.sh`.
//!
//! ```sh
//! cargo bench --bench profile -- count [PASSES]         # count(), default options
//! cargo bench --bench profile -- analyze [PASSES]       # analyze(), default options
//! cargo bench --bench profile -- analyze-cp [PASSES]    # analyze(), split = codepoints
//! cargo bench --bench profile -- count-long [PASSES]    # count() on the 1 MB mixed text
//! cargo bench --bench profile -- analyze-long [PASSES]  # analyze() on the 1 MB mixed text
//! cargo bench --bench profile -- count-ascii [PASSES]   # count() on a 1 MB ASCII text
//! ```
//!
//! Without a mode (as under a plain `cargo bench`) it prints this usage and exits.

use std::hint::black_box;

use sms_preflight::{Options, SplitPolicy, analyze, count};

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(mode) = args.first().cloned() else {
        eprintln!(
            "usage: profile count|analyze|analyze-cp|count-long|analyze-long|count-ascii [PASSES]"
        );
        return;
    };
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(3);
    let c = corpus::load();
    let mut texts: Vec<String> = c.messages.into_iter().map(|(_, t)| t).collect();
    if mode.ends_with("-long") {
        texts = vec![corpus::long_text(
            texts.iter().map(String::as_str),
            1_000_000,
        )];
    } else if mode == "count-ascii" {
        let ascii = texts.iter().map(String::as_str).filter(|t| {
            t.is_ascii() && !t.contains(['[', '\\', ']', '^', '{', '|', '}', '~', '\u{c}'])
        });
        texts = vec![corpus::long_text(ascii, 1_000_000)];
    }
    let defaults = Options::default();
    let codepoints = Options {
        split: SplitPolicy::Codepoints,
        ..Options::default()
    };
    let mut parts = 0usize;
    for _ in 0..passes {
        for t in &texts {
            parts += match mode.as_str() {
                "count" | "count-long" | "count-ascii" => {
                    count(black_box(t), &defaults).map_or(0, |c| c.parts)
                }
                "analyze" | "analyze-long" => {
                    analyze(black_box(t), &defaults).map_or(0, |a| a.parts)
                }
                "analyze-cp" => analyze(black_box(t), &codepoints).map_or(0, |a| a.parts),
                other => {
                    eprintln!("unknown mode {other}");
                    std::process::exit(2);
                }
            };
        }
    }
    println!(
        "{mode}: {passes} passes over {} texts, {parts} parts",
        texts.len()
    );
}
