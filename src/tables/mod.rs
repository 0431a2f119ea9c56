//! The GSM 7-bit tables, generated from `data/gsm_tables.json` by `scripts/gen_tables.py`.
//!
//! Two shapes of the same data live here:
//! - forward tables (septet → character), one per locking and single shift table, used by the
//!   national-table code and by the data-driven tests;
//! - cost tables (character → septets), used on the hot path: a 256-entry array for
//!   U+0000..=U+00FF and a short sorted list, binary-searched, for the few characters above it.

#[allow(dead_code)]
#[rustfmt::skip]
mod generated;

pub(crate) use generated::*;

/// Looks `c` up in a sorted `(code point, value)` list.
#[inline]
pub(crate) fn lookup(pairs: &[(u16, u8)], c: char) -> Option<u8> {
    let cp = u16::try_from(u32::from(c)).ok()?;
    pairs
        .binary_search_by_key(&cp, |&(k, _)| k)
        .ok()
        .map(|i| pairs[i].1)
}
