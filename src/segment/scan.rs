//! Scanning a text: septet costs up to the first character outside a charset, character and
//! UTF-16 counts, and the census (characters, grapheme clusters, characters to list) of
//! `analyze`. Word- and chunk-wide tests keep these passes near memory speed.

use super::Alphabet;
use crate::grapheme;
use crate::tables::LOW_COSTS;
use crate::{Charset, NonGsmChar};

/// Bytes the ASCII fast path checks at a time.
pub(crate) const CHUNK: usize = 32;

/// A byte that costs exactly one septet in every charset and never joins a neighbour into
/// one grapheme cluster: space to `Z`, `_`, `a` to `z`, LF, CR. (`tests/tables_data.rs`
/// checks the first claim against every charset.)
#[inline(always)]
fn is_plain_ascii(b: u8) -> bool {
    let printable = b.wrapping_sub(0x20) <= 0x5A - 0x20;
    let lower = b.wrapping_sub(b'a') <= b'z' - b'a';
    printable | lower | (b == b'_') | (b == b'\n') | (b == b'\r')
}

/// Whether all bytes of a chunk are plain. Written without early exit, so the compiler
/// turns it into a handful of SSE2 compares per 16 bytes.
#[inline(always)]
pub(crate) fn is_plain_chunk(chunk: &[u8; CHUNK]) -> bool {
    chunk
        .iter()
        .fold(0u8, |bad, &b| bad | u8::from(!is_plain_ascii(b)))
        == 0
}

/// Whether all 8 bytes are plain (see [`is_plain_ascii`]).
#[inline(always)]
pub(crate) fn is_plain_word(word: &[u8; 8]) -> bool {
    word.iter()
        .fold(0u8, |bad, &b| bad | u8::from(!is_plain_ascii(b)))
        == 0
}

/// UTF-16 units of the characters whose first byte is in `chunk`: one per byte that is not
/// a continuation byte, one more per 4-byte lead. The four words' per-byte counts (at most
/// 2 each) add up in byte lanes (at most 8), and one multiply sums the lanes (at most 64).
/// (A byte-wise fold compiled to mask extraction and a software popcount, about twice the
/// instructions.)
#[inline(always)]
pub(crate) fn chunk_utf16_units(chunk: &[u8; CHUNK]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut lanes = 0u64;
    for word in chunk.chunks_exact(8) {
        lanes += word_units_by_byte(u64::from_le_bytes(word.try_into().unwrap_or([0; 8])));
    }
    (lanes.wrapping_mul(LOW) >> 56) as usize
}

/// Result of the GSM-7 pass.
pub(crate) struct GsmScan {
    /// Septets of the prefix that was scanned (the whole text when `first_bad` is None).
    pub septets: usize,
    /// Escape pairs seen.
    pub escapes: usize,
    /// Byte offset of the first character outside the charset.
    pub first_bad: Option<usize>,
}

/// Counts septets until the first character outside `charset`.
///
/// Runs of plain ASCII are skipped 32 bytes at a time; a chunk with anything else in it is
/// walked character by character, then the fast path resumes.
#[inline]
pub(crate) fn gsm_scan(text: &str, charset: Charset) -> GsmScan {
    let bytes = text.as_bytes();
    let (low, _) = charset.cost_tables();
    let mut septets = 0usize;
    let mut escapes = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let slow_until = match bytes.get(i..i + CHUNK) {
            Some(chunk) => {
                let chunk: &[u8; CHUNK] = chunk.try_into().unwrap_or(&[0; CHUNK]);
                if is_plain_chunk(chunk) {
                    septets += CHUNK;
                    i += CHUNK;
                    continue;
                }
                i + CHUNK
            }
            None => {
                // The tail: check the last 32 bytes (or the whole short text, padded with
                // plain bytes) at once, overlapping what was already counted.
                let mut last = [b'a'; CHUNK];
                let tail = &bytes[bytes.len().saturating_sub(CHUNK)..];
                last[CHUNK - tail.len()..].copy_from_slice(tail);
                if is_plain_chunk(&last) {
                    septets += bytes.len() - i;
                    break;
                }
                bytes.len()
            }
        };
        // Inside a chunk with something else in it: a plain 8-byte word is skipped, any other
        // word is read character by character (and not tested again).
        let mut word_end = i;
        while i < slow_until {
            if i >= word_end {
                if let Some(word) = bytes.get(i..i + 8)
                    && is_plain_word(word.try_into().unwrap_or(&[0; 8]))
                {
                    septets += 8;
                    i += 8;
                    continue;
                }
                word_end = i + 8;
            }
            let (cost, width) = if bytes[i] < 0x80 {
                (low[usize::from(bytes[i])], 1)
            } else {
                let (cp, width) = grapheme::decode_at(bytes, i);
                let cost = match char::from_u32(cp) {
                    _ if (cp as usize) < LOW_COSTS => low[cp as usize],
                    Some(c) => charset.septets(c),
                    None => 0,
                };
                (cost, width)
            };
            if cost == 0 {
                return GsmScan {
                    septets,
                    escapes,
                    first_bad: Some(i),
                };
            }
            septets += usize::from(cost);
            escapes += usize::from(cost == 2);
            i += width;
        }
    }
    GsmScan {
        septets,
        escapes,
        first_bad: None,
    }
}

/// Characters, and characters outside the BMP (4-byte UTF-8 sequences, surrogate pairs in
/// UTF-16), in one pass.
///
/// Each byte adds one character unless it is a continuation byte (`10xxxxxx`), and one
/// astral character if it is a 4-byte lead (`11110xxx`). The counts go into 32 one-byte
/// lanes for up to 127 chunks of 32 bytes at a time, so the compiler turns the inner loop
/// into byte-wide SIMD compares and adds (two separate `filter().count()` passes widen every
/// byte to 64 bits and ran several times slower).
#[inline]
pub(crate) fn char_counts(text: &str) -> (usize, usize) {
    const LANES: usize = 32;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(LANES);
    let (mut chars, mut astral) = (0usize, 0usize);
    loop {
        let (mut c_acc, mut a_acc) = ([0u8; LANES], [0u8; LANES]);
        let mut n = 0;
        for chunk in chunks.by_ref().take(127) {
            let chunk: &[u8; LANES] = chunk.try_into().unwrap_or(&[0; LANES]);
            for k in 0..LANES {
                c_acc[k] += u8::from((chunk[k] as i8) >= -64);
                a_acc[k] += u8::from(chunk[k] >= 0xF0);
            }
            n += 1;
        }
        chars += c_acc.iter().map(|&x| usize::from(x)).sum::<usize>();
        astral += a_acc.iter().map(|&x| usize::from(x)).sum::<usize>();
        if n < 127 {
            break;
        }
    }
    for &b in chunks.remainder() {
        chars += usize::from((b as i8) >= -64);
        astral += usize::from(b >= 0xF0);
    }
    (chars, astral)
}

/// Length in UTF-16 code units: one per character, two for one outside the BMP.
#[inline]
pub(crate) fn utf16_len(text: &str) -> usize {
    let (chars, astral) = char_counts(text);
    chars + astral
}

/// Every character outside `alphabet`, with its offsets.
pub(crate) fn non_gsm_chars(text: &str, alphabet: Alphabet, from: usize) -> Vec<NonGsmChar> {
    let mut out = Vec::new();
    let mut pos16 = utf16_len(crate::substr(text, 0, from));
    for (i, c) in crate::substr(text, from, text.len()).char_indices() {
        if alphabet.septets(c) == 0 {
            out.push(NonGsmChar::new(c, from + i, pos16));
        }
        pos16 += c.len_utf16();
    }
    out
}

/// What `analyze` reports about the characters of a text besides its parts.
pub(crate) struct Census {
    pub chars: usize,
    pub graphemes: usize,
    pub non_gsm: Vec<NonGsmChar>,
}

/// Whether any byte of the 8-byte word `w` equals `b`.
#[inline(always)]
fn word_has_byte(w: u64, b: u8) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w ^ (LOW * u64::from(b));
    x.wrapping_sub(LOW) & !x & HIGH != 0
}

/// The one printable ASCII character that a charset profile lacks: the grave accent (every
/// other one is a GSM-7 character or an escape pair; `tests/tables_data.rs` checks it).
const PRINTABLE_NOT_GSM: u8 = b'`';

/// The most entries `census` reserves up front.
const NON_GSM_RESERVE: usize = 1024;

/// Counts characters and grapheme clusters and, from byte `list.0` on, lists the characters
/// outside the alphabet `list.1`, in one pass.
///
/// The pass is the per-character loop of `analyze`, so it is specialised: the part before
/// `list.0` runs without the listing code, and the part after it with the alphabet's test
/// compiled in (a table load for a charset profile).
#[inline]
pub(crate) fn census(text: &str, list: Option<(usize, Alphabet)>) -> Census {
    let mut state = CensusState {
        graphemes: grapheme::Counter::new(),
        i: 0,
        chars: 0,
        pos16: 0,
        non_gsm: Vec::new(),
    };
    let bytes = text.as_bytes();
    match list {
        None => state.run(bytes, bytes.len(), None::<fn(u32) -> bool>, false),
        Some((from, alphabet)) => {
            state.run(bytes, from, None::<fn(u32) -> bool>, false);
            // In most scripts that force UCS-2 nearly every character is listed: reserve for
            // that (the characters left are at most the bytes left), up to a bound, rather
            // than grow the list a doubling at a time.
            state
                .non_gsm
                .reserve((bytes.len() - state.i).min(NON_GSM_RESERVE));
            match alphabet {
                Alphabet::Charset(cs) => {
                    let (low, high) = cs.cost_tables();
                    let is_gsm = |cp: u32| match char::from_u32(cp) {
                        _ if (cp as usize) < LOW_COSTS => low[cp as usize] != 0,
                        Some(c) => high.get(c).is_some(),
                        None => false,
                    };
                    state.run(bytes, bytes.len(), Some(is_gsm), true);
                }
                national => {
                    let is_gsm =
                        |cp: u32| char::from_u32(cp).is_some_and(|c| national.septets(c) != 0);
                    state.run(bytes, bytes.len(), Some(is_gsm), false);
                }
            }
        }
    }
    Census {
        chars: state.chars,
        graphemes: state.graphemes.clusters,
        non_gsm: state.non_gsm,
    }
}

/// The counters of [`census`], carried from one of its loops to the next.
struct CensusState {
    graphemes: grapheme::Counter,
    i: usize,
    chars: usize,
    pos16: usize,
    non_gsm: Vec<NonGsmChar>,
}

impl CensusState {
    /// Reads the characters from `self.i` up to byte `until`, listing those outside the
    /// alphabet when `is_gsm` is given. 8 bytes of printable ASCII are read at once where
    /// they cannot hold a character to list: when nothing is listed and they end by
    /// `until`, or, when `plain_is_gsm` (a charset profile), without a grave accent.
    #[inline(always)]
    fn run<F: Fn(u32) -> bool>(
        &mut self,
        bytes: &[u8],
        until: usize,
        is_gsm: Option<F>,
        plain_is_gsm: bool,
    ) {
        let until = until.min(bytes.len());
        let (mut i, mut chars, mut pos16) = (self.i, self.chars, self.pos16);
        // Printable ASCII never needs listing when nothing is listed, nor, against a
        // charset profile, unless it is a grave accent.
        let listing = is_gsm.is_some();
        let skips = !listing || plain_is_gsm;
        let plain = |b: u8| (0x20..0x7F).contains(&b) && !(listing && b == PRINTABLE_NOT_GSM);
        while i < until {
            // (A lone one, like a space between two words of another script, is cheaper
            // through the general path below.)
            if skips
                && plain(bytes[i])
                && bytes.get(i + 1).is_some_and(|&b| plain(b))
                && self.graphemes.at_rest()
            {
                // A run of printable ASCII in a resting state: each character starts a
                // cluster and costs one unit. Whole words first, then bytes.
                let mut j = i;
                while let Some(word) = bytes.get(j..j + 8)
                    && j + 8 <= until
                {
                    let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                    if !grapheme::printable_word(w)
                        || (listing && word_has_byte(w, PRINTABLE_NOT_GSM))
                    {
                        break;
                    }
                    j += 8;
                }
                while j < until && plain(bytes[j]) {
                    j += 1;
                }
                self.graphemes.skip_printable(j - i);
                (chars, pos16, i) = (chars + (j - i), pos16 + (j - i), j);
                continue;
            }
            let (cp, width) = grapheme::decode_at(bytes, i);
            self.graphemes.feed(cp);
            if let Some(is_gsm) = &is_gsm
                && !is_gsm(cp)
            {
                let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
                self.non_gsm.push(NonGsmChar::new(c, i, pos16));
            }
            chars += 1;
            pos16 += 1 + usize::from(width == 4);
            i += width;
        }
        (self.i, self.chars, self.pos16) = (i, chars, pos16);
    }
}

/// UTF-16 units of the characters whose first byte is in the 8-byte word `w` (little
/// endian): one per byte that is not a continuation byte (`10xxxxxx`), plus one per 4-byte
/// lead (`11110xxx`, a surrogate pair).
#[inline(always)]
pub(crate) fn word_utf16_units(w: u64) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    // At most 2 a byte, 16 in all: multiplying by LOW sums the bytes into the top one
    // (count_ones is no single instruction without `target-cpu`).
    (word_units_by_byte(w).wrapping_mul(LOW) >> 56) as usize
}

/// Per byte of `w`: the UTF-16 units of the character it starts (1, or 2 for a 4-byte
/// lead), or 0 for a continuation byte.
#[inline(always)]
fn word_units_by_byte(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte: set for a continuation byte (bit 7 set, bit 6 clear).
    let continuation = w & !(w << 1) & HIGH;
    // Bit 7 of each byte: set when bits 7..4 are all set (lead of a 4-byte sequence).
    let four = w & (w << 1) & (w << 2) & (w << 3) & HIGH;
    ((continuation ^ HIGH) >> 7) + (four >> 7)
}

/// Width in bytes of the UTF-8 sequence that starts with `lead`.
#[inline(always)]
pub(crate) fn utf8_width(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn word_utf16_units_match_the_characters_that_start_in_the_word() {
        let text = "aé中😀\r\nЖ𝄞ßab😀😀中中éé1234567".repeat(3);
        let bytes = text.as_bytes();
        for k in 0..bytes.len() - 8 {
            let w = u64::from_le_bytes(bytes[k..k + 8].try_into().unwrap());
            let expected: usize = text
                .char_indices()
                .filter(|&(i, _)| (k..k + 8).contains(&i))
                .map(|(_, c)| c.len_utf16())
                .sum();
            assert_eq!(word_utf16_units(w), expected, "at {k}");
        }
    }

    #[test]
    fn chunk_utf16_units_match_the_characters_that_start_in_the_chunk() {
        let text = "aé中😀\r\nЖ𝄞ßab😀😀中中éé1234567".repeat(4);
        let bytes = text.as_bytes();
        for k in 0..bytes.len() - CHUNK {
            let chunk: &[u8; CHUNK] = bytes[k..k + CHUNK].try_into().unwrap();
            let expected: usize = text
                .char_indices()
                .filter(|&(i, _)| (k..k + CHUNK).contains(&i))
                .map(|(_, c)| c.len_utf16())
                .sum();
            assert_eq!(chunk_utf16_units(chunk), expected, "at {k}");
        }
        assert_eq!(chunk_utf16_units(&[0xF0; CHUNK]), 64);
    }

    #[test]
    fn word_has_byte_matches_a_byte_loop() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut word = [0x41u8; 8];
                word[pos] = b;
                let w = u64::from_le_bytes(word);
                for probe in [b'`', 0x41, 0x00, 0xFF, 0x80] {
                    assert_eq!(
                        word_has_byte(w, probe),
                        word.contains(&probe),
                        "{b:#x} {probe:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn char_counts_match_std_on_long_texts() {
        // Longer than one 127-chunk round, in every width of UTF-8 sequence.
        for unit in ["a", "é", "中", "😀", "a😀é中\r\n"] {
            for n in [0, 1, 31, 32, 33, 127 * 32 / unit.len() + 7, 10_000] {
                let text = unit.repeat(n);
                let chars = text.chars().count();
                let astral = text.chars().filter(|c| c.len_utf16() == 2).count();
                assert_eq!(char_counts(&text), (chars, astral), "{unit:?} × {n}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn char_counts_match_std(text in "\\PC{0,300}") {
            let astral = text.chars().filter(|c| c.len_utf16() == 2).count();
            prop_assert_eq!(char_counts(&text), (text.chars().count(), astral));
        }
    }
}
