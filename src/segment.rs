//! Encoding choice and segmentation: the engine behind [`analyze`](crate::analyze) and
//! [`count`](crate::count).
//!
//! # How a text is split
//!
//! A one-part message has no user data header, so it holds 160 septets or 70 UTF-16 units,
//! and anything that fits is one part. A longer text is filled greedily into parts of 153/67
//! (152/66 with a 16-bit reference) *atoms*, where an atom never straddles two parts:
//!
//! - a GSM-7 character costs 1 septet, or 2 for an escape pair (`€ [ ] { } ~ ^ | \` FF);
//! - a UCS-2 character costs 1 UTF-16 unit, or 2 for a surrogate pair;
//! - with [`SplitPolicy::Graphemes`], a part may also not end inside a grapheme cluster,
//!   except between CR and LF (the cluster is then moved whole to the next part).
//!
//! The exact count therefore can exceed the naive `ceil(units / 153)`: `152×a + € + 152×a`
//! is 306 septets but 3 parts, because the escape pair cannot start at septet 153.
//!
//! # Cost
//!
//! Choosing the encoding is one pass that stops at the first character outside the charset;
//! its ASCII path checks 32 bytes at a time with comparisons the compiler vectorizes. Counting
//! parts needs no second pass when no part boundary can be moved: GSM-7 text without escape
//! pairs, UCS-2 text without surrogate pairs under the code-point policy, or any text that
//! fits in one part. Otherwise one more pass walks the characters, and grapheme boundaries are
//! only checked at the (few) places where a part would end.

use crate::grapheme;
use crate::national::{Candidate, MaskHistogram, Tables, combinations};
use crate::tables::LOW_COSTS;
use crate::{
    Analysis, Charset, ConcatRef, Count, Encoding, EncodingRequest, Error, NonGsmChar, Options,
    Segment, Span, SplitPolicy, Warning,
};

/// The GSM-7 tables a text is measured against: a charset profile (the fast path), or a pair
/// of national tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alphabet {
    Charset(Charset),
    National(Tables),
}

impl Alphabet {
    #[inline(always)]
    fn septets(self, c: char) -> u8 {
        match self {
            Alphabet::Charset(cs) => cs.septets(c),
            Alphabet::National(t) => t.septets(c),
        }
    }

    fn tables(self) -> Tables {
        match self {
            Alphabet::Charset(_) => Tables::DEFAULT,
            Alphabet::National(t) => t,
        }
    }

    /// Whether two characters of this alphabet can form one grapheme cluster (other than
    /// CR LF). False for the charset profiles (tests/tables_data.rs checks every pair).
    fn has_clusters(self) -> bool {
        matches!(self, Alphabet::National(t) if t != Tables::DEFAULT)
    }
}

/// The most parts the 1-octet "total" field of a concatenation element can announce.
pub(crate) const CONCAT_MAX_PARTS: usize = 255;

/// Septets in a one-part GSM-7 message: 140 octets × 8 / 7.
const GSM_SINGLE: usize = 160;
/// UTF-16 units in a one-part UCS-2 message: 140 octets / 2.
const UCS2_SINGLE: usize = 70;

/// Octets of one national language shift IE (IEI, IEDL, NLI).
const SHIFT_IE_OCTETS: usize = 3;

/// Per-part capacities of an encoding under a concatenation reference (standards.md §2.2).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub encoding: Encoding,
    pub single: usize,
    pub multi: usize,
    /// UDH octets (UDHL included) of a one-part message and of each part of a longer one.
    pub single_udh: usize,
    pub multi_udh: usize,
}

impl Layout {
    /// GSM-7 with `shift_ies` national shift IEs (0–2) in every part.
    pub(crate) fn gsm(reference: ConcatRef, shift_ies: u8) -> Self {
        let shifts = SHIFT_IE_OCTETS * usize::from(shift_ies);
        // UDHL octet + IEs; no header at all in a one-part message without shift IEs.
        let single_udh = if shifts == 0 { 0 } else { 1 + shifts };
        let multi_udh = reference.udh_octets() as usize + shifts;
        // The header is padded to a septet boundary: ceil(octets × 8 / 7) septets.
        let septets = |octets: usize| GSM_SINGLE - (octets * 8).div_ceil(7);
        Layout {
            encoding: Encoding::Gsm7,
            single: septets(single_udh),
            multi: septets(multi_udh),
            single_udh,
            multi_udh,
        }
    }

    /// UCS-2: a character is never split, so an odd header wastes one octet.
    pub(crate) fn ucs2(reference: ConcatRef) -> Self {
        let multi_udh = reference.udh_octets() as usize;
        Layout {
            encoding: Encoding::Ucs2,
            single: UCS2_SINGLE,
            multi: (140 - multi_udh) / 2,
            single_udh: 0,
            multi_udh,
        }
    }

    /// The fewest parts `units` can take (the exact count may be higher).
    fn naive_parts(self, units: usize) -> usize {
        match units {
            0 => 0,
            u if u <= self.single => 1,
            u => u.div_ceil(self.multi),
        }
    }
}

/// Bytes the ASCII fast path checks at a time.
const CHUNK: usize = 32;

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
fn is_plain_chunk(chunk: &[u8; CHUNK]) -> bool {
    chunk
        .iter()
        .fold(0u8, |bad, &b| bad | u8::from(!is_plain_ascii(b)))
        == 0
}

/// Whether all 8 bytes are plain (see [`is_plain_ascii`]).
#[inline(always)]
fn is_plain_word(word: &[u8; 8]) -> bool {
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
fn chunk_utf16_units(chunk: &[u8; CHUNK]) -> usize {
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
    let mut pos16 = utf16_len(&text[..from]);
    for (i, c) in text[from..].char_indices() {
        if alphabet.septets(c) == 0 {
            out.push(NonGsmChar::new(c, from + i, pos16));
        }
        pos16 += c.len_utf16();
    }
    out
}

/// What `analyze` reports about the characters of a text besides its parts.
struct Census {
    chars: usize,
    graphemes: usize,
    non_gsm: Vec<NonGsmChar>,
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
fn census(text: &str, list: Option<(usize, Alphabet)>) -> Census {
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

/// The encoding decision: which encoding and tables, the total length, and (for the
/// greedy pass) whether any atom costs 2.
pub(crate) struct Decision {
    pub layout: Layout,
    pub alphabet: Alphabet,
    pub units: usize,
    pub has_double: bool,
    /// Where to start listing characters the alphabet cannot carry (UCS-2 only), and the
    /// alphabet to list them against.
    pub non_gsm_from: Option<(usize, Alphabet)>,
    /// `units` is not known yet (see `decide_with`).
    pub units_pending: bool,
    /// The number of characters, when the decision found it on the way: in a charset
    /// profile every GSM-7 character is one septet, or two for an escape pair.
    pub chars: Option<usize>,
}

pub(crate) fn decide(text: &str, opts: &Options) -> Result<Decision, Error> {
    decide_with(text, opts, false)
}

/// [`decide`]; with `split_counts`, a UCS-2 text that surely takes several parts and will
/// be split by grapheme clusters is not measured here (`units_pending`): the split measures
/// it on the way, which saves `count` a pass.
fn decide_with(text: &str, opts: &Options, split_counts: bool) -> Result<Decision, Error> {
    opts.validate()?;
    let charset = Alphabet::Charset(opts.charset);
    let ucs2 = |non_gsm_from| {
        let layout = Layout::ucs2(opts.reference);
        // Every character is at least 1 unit for 3 bytes, so a longer text cannot fit in
        // one part.
        if split_counts && opts.split == SplitPolicy::Graphemes && text.len() > 3 * layout.single {
            return Decision {
                layout,
                alphabet: charset,
                units: 0,
                has_double: true,
                non_gsm_from,
                units_pending: true,
                chars: None,
            };
        }
        // A surrogate pair is exactly a 4-byte UTF-8 sequence.
        let (chars, astral) = char_counts(text);
        Decision {
            layout,
            alphabet: charset,
            units: chars + astral,
            has_double: astral > 0,
            non_gsm_from,
            units_pending: false,
            chars: Some(chars),
        }
    };
    if opts.encoding == EncodingRequest::Ucs2 {
        return Ok(ucs2(Some((0, charset))));
    }
    let scan = gsm_scan(text, opts.charset);
    let default_ok = scan.first_bad.is_none();
    // The default alphabet without escape pairs cannot be beaten (see `national`).
    let national = if opts.national.is_empty() || (default_ok && scan.escapes == 0) {
        None
    } else {
        Some(choose_national(text, opts))
    };
    let (alphabet, units, has_double, bad) = match national {
        None if default_ok => (charset, scan.septets, scan.escapes > 0, None),
        None => (
            charset,
            0,
            false,
            Some((scan.first_bad.unwrap_or(0), charset)),
        ),
        Some(Ok(c)) => {
            let alphabet = if c.tables == Tables::DEFAULT {
                charset
            } else {
                Alphabet::National(c.tables)
            };
            (alphabet, c.septets, c.has_escape, None)
        }
        Some(Err(best_cover)) => (charset, 0, false, Some((0, Alphabet::National(best_cover)))),
    };
    match bad {
        None => Ok(Decision {
            layout: Layout::gsm(opts.reference, alphabet.tables().shift_ies()),
            alphabet,
            units,
            has_double,
            non_gsm_from: None,
            units_pending: false,
            chars: match alphabet {
                Alphabet::Charset(_) if scan.first_bad.is_none() => {
                    Some(scan.septets - scan.escapes)
                }
                _ => None,
            },
        }),
        Some((at, against)) if opts.encoding == EncodingRequest::Gsm7 => Err(Error::NotGsm7 {
            charset: opts.charset,
            chars: non_gsm_chars(text, against, at),
        }),
        Some(from) => Ok(ucs2(Some(from))),
    }
}

/// The characters that keep `text` from GSM-7 under `opts` (with encoding `auto`): empty
/// when it is GSM-7, national tables included.
pub(crate) fn blocking_chars(text: &str, opts: &Options) -> Result<Vec<NonGsmChar>, Error> {
    let auto = Options {
        encoding: EncodingRequest::Auto,
        ..*opts
    };
    let d = decide(text, &auto)?;
    Ok(match d.non_gsm_from {
        Some((at, against)) if d.layout.encoding == Encoding::Ucs2 => {
            non_gsm_chars(text, against, at)
        }
        _ => Vec::new(),
    })
}

/// Sort key of a candidate after its part count: fewer UDH octets, the default locking
/// table, no single shift table, fewer septets, one language for both tables, lower
/// language ids. The "one language" rule is ours, not the issue's: among otherwise equal
/// pairs, a receiver that handles a language's locking table is the likeliest to handle the
/// same language's single shift table (Hindi text with a danda takes Hindi + Hindi, not
/// Hindi + Gujarati, which has the lower id).
fn tie_key(c: &Candidate) -> (u8, bool, bool, usize, bool, u8, u8) {
    let t = c.tables;
    let mixed = t.locking != 0 && t.single != 0 && t.locking != t.single;
    (
        t.shift_ies(),
        t.locking != 0,
        t.single != 0,
        c.septets,
        mixed,
        t.locking,
        t.single,
    )
}

/// The cheapest feasible table pair by parts, or, when none covers the text, the pair that
/// leaves the fewest characters uncovered (to report them).
fn choose_national(text: &str, opts: &Options) -> Result<Candidate, Tables> {
    let hist = MaskHistogram::of(text);
    let mut feasible = Vec::new();
    let mut best_cover = (usize::MAX, Tables::DEFAULT);
    for t in combinations(opts.national) {
        match hist.evaluate(t) {
            Ok(c) => feasible.push(c),
            Err(missing) if missing < best_cover.0 => best_cover = (missing, t),
            Err(_) => {}
        }
    }
    let layout = |c: &Candidate| Layout::gsm(opts.reference, c.tables.shift_ies());
    feasible.sort_by_key(|c| (layout(c).naive_parts(c.septets), tie_key(c)));
    let mut best: Option<(usize, Candidate)> = None;
    for c in feasible {
        let l = layout(&c);
        if best.is_some_and(|(parts, _)| l.naive_parts(c.septets) > parts) {
            break;
        }
        let (parts, _) = parts_of(
            text,
            l,
            Alphabet::National(c.tables),
            c.septets,
            c.has_escape,
            opts.split,
        );
        let better = match best {
            None => true,
            Some((bp, bc)) => (parts, tie_key(&c)) < (bp, tie_key(&bc)),
        };
        if better {
            best = Some((parts, c));
        }
    }
    best.map(|(_, c)| c).ok_or(best_cover.1)
}

/// Receives the parts found by [`split`].
pub(crate) trait Sink {
    fn part(&mut self, utf8: Span, utf16: Span, units: usize);
}

/// Counts parts only.
pub(crate) struct Tally;

impl Sink for Tally {
    #[inline]
    fn part(&mut self, _: Span, _: Span, _: usize) {}
}

/// Collects segments.
pub(crate) struct Collect<'a> {
    pub text: &'a str,
    pub capacity: usize,
    pub segments: Vec<Segment<'a>>,
}

impl<'a> Sink for Collect<'a> {
    fn part(&mut self, utf8: Span, utf16: Span, units: usize) {
        self.segments.push(Segment {
            utf8,
            utf16,
            units,
            capacity: self.capacity,
            text: &self.text[utf8.start..utf8.end],
        });
    }
}

/// Whether a cheap local test proves byte `i` (a char boundary strictly inside the text) a
/// place where a part may end: always under the code-point policy; between two ASCII
/// characters (only CR LF forms a cluster there, and it may be split); and between two
/// characters whose classes alone prove a boundary (see `grapheme::is_safe`). That settles
/// almost every cut in Latin, Cyrillic, Greek or CJK text.
#[inline]
fn cut_is_clearly_free(text: &str, i: usize, policy: SplitPolicy) -> bool {
    policy == SplitPolicy::Codepoints || grapheme::is_safe_boundary(text, i)
}

/// UTF-16 units of the characters whose first byte is in the 8-byte word `w` (little
/// endian): one per byte that is not a continuation byte (`10xxxxxx`), plus one per 4-byte
/// lead (`11110xxx`, a surrogate pair).
#[inline(always)]
fn word_utf16_units(w: u64) -> usize {
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
fn utf8_width(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The character starting at byte `i`: its width in bytes, its cost in units of the
/// encoding, and its length in UTF-16 units. UCS-2 needs no decoding: a 4-byte sequence is
/// exactly a surrogate pair. GSM-7 characters are all in the BMP.
#[inline(always)]
fn atom_at(bytes: &[u8], i: usize, enc: Encoding, alphabet: Alphabet) -> (usize, usize, usize) {
    let b = bytes[i];
    match enc {
        Encoding::Ucs2 => {
            let w = utf8_width(b);
            let u = 1 + usize::from(w == 4);
            (w, u, u)
        }
        Encoding::Gsm7 if b < 0x80 => (1, usize::from(alphabet.septets(char::from(b))), 1),
        Encoding::Gsm7 => {
            let (cp, width) = grapheme::decode_at(bytes, i);
            let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
            (width, usize::from(alphabet.septets(c)), c.len_utf16())
        }
    }
}

/// Greedy split of a multipart text into parts of `layout.multi` units. Returns the number
/// of parts, the units in the last one, and the text's length in UTF-16 units.
///
/// One pass over the bytes. Where a part is full, the cut goes before the character that
/// does not fit, or, under [`SplitPolicy::Graphemes`], back to the start of its grapheme
/// cluster; the (short) tail that moves to the next part is measured again.
pub(crate) fn split<S: Sink>(
    text: &str,
    layout: Layout,
    alphabet: Alphabet,
    policy: SplitPolicy,
    sink: &mut S,
) -> (usize, usize, usize) {
    let bytes = text.as_bytes();
    let cap = layout.multi;
    let enc = layout.encoding;
    let (mut start, mut start16) = (0usize, 0usize);
    let (mut fill, mut pos16) = (0usize, 0usize);
    let mut parts = 0usize;
    let mut i = 0usize;
    // Plain ASCII costs one septet in the charset profiles (not under national tables,
    // where some ASCII goes through the single shift table).
    let ascii_skip = enc == Encoding::Gsm7 && matches!(alphabet, Alphabet::Charset(_));
    let mut boundaries: Option<grapheme::Walker> = None;
    // A GSM-7 word that failed the plain test is not tested again character by character.
    let mut no_skip_until = 0usize;
    while i < bytes.len() {
        // Skip whole 32-byte chunks, then 8-byte words, that cannot contain a cut: their
        // units are counted without decoding, and the first character after them is handled
        // below as usual.
        if enc == Encoding::Ucs2 {
            while let Some(chunk) = bytes.get(i..i + CHUNK) {
                let units = chunk_utf16_units(chunk.try_into().unwrap_or(&[0; CHUNK]));
                if fill + units + 2 > cap {
                    break;
                }
                fill += units;
                pos16 += units;
                i += CHUNK;
            }
        }
        while let Some(word) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            let units = match enc {
                Encoding::Ucs2 => word_utf16_units(w),
                Encoding::Gsm7 if i < no_skip_until || !ascii_skip => break,
                Encoding::Gsm7 if is_plain_word(word.try_into().unwrap_or(&[0; 8])) => 8,
                Encoding::Gsm7 => {
                    no_skip_until = i + 8;
                    break;
                }
            };
            // +2: the character that straddles into the next word may cost 2.
            if fill + units + 2 > cap {
                break;
            }
            fill += units;
            pos16 += units;
            i += 8;
        }
        // After a skip, `i` may sit inside a character already counted.
        while i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let (width, c_cost, c16) = atom_at(bytes, i, enc, alphabet);
        // A loop, not an `if`: when a cluster longer than a part was moved whole, the
        // part it now starts may need cutting again, this time inside the cluster.
        while fill + c_cost > cap && i > start {
            let mut cut = i;
            if !cut_is_clearly_free(text, i, policy) {
                let b = boundaries
                    .get_or_insert_with(grapheme::Walker::new)
                    .at_or_before(text, i);
                // A cluster that began at or before the part's start is longer than a
                // part: cut it between code points.
                if b > start {
                    cut = b;
                }
            }
            // Units and UTF-16 length of the tail [cut, i) that moves to the next part.
            let (mut tail, mut tail16, mut j) = (0usize, 0usize, cut);
            while j < i {
                let (w, u, u16s) = atom_at(bytes, j, enc, alphabet);
                tail += u;
                tail16 += u16s;
                j += w;
            }
            let cut16 = pos16 - tail16;
            sink.part(
                Span { start, end: cut },
                Span {
                    start: start16,
                    end: cut16,
                },
                fill - tail,
            );
            parts += 1;
            start = cut;
            start16 = cut16;
            fill = tail;
        }
        fill += c_cost;
        pos16 += c16;
        i += width;
    }
    if !text.is_empty() {
        sink.part(
            Span {
                start,
                end: text.len(),
            },
            Span {
                start: start16,
                end: pos16,
            },
            fill,
        );
        parts += 1;
    }
    (parts, fill, pos16)
}

/// Parts and the last part's units, without building segments.
fn parts_of(
    text: &str,
    layout: Layout,
    alphabet: Alphabet,
    units: usize,
    has_double: bool,
    policy: SplitPolicy,
) -> (usize, usize) {
    if units == 0 {
        return (0, 0);
    }
    if units <= layout.single {
        return (1, units);
    }
    // Without 2-unit atoms and without clusters to keep whole, every boundary falls exactly
    // at a multiple of the capacity. The charset profiles have no multi-character clusters
    // except CR LF, which may be split (see `may_cut`).
    let no_clusters = policy == SplitPolicy::Codepoints
        || (layout.encoding == Encoding::Gsm7 && !alphabet.has_clusters());
    if !has_double && no_clusters {
        let parts = units.div_ceil(layout.multi);
        return (parts, units - (parts - 1) * layout.multi);
    }
    let (parts, last, _) = split(text, layout, alphabet, policy, &mut Tally);
    (parts, last)
}

fn finish_count(layout: Layout, units: usize, parts: usize, last: usize, chars: usize) -> Count {
    let part_capacity = if parts > 1 {
        layout.multi
    } else {
        layout.single
    };
    Count {
        encoding: layout.encoding,
        units,
        parts,
        remaining: part_capacity - last.min(part_capacity),
        part_capacity,
        chars,
    }
}

pub(crate) fn count(text: &str, opts: &Options) -> Result<Count, Error> {
    let d = decide_with(text, opts, true)?;
    // GSM-7 texts get their character count from the scan; others take one SIMD-friendly
    // pass (`char_counts`, several GB/s).
    let chars = d.chars.unwrap_or_else(|| char_counts(text).0);
    if d.units_pending {
        let (parts, last, units) = split(text, d.layout, d.alphabet, opts.split, &mut Tally);
        return Ok(finish_count(d.layout, units, parts, last, chars));
    }
    let (parts, last) = parts_of(
        text,
        d.layout,
        d.alphabet,
        d.units,
        d.has_double,
        opts.split,
    );
    Ok(finish_count(d.layout, d.units, parts, last, chars))
}

pub(crate) fn analyze<'a>(text: &'a str, opts: &Options) -> Result<Analysis<'a>, Error> {
    let d = decide_with(text, opts, true)?;
    let layout = d.layout;
    let Census {
        chars,
        graphemes,
        non_gsm,
    } = if layout.encoding == Encoding::Gsm7 && !d.alphabet.has_clusters() {
        // Two characters of a charset profile never form one cluster, except CR LF
        // (tests/tables_data.rs checks every pair), so no automaton is needed.
        let chars = d.chars.unwrap_or_else(|| char_counts(text).0);
        let crlf = if text.as_bytes().contains(&b'\r') {
            text.matches("\r\n").count()
        } else {
            0
        };
        Census {
            chars,
            graphemes: chars - crlf,
            non_gsm: Vec::new(),
        }
    } else {
        census(text, d.non_gsm_from)
    };
    let (parts, last, segments, units) = if d.units_pending {
        // Surely several parts: the split measures the text (see `decide_with`).
        let mut sink = Collect {
            text,
            capacity: layout.multi,
            segments: Vec::with_capacity(text.len() / 3 / layout.multi + 2),
        };
        let (parts, last, units) = split(text, layout, d.alphabet, opts.split, &mut sink);
        (parts, last, sink.segments, units)
    } else if d.units == 0 {
        (0, 0, Vec::new(), 0)
    } else if d.units <= layout.single {
        let utf16_len = match layout.encoding {
            Encoding::Ucs2 => d.units,
            Encoding::Gsm7 => chars,
        };
        let seg = Segment {
            utf8: Span {
                start: 0,
                end: text.len(),
            },
            utf16: Span {
                start: 0,
                end: utf16_len,
            },
            units: d.units,
            capacity: layout.single,
            text,
        };
        (1, d.units, vec![seg], d.units)
    } else {
        let mut sink = Collect {
            text,
            capacity: layout.multi,
            segments: Vec::with_capacity(d.units / layout.multi + 2),
        };
        let (parts, last) = if layout.encoding == Encoding::Gsm7
            && !d.has_double
            && !d.alphabet.has_clusters()
            && d.units == text.len()
        {
            // One septet a byte and nothing to keep whole: ASCII without escapes, cut at
            // every multiple of the capacity (as `parts_of` counts it).
            let cap = layout.multi;
            for start in (0..text.len()).step_by(cap) {
                let span = Span {
                    start,
                    end: (start + cap).min(text.len()),
                };
                sink.part(span, span, span.end - span.start);
            }
            let parts = text.len().div_ceil(cap);
            (parts, text.len() - (parts - 1) * cap)
        } else {
            let (parts, last, _) = split(text, layout, d.alphabet, opts.split, &mut sink);
            (parts, last)
        };
        (parts, last, sink.segments, d.units)
    };
    // UCS-2 units are the UTF-16 length; every GSM-7 character (in any table) is in the BMP,
    // so a GSM-7 text has one UTF-16 unit per character.
    let utf16_len = match layout.encoding {
        Encoding::Ucs2 => units,
        Encoding::Gsm7 => chars,
    };
    let c = finish_count(layout, units, parts, last, chars);
    let mut warnings = Vec::new();
    if let Some(max) = opts.max_parts
        && parts > max as usize
    {
        warnings.push(Warning::ExceedsMaxParts { parts, max });
    }
    if parts > CONCAT_MAX_PARTS {
        warnings.push(Warning::ExceedsConcatLimit { parts });
    }
    let tables = d.alphabet.tables();
    Ok(Analysis {
        encoding: layout.encoding,
        charset: opts.charset,
        national_locking_shift: tables.locking_language(),
        national_single_shift: tables.single_language(),
        udh_octets: if parts > 1 {
            layout.multi_udh
        } else {
            layout.single_udh
        },
        units,
        parts,
        remaining: c.remaining,
        part_capacity: c.part_capacity,
        single_part_capacity: layout.single,
        multipart_capacity: layout.multi,
        chars,
        graphemes,
        utf8_len: text.len(),
        utf16_len,
        segments,
        non_gsm,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Language, NationalLanguages};
    use proptest::prelude::*;

    #[test]
    fn default_tables_equal_the_standard_charset() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                Tables::DEFAULT.septets(c),
                Charset::Standard.septets(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn capacities_match_standards_2_2() {
        let cases = [
            (ConcatRef::Bits8, 0, 160, 153),
            (ConcatRef::Bits8, 1, 155, 149),
            (ConcatRef::Bits8, 2, 152, 146),
            (ConcatRef::Bits16, 0, 160, 152),
            (ConcatRef::Bits16, 1, 155, 148),
            (ConcatRef::Bits16, 2, 152, 145),
        ];
        for (r, ies, single, multi) in cases {
            let l = Layout::gsm(r, ies);
            assert_eq!((l.single, l.multi), (single, multi), "{r:?} {ies}");
        }
        assert_eq!(Layout::ucs2(ConcatRef::Bits8).multi, 67);
        assert_eq!(Layout::ucs2(ConcatRef::Bits16).multi, 66);
    }

    /// The chooser against brute force: every combination split exactly, minimum by
    /// (parts, tie key).
    fn brute_force(text: &str, opts: &Options) -> Option<Tables> {
        let hist = MaskHistogram::of(text);
        combinations(opts.national)
            .into_iter()
            .filter_map(|t| hist.evaluate(t).ok())
            .map(|c| {
                let l = Layout::gsm(opts.reference, c.tables.shift_ies());
                let alpha = Alphabet::National(c.tables);
                let (parts, _, _) = split(text, l, alpha, opts.split, &mut Tally);
                let parts = if c.septets <= l.single {
                    usize::from(c.septets > 0)
                } else {
                    parts
                };
                ((parts, tie_key(&c)), c.tables)
            })
            .min_by_key(|(k, _)| *k)
            .map(|(_, t)| t)
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "b c",
            "{",
            "^",
            "€",
            "ç",
            "ş",
            "ğ",
            "ı",
            "İ",
            "ã",
            "õ",
            "Ê",
            "á",
            "ó",
            "Δ",
            "ñ",
            "न",
            "म",
            "स्",
            "ते",
            "क्ष",
            "A",
            "।",
            "৳",
            "বাং",
            "த",
            "ம",
            "ి",
            "ا",
            "ی",
            "۳",
            "😀",
            "\r\n",
            "`",
            "|",
            "\\",
        ])
    }

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

        #[test]
        fn chooser_equals_brute_force(
            pieces in prop::collection::vec(piece(), 0..120),
            langs in prop::sample::subsequence(Language::ALL.to_vec(), 0..=13),
            bits16 in any::<bool>(),
            codepoints in any::<bool>(),
        ) {
            let text: String = pieces.concat();
            let opts = Options {
                national: langs.into_iter().collect::<NationalLanguages>(),
                reference: if bits16 { ConcatRef::Bits16 } else { ConcatRef::Bits8 },
                split: if codepoints { SplitPolicy::Codepoints } else { SplitPolicy::Graphemes },
                ..Options::default()
            };
            let d = decide(&text, &opts).unwrap();
            let expected = brute_force(&text, &opts);
            match expected {
                None => prop_assert_eq!(d.layout.encoding, Encoding::Ucs2),
                Some(t) => {
                    prop_assert_eq!(d.layout.encoding, Encoding::Gsm7);
                    prop_assert_eq!(d.alphabet.tables(), t);
                }
            }
        }
    }
}
