//! Splitting a text into parts: the greedy cut at each part's capacity that never splits an
//! escape pair or a surrogate pair, nor (by default) a grapheme cluster that fits in a part.

use super::scan::{CHUNK, chunk_utf16_units, is_plain_word, utf8_width, word_utf16_units};
use super::{Alphabet, Layout};
use crate::grapheme;
use crate::{Encoding, Segment, Span, SplitPolicy};

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
            text: crate::substr(self.text, utf8.start, utf8.end),
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

/// Whether the grapheme cluster that starts at byte `b` (a boundary) costs more than `cap`
/// units: read from `b` until the next cluster starts or the cost passes `cap` (a cluster
/// starts afresh at a boundary, so the automaton needs no earlier context).
fn cluster_exceeds(bytes: &[u8], b: usize, cap: usize, enc: Encoding, alphabet: Alphabet) -> bool {
    let mut clusters = grapheme::Counter::new();
    let (mut j, mut units) = (b, 0usize);
    while j < bytes.len() {
        clusters.feed(grapheme::decode_at(bytes, j).0);
        if clusters.clusters > 1 {
            return false;
        }
        let (width, cost, _) = atom_at(bytes, j, enc, alphabet);
        units += cost;
        if units > cap {
            return true;
        }
        j += width;
    }
    false
}

/// Greedy split of a multipart text into parts of `layout.multi` units. Returns the number
/// of parts, the units in the last one, and the text's length in UTF-16 units.
///
/// One pass over the bytes. Where a part is full, the cut goes before the character that
/// does not fit, or, under [`SplitPolicy::Graphemes`], back to the start of its grapheme
/// cluster; the (short) tail that moves to the next part is measured again. A cluster that
/// cannot fit in one whole part is not moved: it fills the current part, and the split goes
/// on between its code points.
///
/// Natively the split is compiled once per sink, so that counting ([`Tally`]) runs a loop with
/// nothing to collect; in WebAssembly it is compiled once, for `dyn Sink`, which makes the
/// `.wasm` 0.5 KB gzip smaller (callgrind: `count` takes about 5% more instructions that way,
/// `analyze` 1%).
#[inline(always)]
pub(crate) fn split<S: Sink>(
    text: &str,
    layout: Layout,
    alphabet: Alphabet,
    policy: SplitPolicy,
    sink: &mut S,
) -> (usize, usize, usize) {
    #[cfg(target_arch = "wasm32")]
    let sink = sink as &mut dyn Sink;
    split_into(text, layout, alphabet, policy, sink)
}

fn split_into<S: Sink + ?Sized>(
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
                // part: cut it between code points. So is one that begins inside this part
                // but cannot fit in a whole part: it fills this one instead of moving.
                if b > start && !cluster_exceeds(bytes, b, cap, enc, alphabet) {
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
#[inline]
pub(crate) fn parts_of(
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
