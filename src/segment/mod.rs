//! The engine behind [`analyze`](crate::analyze) and [`count`](crate::count): the shared
//! vocabulary (alphabets, per-part layouts) of its four stages, one module each.
//!
//! - [`scan`]: reading a text (septet costs, character and UTF-16 counts, the census);
//! - [`choose`]: choosing the encoding and the national tables;
//! - [`split`]: cutting a text into parts;
//! - [`assemble`]: building the [`Count`](crate::Count) and [`Analysis`](crate::Analysis).
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

mod assemble;
mod choose;
mod scan;
mod split;

pub(crate) use assemble::{analyze, count, wire_plan};
pub(crate) use choose::blocking_chars;

use crate::national::Tables;
use crate::{Charset, ConcatRef, Encoding};

/// The GSM-7 tables a text is measured against: a charset profile (the fast path), or a pair
/// of national tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alphabet {
    Charset(Charset),
    National(Tables),
}

impl Alphabet {
    #[inline(always)]
    pub(crate) fn septets(self, c: char) -> u8 {
        match self {
            Alphabet::Charset(cs) => cs.septets(c),
            Alphabet::National(t) => t.septets(c),
        }
    }

    #[inline]
    pub(crate) fn tables(self) -> Tables {
        match self {
            Alphabet::Charset(_) => Tables::DEFAULT,
            Alphabet::National(t) => t,
        }
    }

    /// Whether two characters of this alphabet can form one grapheme cluster (other than
    /// CR LF). False for the charset profiles (tests/tables_data.rs checks every pair).
    #[inline]
    pub(crate) fn has_clusters(self) -> bool {
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
    #[inline]
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
    #[inline]
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
    #[inline]
    pub(crate) fn naive_parts(self, units: usize) -> usize {
        match units {
            0 => 0,
            u if u <= self.single => 1,
            u => u.div_ceil(self.multi),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
