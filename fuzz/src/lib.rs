//! Invariants shared by the fuzz targets. Each check recomputes the expected figures
//! independently of the engine (from `char`s, `encode_utf16` and `unicode-segmentation`) and
//! panics, which libFuzzer reports as a crash, on the first violation.
//!
//! The rules follow `tests/common/mod.rs` of the main crate, plus the error path of a forced
//! GSM-7 request, the warnings, and UTF-16 input with lone surrogates.

use sms_preflight::{
    Analysis, Charset, ConcatRef, Encoding, EncodingRequest, Error, Options, SplitPolicy, Warning,
    analyze, analyze_utf16, count, count_utf16,
};
use unicode_segmentation::UnicodeSegmentation;

/// Options derived from one byte, so that the fuzzer explores every combination:
/// bits 0–1 charset (0 standard, 1 telnyx, 2 telnyx-euro, 3 standard), bit 2 the 16-bit
/// reference, bit 3 the code-point policy, bits 4–5 the encoding request (0 auto, 1 gsm7,
/// 2 ucs2, 3 auto), bits 6–7 `max_parts` (none, 1, 10, 255).
///
/// Field by field from `Options::default()`, so that the fields being added (national
/// tables, smart encoding) keep their defaults until their own targets drive them.
#[allow(clippy::field_reassign_with_default)]
pub fn options_from(b: u8) -> Options {
    let mut o = Options::default();
    o.charset = match b & 3 {
        1 => Charset::Telnyx,
        2 => Charset::TelnyxEuro,
        _ => Charset::Standard,
    };
    if b & 4 != 0 {
        o.reference = ConcatRef::Bits16;
    }
    if b & 8 != 0 {
        o.split = SplitPolicy::Codepoints;
    }
    o.encoding = match (b >> 4) & 3 {
        1 => EncodingRequest::Gsm7,
        2 => EncodingRequest::Ucs2,
        _ => EncodingRequest::Auto,
    };
    o.max_parts = match b >> 6 {
        1 => Some(1),
        2 => Some(10),
        3 => Some(255),
        _ => None,
    };
    o
}

/// Every combination of the options that change the figures (24), with no part limit and
/// never a forced GSM-7 request (so `analyze` cannot fail).
pub fn all_options() -> Vec<Options> {
    (0u8..64)
        .filter(|b| b & 3 != 3 && matches!((b >> 4) & 3, 0 | 2))
        .map(options_from)
        .collect()
}

/// Units of `s` in `encoding` under `charset`, recomputed from the characters.
pub fn units_of(s: &str, encoding: Encoding, charset: Charset) -> usize {
    match encoding {
        Encoding::Gsm7 => s.chars().map(|c| usize::from(charset.septets(c))).sum(),
        Encoding::Ucs2 => s.encode_utf16().count(),
    }
}

/// The first indivisible atom of `rest` under `policy` (CR LF may be split).
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

/// The UTF-16 offset of every UTF-8 byte offset that is a char boundary (others are 0), so
/// that offset checks stay linear in the text length.
fn utf16_offsets(text: &str) -> Vec<usize> {
    let mut v = vec![0; text.len() + 1];
    let mut at = 0;
    for (i, c) in text.char_indices() {
        v[i] = at;
        at += c.len_utf16();
    }
    v[text.len()] = at;
    v
}

/// Asserts every invariant of `analyze(text, opts)` and of `count(text, opts)`; returns the
/// analysis when the request succeeds.
pub fn check<'a>(text: &'a str, opts: &Options) -> Option<Analysis<'a>> {
    let ctx = || format!("text={text:?} opts={opts:?}");
    let bad: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| !opts.charset.contains(c))
        .collect();
    let result = analyze(text, opts);
    let counted = count(text, opts);
    let u16_at = utf16_offsets(text);

    // A forced GSM-7 request fails exactly when a character is outside the charset, and
    // the error names every such character with its offsets.
    if opts.encoding == EncodingRequest::Gsm7 && !bad.is_empty() {
        let Err(Error::NotGsm7 { charset, chars }) = result else {
            panic!("forced GSM-7 accepted a non-GSM text: {}", ctx());
        };
        assert_eq!(charset, opts.charset);
        let got: Vec<(usize, char)> = chars.iter().map(|c| (c.utf8, c.ch)).collect();
        assert_eq!(got, bad, "NotGsm7 lists the wrong characters: {}", ctx());
        for c in &chars {
            assert_eq!(u16_at[c.utf8], c.utf16, "{}", ctx());
            assert!(!c.lone_surrogate);
        }
        assert!(
            matches!(counted, Err(Error::NotGsm7 { .. })),
            "count accepted what analyze rejected: {}",
            ctx()
        );
        return None;
    }
    let a = result.unwrap_or_else(|e| panic!("analyze failed ({e}): {}", ctx()));
    let c = counted.unwrap_or_else(|e| panic!("count failed ({e}): {}", ctx()));
    assert_eq!(c, a.summary(), "count != analyze summary: {}", ctx());

    // Lengths.
    assert_eq!(a.utf8_len, text.len(), "{}", ctx());
    assert_eq!(a.utf16_len, u16_at[text.len()], "{}", ctx());
    assert_eq!(a.chars, text.chars().count(), "{}", ctx());
    assert_eq!(a.graphemes, text.graphemes(true).count(), "{}", ctx());
    assert_eq!(a.charset, opts.charset);

    // Encoding choice and the characters that forced UCS-2.
    let expected_enc = if opts.encoding == EncodingRequest::Ucs2 || !bad.is_empty() {
        Encoding::Ucs2
    } else {
        Encoding::Gsm7
    };
    assert_eq!(a.encoding, expected_enc, "{}", ctx());
    assert_eq!(
        a.units,
        units_of(text, a.encoding, opts.charset),
        "{}",
        ctx()
    );
    if a.encoding == Encoding::Ucs2 {
        let got: Vec<(usize, char)> = a.non_gsm.iter().map(|c| (c.utf8, c.ch)).collect();
        assert_eq!(got, bad, "non_gsm: {}", ctx());
        for c in &a.non_gsm {
            assert_eq!(u16_at[c.utf8], c.utf16, "{}", ctx());
            assert_eq!(c.code_point(), format!("U+{:04X}", u32::from(c.ch)));
        }
    } else {
        assert!(a.non_gsm.is_empty(), "{}", ctx());
    }

    // Lossless, contiguous segments with exact offsets, each within its capacity.
    assert_eq!(a.parts, a.segments.len(), "{}", ctx());
    let (mut at8, mut at16, mut total) = (0, 0, 0);
    for s in &a.segments {
        assert_eq!((s.utf8.start, s.utf16.start), (at8, at16), "{}", ctx());
        assert_eq!(
            text.get(s.utf8.start..s.utf8.end),
            Some(s.text),
            "{}",
            ctx()
        );
        assert_eq!(s.utf16.end, u16_at[s.utf8.end], "{}", ctx());
        assert_eq!(s.utf16.len(), s.text.encode_utf16().count(), "{}", ctx());
        assert_eq!(
            s.units,
            units_of(s.text, a.encoding, opts.charset),
            "{}",
            ctx()
        );
        assert!(s.units <= s.capacity, "segment over capacity: {}", ctx());
        assert!(!s.text.is_empty(), "empty segment: {}", ctx());
        at8 = s.utf8.end;
        at16 = s.utf16.end;
        total += s.units;
    }
    assert_eq!(at8, text.len(), "segments do not cover the text: {}", ctx());
    assert_eq!(at16, a.utf16_len, "{}", ctx());
    assert_eq!(total, a.units, "segment units do not sum: {}", ctx());

    // Capacities, the part count and greedy packing.
    let (single, multi) = (a.single_part_capacity, a.multipart_capacity);
    let expected_caps = match (a.encoding, opts.reference) {
        (Encoding::Gsm7, ConcatRef::Bits8) => (160, 153),
        (Encoding::Gsm7, ConcatRef::Bits16) => (160, 152),
        (Encoding::Ucs2, ConcatRef::Bits8) => (70, 67),
        (Encoding::Ucs2, ConcatRef::Bits16) => (70, 66),
    };
    assert_eq!((single, multi), expected_caps, "{}", ctx());
    if a.units == 0 {
        assert_eq!((a.parts, a.remaining), (0, single), "{}", ctx());
        assert!(text.is_empty(), "units 0 for a non-empty text: {}", ctx());
    } else if a.units <= single {
        assert_eq!(a.parts, 1, "{}", ctx());
        assert_eq!(a.segments[0].capacity, single);
        assert_eq!(a.remaining, single - a.units, "{}", ctx());
    } else {
        assert!(a.parts >= a.units.div_ceil(multi), "{}", ctx());
        assert!(a.segments.iter().all(|s| s.capacity == multi), "{}", ctx());
        assert_eq!(a.part_capacity, multi);
        assert_eq!(
            a.remaining,
            multi - a.segments[a.parts - 1].units,
            "{}",
            ctx()
        );
        for w in a.segments.windows(2) {
            let atom = first_atom(w[1].text, opts.split);
            let atom_units = units_of(atom, a.encoding, opts.charset);
            let first = &w[1].text[..w[1].text.chars().next().map_or(0, char::len_utf8)];
            let char_units = units_of(first, a.encoding, opts.charset);
            // A cluster longer than a part is split between code points.
            let blocking = if atom_units <= multi && w[1].text.starts_with(atom) {
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
        if opts.split == SplitPolicy::Graphemes {
            let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            for s in &a.segments[1..] {
                let cut = s.utf8.start;
                let crlf = text[..cut].ends_with('\r') && text[cut..].starts_with('\n');
                if !crlf && bounds.binary_search(&cut).is_err() {
                    let gi = bounds.partition_point(|&b| b <= cut) - 1;
                    let g_end = bounds.get(gi + 1).copied().unwrap_or(text.len());
                    let g_units = units_of(&text[bounds[gi]..g_end], a.encoding, opts.charset);
                    assert!(g_units > multi, "cut inside a cluster at {cut}: {}", ctx());
                }
            }
        }
    }

    // Warnings: exactly the limits that were exceeded.
    let over_max = opts.max_parts.is_some_and(|m| a.parts > m as usize);
    let has_max = a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::ExceedsMaxParts { .. }));
    assert_eq!(over_max, has_max, "max_parts warning: {}", ctx());
    let has_concat = a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::ExceedsConcatLimit { .. }));
    assert_eq!(a.parts > 255, has_concat, "concat warning: {}", ctx());
    assert!(
        !a.warnings
            .iter()
            .any(|w| matches!(w, Warning::LoneSurrogates { .. }))
    );
    Some(a)
}

/// Asserts the invariants of [`analyze_utf16`] and [`count_utf16`] on arbitrary UTF-16:
/// every lone surrogate is U+FFFD (one unit), UTF-16 offsets index the original units, and
/// the analysis equals that of the decoded text.
pub fn check_utf16(units: &[u16], opts: &Options) {
    let ctx = || format!("units={units:04X?} opts={opts:?}");
    let decoded = String::from_utf16_lossy(units);
    // Offsets of the lone surrogates, in the original units.
    let mut lone = Vec::new();
    let mut pos = 0usize;
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => pos += c.len_utf16(),
            Err(_) => {
                lone.push(pos);
                pos += 1;
            }
        }
    }
    assert_eq!(pos, units.len());
    // Each replacement is one unit, so lengths are preserved.
    assert_eq!(decoded.encode_utf16().count(), units.len(), "{}", ctx());

    let expected = check(&decoded, opts);
    let mut buf = String::from("garbage that must be cleared");
    let got = analyze_utf16(units, &mut buf, opts);
    let counted = count_utf16(units, opts);
    match (expected, got) {
        (None, Err(Error::NotGsm7 { chars, .. })) => {
            let flagged: Vec<usize> = chars
                .iter()
                .filter(|c| c.lone_surrogate)
                .map(|c| c.utf16)
                .collect();
            assert_eq!(flagged, lone, "lone surrogates in the error: {}", ctx());
            assert!(matches!(counted, Err(Error::NotGsm7 { .. })), "{}", ctx());
        }
        (Some(e), Ok(g)) => {
            assert_eq!(g.summary(), e.summary(), "{}", ctx());
            assert_eq!(counted.ok(), Some(e.summary()), "count_utf16: {}", ctx());
            assert_eq!(g.utf16_len, units.len(), "{}", ctx());
            assert_eq!(g.segments.len(), e.segments.len(), "{}", ctx());
            for (s, t) in g.segments.iter().zip(&e.segments) {
                assert_eq!((s.utf8, s.utf16, s.units), (t.utf8, t.utf16, t.units));
                // The UTF-16 span indexes the caller's units.
                let slice = &units[s.utf16.start..s.utf16.end];
                assert_eq!(String::from_utf16_lossy(slice), s.text, "{}", ctx());
            }
            let flagged: Vec<usize> = g
                .non_gsm
                .iter()
                .filter(|c| c.lone_surrogate)
                .map(|c| c.utf16)
                .collect();
            // U+FFFD is in no charset, so every lone surrogate is listed and flagged.
            assert_eq!(flagged, lone, "lone surrogates in non_gsm: {}", ctx());
            let warned = g.warnings.iter().find_map(|w| match w {
                Warning::LoneSurrogates { count } => Some(*count),
                _ => None,
            });
            assert_eq!(
                warned,
                (!lone.is_empty()).then_some(lone.len()),
                "{}",
                ctx()
            );
        }
        (e, g) => panic!(
            "analyze_utf16 and analyze disagree: {:?} vs {:?}: {}",
            e.map(|a| a.summary()),
            g.map(|a| a.summary()),
            ctx()
        ),
    }
}

/// Pieces a structured input is built from: the characters where boundaries are decided.
const PIECES: &[&str] = &[
    "a",
    " ",
    "€",
    "{",
    "\u{c}",
    "\r\n",
    "\r",
    "\n",
    "Ç",
    "ç",
    "é",
    "e\u{301}",
    "Δ",
    "本",
    "😀",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🇫🇷",
    "\u{1F1EB}",
    "\u{200d}",
    "\u{fe0f}",
    "क्ष",
    "ि",
    "\u{FFFD}",
    "`",
    "\u{a0}",
    "ş",
    "\u{1100}\u{1161}\u{11A8}",
    "\u{0301}",
    "1\u{fe0f}\u{20e3}",
    "🏳\u{fe0f}\u{200d}🌈",
    "ab",
];

/// Builds a text from `(piece, repeat)` byte pairs: piece = `b % PIECES.len()`, repeat =
/// `1 + r` (up to 256). Reaches part boundaries with few input bytes.
pub fn recipe(data: &[u8]) -> String {
    let mut s = String::new();
    for pair in data.chunks(2) {
        let piece = PIECES[usize::from(pair[0]) % PIECES.len()];
        let n = 1 + usize::from(pair.get(1).copied().unwrap_or(0));
        for _ in 0..n {
            s.push_str(piece);
        }
        if s.len() > 64 * 1024 {
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_options_has_24_combinations() {
        let v = super::all_options();
        assert_eq!(v.len(), 24);
        for (i, a) in v.iter().enumerate() {
            assert!(!v[..i].contains(a));
        }
    }

    #[test]
    fn checks_hold_on_samples() {
        for text in ["", "a", "Hi 😀 ça va", "\r\n", &"€".repeat(153)] {
            for b in 0..=255u8 {
                super::check(text, &super::options_from(b));
            }
        }
        super::check_utf16(&[0x48, 0xD83D, 0x69, 0xDC00], &super::options_from(0));
    }
}
