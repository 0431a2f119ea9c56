//! Assembling the results: the [`Count`] of `count`, the [`Analysis`] of `analyze` and the
//! parts the wire encoder packs, from the decision, the census and the split.

use super::choose::decide_with;
use super::scan::{Census, census, char_counts};
use super::split::{Collect, Sink, Tally, parts_of, split};
use super::{CONCAT_MAX_PARTS, Layout};
use crate::national::Tables;
use crate::{Analysis, Count, Encoding, Error, Options, Segment, Span, Warning};

#[inline]
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
            text.as_bytes().windows(2).filter(|w| w == b"\r\n").count()
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

/// The parts of a text as the wire encoder needs them: the encoding, the tables in effect,
/// and each part's text with its units. The same decision and split as [`analyze`], without
/// the census (characters, grapheme clusters, characters outside the charset) that only the
/// [`Analysis`] reports; `tests/pdu.rs` checks that the parts are `analyze`'s.
pub(crate) struct WirePlan<'a> {
    pub encoding: Encoding,
    pub tables: Tables,
    pub parts: Vec<(&'a str, usize)>,
}

/// Collects each part's text and units.
struct WireParts<'a> {
    text: &'a str,
    parts: Vec<(&'a str, usize)>,
}

impl<'a> Sink for WireParts<'a> {
    #[inline]
    fn part(&mut self, utf8: Span, _: Span, units: usize) {
        self.parts
            .push((crate::substr(self.text, utf8.start, utf8.end), units));
    }
}

pub(crate) fn wire_plan<'a>(text: &'a str, opts: &Options) -> Result<WirePlan<'a>, Error> {
    let d = decide_with(text, opts, true)?;
    let layout = d.layout;
    let parts = if !d.units_pending && d.units == 0 {
        Vec::new()
    } else if !d.units_pending && d.units <= layout.single {
        vec![(text, d.units)]
    } else {
        let mut sink = WireParts {
            text,
            parts: Vec::with_capacity(text.len() / 3 / layout.multi + 2),
        };
        split(text, layout, d.alphabet, opts.split, &mut sink);
        sink.parts
    };
    Ok(WirePlan {
        encoding: layout.encoding,
        tables: d.alphabet.tables(),
        parts,
    })
}
