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
//! its ASCII path checks 16 bytes at a time with comparisons the compiler vectorizes. Counting
//! parts needs no second pass when no part boundary can be moved: GSM-7 text without escape
//! pairs, UCS-2 text without surrogate pairs under the code-point policy, or any text that
//! fits in one part. Otherwise one more pass walks the characters, and grapheme boundaries are
//! only checked at the (few) places where a part would end.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use crate::{
    Analysis, Charset, ConcatRef, Count, Encoding, EncodingRequest, Error, NonGsmChar, Options,
    Segment, Span, SplitPolicy, Warning,
};

/// The most parts the 1-octet "total" field of a concatenation element can announce.
pub(crate) const CONCAT_MAX_PARTS: usize = 255;

/// Septets in a one-part GSM-7 message: 140 octets × 8 / 7.
const GSM_SINGLE: usize = 160;
/// UTF-16 units in a one-part UCS-2 message: 140 octets / 2.
const UCS2_SINGLE: usize = 70;

/// Per-part capacities of an encoding under a concatenation reference (standards.md §2.2).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub encoding: Encoding,
    pub single: usize,
    pub multi: usize,
}

impl Layout {
    pub(crate) fn new(encoding: Encoding, reference: ConcatRef) -> Self {
        let udh = reference.udh_octets() as usize;
        match encoding {
            // The header is padded to a septet boundary: ceil(udh × 8 / 7) septets.
            Encoding::Gsm7 => Layout {
                encoding,
                single: GSM_SINGLE,
                multi: GSM_SINGLE - (udh * 8).div_ceil(7),
            },
            // A UCS-2 character is never split, so an odd header wastes one octet.
            Encoding::Ucs2 => Layout {
                encoding,
                single: UCS2_SINGLE,
                multi: (140 - udh) / 2,
            },
        }
    }
}

/// A byte that costs exactly one septet in both charsets and never joins a neighbour into
/// one grapheme cluster: space to `Z`, `_`, `a` to `z`, LF, CR.
#[inline(always)]
fn is_plain_ascii(b: u8) -> bool {
    (0x20..=0x5A).contains(&b) || b == b'_' || b.is_ascii_lowercase() || b == b'\n' || b == b'\r'
}

/// Result of the GSM-7 pass.
pub(crate) struct GsmScan {
    /// Septets of the prefix that was scanned (the whole text when `first_bad` is None).
    pub septets: usize,
    /// Whether any escape pair was seen.
    pub has_escape: bool,
    /// Byte offset of the first character outside the charset.
    pub first_bad: Option<usize>,
}

/// Counts septets until the first character outside `charset`.
pub(crate) fn gsm_scan(text: &str, charset: Charset) -> GsmScan {
    let bytes = text.as_bytes();
    let (latin1, _) = charset.cost_tables();
    let mut septets = 0usize;
    let mut escapes = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 16)
            && chunk.iter().fold(true, |acc, &b| acc & is_plain_ascii(b))
        {
            septets += 16;
            i += 16;
            continue;
        }
        let b = bytes[i];
        let (cost, width) = if b < 0x80 {
            (latin1[b as usize], 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (charset.septets(c), c.len_utf8()),
                None => break,
            }
        };
        if cost == 0 {
            return GsmScan {
                septets,
                has_escape: escapes > 0,
                first_bad: Some(i),
            };
        }
        septets += cost as usize;
        escapes += usize::from(cost == 2);
        i += width;
    }
    GsmScan {
        septets,
        has_escape: escapes > 0,
        first_bad: None,
    }
}

/// Length in UTF-16 code units, from the UTF-8 bytes: one unit per lead byte, two for a
/// 4-byte sequence.
#[inline]
pub(crate) fn utf16_len(text: &str) -> usize {
    text.as_bytes()
        .iter()
        .map(|&b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Number of extended grapheme clusters.
pub(crate) fn grapheme_count(text: &str) -> usize {
    if text.is_ascii() {
        // In ASCII only CR LF forms a multi-character cluster (UAX #29 GB3).
        text.len() - text.matches("\r\n").count()
    } else {
        text.graphemes(true).count()
    }
}

/// Every character outside `charset`, with its offsets.
pub(crate) fn non_gsm_chars(text: &str, charset: Charset, from: usize) -> Vec<NonGsmChar> {
    let mut out = Vec::new();
    let mut pos16 = utf16_len(&text[..from]);
    for (i, c) in text[from..].char_indices() {
        if !charset.contains(c) {
            out.push(NonGsmChar::new(c, from + i, pos16));
        }
        pos16 += c.len_utf16();
    }
    out
}

/// The encoding decision: which encoding, its total length, and (for the greedy pass)
/// whether any atom costs 2.
pub(crate) struct Decision {
    pub layout: Layout,
    pub units: usize,
    pub has_double: bool,
    /// Byte offset of the first character outside the charset, if any was looked for and found.
    pub first_bad: Option<usize>,
}

pub(crate) fn decide(text: &str, opts: &Options) -> Result<Decision, Error> {
    let ucs2 = |first_bad| {
        let units = utf16_len(text);
        Decision {
            layout: Layout::new(Encoding::Ucs2, opts.reference),
            units,
            // A surrogate pair is exactly a 4-byte UTF-8 sequence.
            has_double: text.as_bytes().iter().any(|&b| b >= 0xF0),
            first_bad,
        }
    };
    if opts.encoding == EncodingRequest::Ucs2 {
        return Ok(ucs2(None));
    }
    let scan = gsm_scan(text, opts.charset);
    match scan.first_bad {
        None => Ok(Decision {
            layout: Layout::new(Encoding::Gsm7, opts.reference),
            units: scan.septets,
            has_double: scan.has_escape,
            first_bad: None,
        }),
        Some(at) if opts.encoding == EncodingRequest::Gsm7 => Err(Error::NotGsm7 {
            charset: opts.charset,
            chars: non_gsm_chars(text, opts.charset, at),
        }),
        Some(at) => Ok(ucs2(Some(at))),
    }
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

/// Whether a part may end at byte `i` (a char boundary strictly inside the text).
#[inline]
fn may_cut(text: &str, i: usize, policy: SplitPolicy) -> bool {
    if policy == SplitPolicy::Codepoints {
        return true;
    }
    let bytes = text.as_bytes();
    let (before, after) = (bytes[i - 1], bytes[i]);
    if before < 0x80 && after < 0x80 {
        // Two ASCII characters form one cluster only as CR LF, which may be split.
        return true;
    }
    let mut cursor = GraphemeCursor::new(i, text.len(), true);
    cursor.is_boundary(text, 0).unwrap_or(true)
}

/// The grapheme boundary at or before byte `i`.
fn boundary_before(text: &str, i: usize) -> usize {
    let mut cursor = GraphemeCursor::new(i, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => i,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    }
}

/// The cost of one character in units of `encoding`.
#[inline(always)]
fn cost(c: char, encoding: Encoding, charset: Charset) -> usize {
    match encoding {
        Encoding::Gsm7 => charset.septets(c) as usize,
        Encoding::Ucs2 => c.len_utf16(),
    }
}

/// Greedy split of a multipart text into parts of `layout.multi` units. Returns the number
/// of parts and the units in the last one.
pub(crate) fn split<S: Sink>(
    text: &str,
    layout: Layout,
    charset: Charset,
    policy: SplitPolicy,
    sink: &mut S,
) -> (usize, usize) {
    let cap = layout.multi;
    let enc = layout.encoding;
    let (mut start, mut start16) = (0usize, 0usize);
    let (mut fill, mut pos16) = (0usize, 0usize);
    let mut parts = 0usize;
    for (i, c) in text.char_indices() {
        let c_cost = cost(c, enc, charset);
        // A loop, not an `if`: when a cluster longer than a part was moved whole, the
        // part it now starts may need cutting again, this time inside the cluster.
        while fill + c_cost > cap && i > start {
            let mut cut = i;
            if !may_cut(text, i, policy) {
                let b = boundary_before(text, i);
                if b > start {
                    cut = b;
                }
            }
            // Units and UTF-16 length of the tail [cut, i) that moves to the next part.
            let (mut tail, mut tail16) = (0usize, 0usize);
            for t in text[cut..i].chars() {
                tail += cost(t, enc, charset);
                tail16 += t.len_utf16();
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
        pos16 += c.len_utf16();
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
    (parts, fill)
}

/// Parts and the last part's units, without building segments.
fn count_parts(text: &str, d: &Decision, opts: &Options) -> (usize, usize) {
    let Decision { layout, units, .. } = *d;
    if units == 0 {
        return (0, 0);
    }
    if units <= layout.single {
        return (1, units);
    }
    // Without 2-unit atoms (and, for UCS-2, without clusters to keep whole) every boundary
    // falls exactly at a multiple of the capacity. GSM-7 text has no multi-character
    // clusters except CR LF, which may be split (see `may_cut`).
    let fixed = !d.has_double
        && (layout.encoding == Encoding::Gsm7 || opts.split == SplitPolicy::Codepoints);
    if fixed {
        let parts = units.div_ceil(layout.multi);
        return (parts, units - (parts - 1) * layout.multi);
    }
    split(text, layout, opts.charset, opts.split, &mut Tally)
}

fn finish_count(layout: Layout, units: usize, parts: usize, last: usize) -> Count {
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
    }
}

pub(crate) fn count(text: &str, opts: &Options) -> Result<Count, Error> {
    let d = decide(text, opts)?;
    let (parts, last) = count_parts(text, &d, opts);
    Ok(finish_count(d.layout, d.units, parts, last))
}

pub(crate) fn analyze<'a>(text: &'a str, opts: &Options) -> Result<Analysis<'a>, Error> {
    let d = decide(text, opts)?;
    let layout = d.layout;
    let utf16_len = utf16_len(text);
    let (parts, last, segments) = if d.units == 0 {
        (0, 0, Vec::new())
    } else if d.units <= layout.single {
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
        (1, d.units, vec![seg])
    } else {
        let mut sink = Collect {
            text,
            capacity: layout.multi,
            segments: Vec::with_capacity(d.units / layout.multi + 2),
        };
        let (parts, last) = split(text, layout, opts.charset, opts.split, &mut sink);
        (parts, last, sink.segments)
    };
    let c = finish_count(layout, d.units, parts, last);
    let non_gsm = match (layout.encoding, d.first_bad) {
        (Encoding::Gsm7, _) => Vec::new(),
        (Encoding::Ucs2, Some(at)) => non_gsm_chars(text, opts.charset, at),
        (Encoding::Ucs2, None) => non_gsm_chars(text, opts.charset, 0),
    };
    let mut warnings = Vec::new();
    if let Some(max) = opts.max_parts
        && parts > max as usize
    {
        warnings.push(Warning::ExceedsMaxParts { parts, max });
    }
    if parts > CONCAT_MAX_PARTS {
        warnings.push(Warning::ExceedsConcatLimit { parts });
    }
    Ok(Analysis {
        encoding: layout.encoding,
        charset: opts.charset,
        units: d.units,
        parts,
        remaining: c.remaining,
        part_capacity: c.part_capacity,
        single_part_capacity: layout.single,
        multipart_capacity: layout.multi,
        chars: text.chars().count(),
        graphemes: grapheme_count(text),
        utf8_len: text.len(),
        utf16_len,
        segments,
        non_gsm,
        warnings,
    })
}
