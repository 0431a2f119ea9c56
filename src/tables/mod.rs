//! The GSM 7-bit tables, generated from `data/gsm_tables.json` by `scripts/gen_tables.py`.
//!
//! Two shapes of the data live here:
//! - cost tables of the charset profiles (character → septets), used on the hot path: a
//!   256-entry array for U+0000..=U+00FF and a short sorted list, binary-searched, for the few
//!   characters above it;
//! - the `MASK_*` tables, for national-table selection: for each character of any table,
//!   which of the 14 locking and 14 single shift tables hold it (one binary search answers
//!   for all), as runs of code points that share an index into the few distinct masks;
//! - every table in both directions, for the wire encoder and decoder (`src/pdu`): septet →
//!   character (`LOCKING_CHARS`, `SINGLE_CHARS`) and character → septet (sorted lists, with a
//!   direct array for Latin-1 in the default alphabet).
//!
//! The data-driven tests (`tests/tables_data.rs`, `tests/national.rs`) check both against
//! `data/gsm_tables.json` directly.

#[rustfmt::skip]
mod generated;

pub(crate) use generated::*;

/// A bit per 256-code-point page of the BMP that holds any of a sorted list's characters.
/// Most characters outside a GSM table (Cyrillic, CJK, most emoji-free text in other
/// scripts) fall in an empty page and are rejected with one bit test instead of a binary
/// search: that search was a quarter of `analyze` on UCS-2 text.
#[derive(Clone, Copy)]
struct Pages([u64; 4]);

impl Pages {
    /// The pages of a sorted `(code point, value)` list's keys.
    const fn of_pairs<T>(pairs: &[(u16, T)]) -> Self {
        let mut pages = Pages([0; 4]);
        let mut k = 0;
        while k < pairs.len() {
            pages = pages.with(pairs[k].0);
            k += 1;
        }
        pages
    }

    /// The pages of runs of code points (`starts[k]`, `lengths[k]` long).
    const fn of_runs(starts: &[u16], lengths: &[u8]) -> Self {
        let mut pages = Pages([0; 4]);
        let mut k = 0;
        while k < starts.len() {
            let mut cp = starts[k];
            while cp - starts[k] < lengths[k] as u16 {
                pages = pages.with(cp);
                cp += 1;
            }
            k += 1;
        }
        pages
    }

    const fn with(mut self, cp: u16) -> Self {
        let page = (cp >> 8) as usize;
        self.0[page / 64] |= 1 << (page % 64);
        self
    }

    /// `c` as a BMP code point, if its page holds any key.
    #[inline(always)]
    fn admit(self, c: char) -> Option<u16> {
        let cp = u16::try_from(u32::from(c)).ok()?;
        let page = usize::from(cp >> 8);
        (self.0[page / 64] & (1 << (page % 64)) != 0).then_some(cp)
    }
}

/// A sorted `(code point, value)` list of BMP characters, with its [`Pages`].
pub(crate) struct Sparse<T: 'static> {
    pub pairs: &'static [(u16, T)],
    pages: Pages,
}

impl<T: Copy> Sparse<T> {
    /// The list and its page mask, computed at compile time.
    const fn new(pairs: &'static [(u16, T)]) -> Self {
        Sparse {
            pairs,
            pages: Pages::of_pairs(pairs),
        }
    }

    /// The value of `c`, if it is in the list.
    #[inline(always)]
    pub(crate) fn get(&self, c: char) -> Option<T> {
        let cp = self.pages.admit(c)?;
        self.pairs
            .binary_search_by_key(&cp, |&(k, _)| k)
            .ok()
            .map(|i| self.pairs[i].1)
    }
}

/// Code points below this have a direct cost table (Latin-1 and Greek, where the default
/// alphabet's capital Greek letters are).
pub(crate) const LOW_COSTS: usize = 0x400;

/// The Latin-1 table extended with the entries of a high list below [`LOW_COSTS`].
const fn low_costs(latin1: &[u8; 256], high: &[(u16, u8)]) -> [u8; LOW_COSTS] {
    let mut t = [0u8; LOW_COSTS];
    let mut k = 0;
    while k < 256 {
        t[k] = latin1[k];
        k += 1;
    }
    k = 0;
    while k < high.len() {
        if (high[k].0 as usize) < LOW_COSTS {
            t[high[k].0 as usize] = high[k].1;
        }
        k += 1;
    }
    t
}

/// Direct costs of U+0000..U+03FF in the charset profiles.
pub(crate) static STANDARD_LOW: [u8; LOW_COSTS] =
    low_costs(&STANDARD_LATIN1_COST, STANDARD_HIGH_COST);
pub(crate) static TELNYX_LOW: [u8; LOW_COSTS] = low_costs(&TELNYX_LATIN1_COST, TELNYX_HIGH_COST);
pub(crate) static TELNYX_EURO_LOW: [u8; LOW_COSTS] =
    low_costs(&TELNYX_EURO_LATIN1_COST, TELNYX_EURO_HIGH_COST);

/// Higher-code-point costs of the charset profiles (the entries at or above [`LOW_COSTS`]
/// are the only ones looked up here).
pub(crate) static STANDARD_HIGH: Sparse<u8> = Sparse::new(STANDARD_HIGH_COST);
pub(crate) static TELNYX_HIGH: Sparse<u8> = Sparse::new(TELNYX_HIGH_COST);
pub(crate) static TELNYX_EURO_HIGH: Sparse<u8> = Sparse::new(TELNYX_EURO_HIGH_COST);

static MASK_PAGES: Pages = Pages::of_runs(&MASK_RUN_STARTS, &MASK_RUN_LENGTHS);

/// The number of distinct table masks (the length of `MASK_VALUES`).
pub(crate) const MASKS: usize = MASK_VALUES.len();

/// The index in `MASK_VALUES` of `c`'s table masks; 0 (the mask 0) when no GSM table holds
/// it.
#[inline]
pub(crate) fn mask_index(c: char) -> usize {
    let Some(cp) = MASK_PAGES.admit(c) else {
        return 0;
    };
    // The last run that starts at or before `cp`, if `cp` is inside it.
    let runs = MASK_RUN_STARTS.partition_point(|&start| start <= cp);
    match runs.checked_sub(1) {
        Some(k) if cp - MASK_RUN_STARTS[k] < u16::from(MASK_RUN_LENGTHS[k]) => {
            usize::from(MASK_RUN_INDEX[k])
        }
        _ => 0,
    }
}

/// The locking (low 16 bits) and single shift (high 16 bits) table masks of `c`; 0 when no
/// GSM table holds it.
#[inline]
pub(crate) fn table_masks(c: char) -> u32 {
    MASK_VALUES[mask_index(c)]
}

/// The marker in [`LOCKING_CHARS`] and [`SINGLE_CHARS`] for a septet that decodes to no
/// character (ESC, the reserved CR2 and SS2 cells, an undefined cell).
pub(crate) const NO_CHAR: u16 = 0xFFFF;

/// Septets of U+0000..=U+00FF in the default alphabet (0xFF: not in it), for the encoder's
/// common case.
static DEFAULT_LATIN1_SEPTETS: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let pairs = LOCKING_SEPTETS[0];
    let mut k = 0;
    while k < pairs.len() {
        if pairs[k].0 < 256 {
            t[pairs[k].0 as usize] = pairs[k].1;
        }
        k += 1;
    }
    t
};

/// The septet of the Latin-1 character `b` in the default alphabet, or 0xFF when it has
/// none (the encoder's 8-byte fast path).
#[inline(always)]
pub(crate) fn default_latin1_septet(b: u8) -> u8 {
    DEFAULT_LATIN1_SEPTETS[usize::from(b)]
}

fn find(pairs: &[(u16, u8)], c: char) -> Option<u8> {
    let cp = u16::try_from(u32::from(c)).ok()?;
    pairs
        .binary_search_by_key(&cp, |&(k, _)| k)
        .ok()
        .map(|i| pairs[i].1)
}

/// The septet of `c` in the locking shift table of NLI `nli` (0: the default alphabet).
#[inline]
pub(crate) fn locking_septet(nli: u8, c: char) -> Option<u8> {
    if nli == 0 && u32::from(c) < 256 {
        return match DEFAULT_LATIN1_SEPTETS[u32::from(c) as usize] {
            0xFF => None,
            s => Some(s),
        };
    }
    find(LOCKING_SEPTETS.get(usize::from(nli))?, c)
}

/// The septet that follows ESC for `c` in the single shift table of NLI `nli` (0: the
/// default extension table).
#[inline]
pub(crate) fn single_septet(nli: u8, c: char) -> Option<u8> {
    find(SINGLE_SEPTETS.get(usize::from(nli))?, c)
}

fn char_of(table: &[[u16; 128]; 14], nli: u8, septet: u8) -> Option<char> {
    let cp = *table.get(usize::from(nli))?.get(usize::from(septet))?;
    if cp == NO_CHAR {
        None
    } else {
        char::from_u32(u32::from(cp))
    }
}

/// The character of `septet` in the locking shift table of NLI `nli`, if the cell holds one.
#[inline]
pub(crate) fn locking_char(nli: u8, septet: u8) -> Option<char> {
    char_of(&LOCKING_CHARS, nli, septet)
}

/// The character of ESC + `septet` in the single shift table of NLI `nli`, if the cell
/// holds one.
#[inline]
pub(crate) fn single_char(nli: u8, septet: u8) -> Option<char> {
    char_of(&SINGLE_CHARS, nli, septet)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-way lookups against `data/gsm_tables.json`, cell by cell: septet → character
    /// gives the cell (none for markers and empty cells), and character → septet gives the
    /// first cell that holds the character.
    #[test]
    fn septet_lookups_match_the_data() {
        let data: serde_json::Value =
            serde_json::from_str(include_str!("../../data/gsm_tables.json")).unwrap();
        let markers = ["ESC", "CR2", "SS2"];
        let mut checked = 0;
        for lang in data["languages"].as_array().unwrap() {
            let nli = lang["id"].as_u64().unwrap() as u8;
            for (kind, to_char, to_septet) in [
                (
                    "locking",
                    locking_char as fn(u8, u8) -> Option<char>,
                    locking_septet as fn(u8, char) -> Option<u8>,
                ),
                ("single", single_char, single_septet),
            ] {
                let cells: Vec<Option<char>> = match lang[kind].as_array() {
                    None => vec![None; 128],
                    Some(v) => v
                        .iter()
                        .map(|c| {
                            c.as_str()
                                .filter(|s| !markers.contains(s))
                                .and_then(|s| s.chars().next())
                        })
                        .collect(),
                };
                for (septet, &cell) in cells.iter().enumerate() {
                    assert_eq!(to_char(nli, septet as u8), cell, "{kind} {nli} {septet:#x}");
                    if let Some(c) = cell {
                        let first = cells.iter().position(|&x| x == Some(c)).unwrap();
                        assert_eq!(to_septet(nli, c), Some(first as u8), "{kind} {nli} {c:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 2000, "{checked}");
        // Nothing outside a table has a septet.
        assert_eq!(locking_septet(0, 'ç'), None);
        assert_eq!(single_septet(0, 'a'), None);
        assert_eq!(locking_septet(2, 'a'), None); // Spanish has no locking table
        assert_eq!(locking_char(14, 0), None);
    }

    /// The masks of every code point against `data/gsm_tables.json`: bit n of the low half
    /// when locking table n holds the character, bit n of the high half for single shift
    /// table n, and 0 for characters in no table (the run and page encodings must lose
    /// nothing).
    #[test]
    fn table_masks_match_the_data() {
        let data: serde_json::Value =
            serde_json::from_str(include_str!("../../data/gsm_tables.json")).unwrap();
        let mut want = std::collections::HashMap::<char, u32>::new();
        for lang in data["languages"].as_array().unwrap() {
            let nli = lang["id"].as_u64().unwrap() as u32;
            for (kind, shift) in [("locking", 0), ("single", 16)] {
                for cell in lang[kind].as_array().into_iter().flatten() {
                    let Some(s) = cell.as_str().filter(|s| !["ESC", "CR2", "SS2"].contains(s))
                    else {
                        continue;
                    };
                    let c = s.chars().next().unwrap();
                    *want.entry(c).or_default() |= 1 << (nli + shift);
                }
            }
        }
        assert_eq!(want.len(), 1072);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let w = want.get(&c).copied().unwrap_or(0);
            assert_eq!(table_masks(c), w, "{:04X}", u32::from(c));
            assert_eq!(MASK_VALUES[mask_index(c)], w);
        }
    }
}
