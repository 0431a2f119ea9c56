//! Invariants every analysis must satisfy, shared by the property and corpus tests.
#![allow(dead_code)]

use sms_preflight::{
    Analysis, Charset, ConcatRef, Encoding, EncodingRequest, Language, Options, SplitPolicy,
    analyze, analyze_utf16, count, national_septets,
};
use unicode_segmentation::UnicodeSegmentation;

/// Every combination of the options that change segmentation.
pub fn all_options() -> Vec<Options> {
    let mut v = Vec::new();
    for charset in [Charset::Standard, Charset::Telnyx, Charset::TelnyxEuro] {
        for reference in [ConcatRef::Bits8, ConcatRef::Bits16] {
            for split in [SplitPolicy::Graphemes, SplitPolicy::Codepoints] {
                for encoding in [EncodingRequest::Auto, EncodingRequest::Ucs2] {
                    v.push(Options {
                        charset,
                        reference,
                        split,
                        encoding,
                        ..Options::default()
                    });
                }
            }
        }
    }
    v
}

/// Units of `s` in `encoding` under `charset` (recomputed independently of the engine).
pub fn units_of(s: &str, encoding: Encoding, charset: Charset) -> usize {
    match encoding {
        Encoding::Gsm7 => s.chars().map(|c| usize::from(charset.septets(c))).sum(),
        Encoding::Ucs2 => s.encode_utf16().count(),
    }
}

/// Units of `s` under the encoding and tables an analysis reports.
pub fn units_in(s: &str, a: &Analysis<'_>) -> usize {
    let national = a.national_locking_shift.is_some() || a.national_single_shift.is_some();
    if a.encoding == Encoding::Gsm7 && national {
        national_septets(s, a.national_locking_shift, a.national_single_shift)
            .expect("the chosen tables carry every character")
    } else {
        units_of(s, a.encoding, a.charset)
    }
}

/// Whether some combination of the allowed tables carries every character of `text`.
pub fn national_feasible(text: &str, opts: &Options) -> bool {
    let lockings: Vec<Option<Language>> = std::iter::once(None)
        .chain(
            opts.national
                .iter()
                .filter(|l| l.has_locking_table())
                .map(Some),
        )
        .collect();
    let singles: Vec<Option<Language>> = std::iter::once(None)
        .chain(opts.national.iter().map(Some))
        .collect();
    lockings.iter().any(|&l| {
        singles
            .iter()
            .any(|&s| national_septets(text, l, s).is_some())
    })
}

/// The first indivisible atom of `rest` under `policy`.
fn first_atom(rest: &str, policy: SplitPolicy) -> &str {
    let first_char = &rest[..rest.chars().next().map_or(0, char::len_utf8)];
    match policy {
        SplitPolicy::Codepoints => first_char,
        SplitPolicy::Graphemes => {
            let g = rest.graphemes(true).next().unwrap_or("");
            if g == "\r\n" { "\r" } else { g }
        }
    }
}

/// Asserts every invariant of `analyze(text, opts)` and returns the analysis.
pub fn check(text: &str, opts: &Options) -> Analysis<'static> {
    let owned: &'static str = Box::leak(text.to_owned().into_boxed_str());
    let a = analyze(owned, opts).expect("auto/ucs2 never fail");
    let ctx = || format!("text={text:?} opts={opts:?}");

    // The count-only path agrees.
    assert_eq!(
        count(text, opts).unwrap(),
        a.summary(),
        "count != analyze: {}",
        ctx()
    );

    // Lengths.
    assert_eq!(a.utf8_len, text.len());
    assert_eq!(a.utf16_len, text.encode_utf16().count(), "{}", ctx());
    assert_eq!(a.chars, text.chars().count());
    assert_eq!(a.graphemes, text.graphemes(true).count(), "{}", ctx());
    assert_eq!(a.units, units_in(text, &a), "{}", ctx());

    let national = a.national_locking_shift.is_some() || a.national_single_shift.is_some();
    assert!(!national || a.encoding == Encoding::Gsm7);

    // Encoding choice.
    let all_gsm = if opts.national.is_empty() {
        text.chars().all(|c| opts.charset.contains(c))
    } else {
        national_feasible(text, opts)
    };
    let expected_enc = if opts.encoding == EncodingRequest::Ucs2 || !all_gsm {
        Encoding::Ucs2
    } else {
        Encoding::Gsm7
    };
    assert_eq!(a.encoding, expected_enc, "{}", ctx());
    let expected_bad: Vec<char> = text
        .chars()
        .filter(|&c| !opts.charset.contains(c))
        .collect();
    if a.encoding == Encoding::Ucs2 && !opts.national.is_empty() {
        // Listed against the best-covering table pair: a non-empty subset of the text.
        assert!(
            !a.non_gsm.is_empty() || opts.encoding == EncodingRequest::Ucs2,
            "{}",
            ctx()
        );
        for c in &a.non_gsm {
            assert_eq!(text[c.utf8..].chars().next(), Some(c.ch));
        }
    } else if a.encoding == Encoding::Ucs2 {
        let got: Vec<char> = a.non_gsm.iter().map(|c| c.ch).collect();
        assert_eq!(got, expected_bad, "{}", ctx());
        for c in &a.non_gsm {
            assert_eq!(text[c.utf8..].chars().next(), Some(c.ch));
            assert_eq!(text[..c.utf8].encode_utf16().count(), c.utf16);
        }
    } else {
        assert!(a.non_gsm.is_empty());
    }

    // Lossless, contiguous segments with exact offsets.
    let joined: String = a.segments.iter().map(|s| s.text).collect();
    assert_eq!(
        joined,
        text,
        "segments do not give back the text: {}",
        ctx()
    );
    assert_eq!(a.parts, a.segments.len());
    let (mut at8, mut at16, mut total) = (0, 0, 0);
    for s in &a.segments {
        assert_eq!(s.utf8.start, at8, "{}", ctx());
        assert_eq!(s.utf16.start, at16, "{}", ctx());
        assert_eq!(&text[s.utf8.start..s.utf8.end], s.text);
        assert_eq!(s.utf16.len(), s.text.encode_utf16().count(), "{}", ctx());
        assert_eq!(s.units, units_in(s.text, &a), "{}", ctx());
        assert!(s.units <= s.capacity, "segment over capacity: {}", ctx());
        assert!(!s.text.is_empty());
        at8 = s.utf8.end;
        at16 = s.utf16.end;
        total += s.units;
    }
    assert_eq!(at8, text.len());
    assert_eq!(at16, a.utf16_len);
    assert_eq!(total, a.units);

    // Capacities follow from the header (standards.md §2.2).
    let cap_for = |udh: usize| match a.encoding {
        Encoding::Gsm7 => 160 - (udh * 8).div_ceil(7),
        Encoding::Ucs2 => (140 - udh) / 2,
    };
    assert_eq!(a.part_capacity, cap_for(a.udh_octets), "{}", ctx());

    // Part count rules.
    let (single, multi) = (a.single_part_capacity, a.multipart_capacity);
    if a.units == 0 {
        assert_eq!(a.parts, 0);
        assert_eq!(a.remaining, single);
    } else if a.units <= single {
        assert_eq!(a.parts, 1, "{}", ctx());
        assert_eq!(a.segments[0].capacity, single);
        assert_eq!(a.remaining, single - a.units);
    } else {
        assert!(a.parts >= a.units.div_ceil(multi), "{}", ctx());
        assert!(a.segments.iter().all(|s| s.capacity == multi));
        assert_eq!(a.remaining, multi - a.segments.last().unwrap().units);
        // Greedy: every part but the last ends because the next atom does not fit.
        for w in a.segments.windows(2) {
            let atom = first_atom(w[1].text, opts.split);
            let atom_units = units_in(atom, &a);
            let first_char = &w[1].text[..w[1].text.chars().next().unwrap().len_utf8()];
            let char_units = units_in(first_char, &a);
            let fits_whole = atom_units <= multi;
            // A cluster longer than a part is split between code points.
            let blocking = if fits_whole && w[1].text.starts_with(atom) {
                atom_units
            } else {
                char_units
            };
            assert!(
                w[0].units + blocking > multi,
                "part ended early ({} units, next atom {atom:?}): {}",
                w[0].units,
                ctx()
            );
        }
        // Graphemes policy: no cut inside a cluster, except CR|LF and oversized clusters.
        if opts.split == SplitPolicy::Graphemes {
            let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            for s in &a.segments[1..] {
                let cut = s.utf8.start;
                let crlf = text[..cut].ends_with('\r') && text[cut..].starts_with('\n');
                if !crlf && bounds.binary_search(&cut).is_err() {
                    let gi = bounds.partition_point(|&b| b <= cut) - 1;
                    let g_start = bounds[gi];
                    let g_end = bounds.get(gi + 1).copied().unwrap_or(text.len());
                    let g_units = units_in(&text[g_start..g_end], &a);
                    assert!(g_units > multi, "cut inside a cluster at {cut}: {}", ctx());
                }
            }
        }
    }

    // UTF-16 input gives the same answer.
    let u16s: Vec<u16> = text.encode_utf16().collect();
    let mut buf = String::new();
    let b = analyze_utf16(&u16s, &mut buf, opts).unwrap();
    assert_eq!(b.summary(), a.summary());
    assert_eq!(
        b.segments.iter().map(|s| s.utf16).collect::<Vec<_>>(),
        a.segments.iter().map(|s| s.utf16).collect::<Vec<_>>()
    );
    a
}

/// The message corpus as JSON lines, and whether it is the whole shared corpus.
///
/// `SMS_PREFLIGHT_CORPUS=FILE` if set; else the shared corpus beside the repository
/// (`../shared/corpus/messages.jsonl`, 26,640 messages); else the sample committed in
/// `tests/data/corpus_sample.jsonl` (2,038 of them, made by `scripts/corpus_sample.py`), so a
/// clone alone runs every corpus test. Says on stderr which one it read.
pub fn corpus_jsonl() -> (String, bool) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus/messages.jsonl");
    let (path, full) = match std::env::var_os("SMS_PREFLIGHT_CORPUS") {
        Some(p) => (std::path::PathBuf::from(p), false),
        None if shared.is_file() => (shared, true),
        None => (root.join("tests/data/corpus_sample.jsonl"), false),
    };
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the corpus {}: {e}", path.display()));
    eprintln!("corpus: {}", path.display());
    (data, full)
}
