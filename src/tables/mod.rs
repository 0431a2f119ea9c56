//! The GSM 7-bit tables, generated from `data/gsm_tables.json` by `scripts/gen_tables.py`.
//!
//! Two shapes of the data live here:
//! - cost tables of the charset profiles (character → septets), used on the hot path: a
//!   256-entry array for U+0000..=U+00FF and a short sorted list, binary-searched, for the few
//!   characters above it;
//! - `TABLE_MASKS`, for national-table selection: for each character of any table, which of
//!   the 14 locking and 14 single shift tables hold it (one binary search answers for all).
//!
//! The data-driven tests (`tests/tables_data.rs`, `tests/national.rs`) check both against
//! `data/gsm_tables.json` directly.

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

/// The locking (low 16 bits) and single shift (high 16 bits) table masks of `c`; 0 when no
/// GSM table holds it.
#[inline]
pub(crate) fn table_masks(c: char) -> u32 {
    let Ok(cp) = u16::try_from(u32::from(c)) else {
        return 0;
    };
    TABLE_MASKS
        .binary_search_by_key(&cp, |&(k, _)| k)
        .map_or(0, |i| TABLE_MASKS[i].1)
}
