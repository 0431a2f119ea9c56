//! Runs every message of the corpus through the invariant checks under every option
//! combination: the shared corpus (../shared/corpus/messages.jsonl) when it is beside the
//! repository, else the sample committed in tests/data (see `common::corpus_jsonl`).

mod common;

use sms_preflight::{Encoding, Options, SplitPolicy, analyze};

fn corpus() -> (Vec<(String, String, String)>, bool) {
    let (data, full) = common::corpus_jsonl();
    let rows = data
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (s("id"), s("kind"), s("text"))
        })
        .collect();
    (rows, full)
}

#[test]
fn corpus_invariants() {
    let (rows, full) = corpus();
    assert!(rows.len() >= 2_000);
    if full {
        assert_eq!(rows.len(), 26_640);
    }
    let opts = common::all_options();
    let mut parts = 0usize;
    let mut gsm = 0usize;
    for (id, _, text) in &rows {
        for (k, o) in opts.iter().enumerate() {
            let a = common::check(text, o);
            if k == 0 {
                parts += a.parts;
                gsm += usize::from(a.encoding == Encoding::Gsm7);
            }
            assert!(a.parts > 0, "{id}: empty corpus text?");
        }
    }
    eprintln!(
        "corpus: {} messages, {parts} parts, {gsm} GSM-7 under the defaults",
        rows.len()
    );
}

#[test]
fn exact_count_is_never_below_the_naive_formula() {
    // ceil(units / per-part capacity) is a lower bound; the exact count may exceed it where an
    // escape pair, a surrogate pair or (by default) a grapheme cluster meets a boundary.
    let (rows, _) = corpus();
    let mut more = [0usize; 2];
    for (i, split) in [SplitPolicy::Graphemes, SplitPolicy::Codepoints]
        .into_iter()
        .enumerate()
    {
        let opts = Options {
            split,
            ..Options::default()
        };
        for (id, _, text) in &rows {
            let a = analyze(text, &opts).unwrap();
            let naive = if a.units <= a.single_part_capacity {
                1
            } else {
                a.units.div_ceil(a.multipart_capacity)
            };
            assert!(a.parts >= naive, "{id}");
            more[i] += usize::from(a.parts > naive);
        }
    }
    // Measured on the corpus of 2026-11: a naive counter undercounts these messages.
    assert!(more[0] >= more[1] && more[1] > 0, "{more:?}");
    eprintln!(
        "messages a naive counter undercounts: {} (graphemes), {} (code points)",
        more[0], more[1]
    );
}
