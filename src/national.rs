//! National language shift tables (3GPP TS 23.038 Annex A; TS 23.040 §9.2.3.24.15/16).
//!
//! A **locking shift** table replaces the default alphabet for a whole part (UDH information
//! element 0x25); a **single shift** table replaces the extension table reached through ESC
//! (IE 0x24). Each IE costs 3 octets in every part, so the capacities shrink: 155 (one IE) or
//! 152 (both) septets in a one-part message, 149/146 per part with an 8-bit concatenation
//! reference, 148/145 with a 16-bit one.
//!
//! With a set of allowed languages, [`analyze`](crate::analyze) tries the default alphabet,
//! every allowed single shift table alone, every allowed locking table alone, and every
//! locking + single pair, and keeps the one that needs the fewest parts. Ties go, in order, to
//! fewer UDH octets, the default locking table, no single shift table, fewer septets, the same
//! language in both tables, and the lower language id. UCS-2 remains the fallback when no
//! combination covers the text.
//!
//! # Cost
//!
//! Text that the default alphabet carries without escape pairs never looks further: no other
//! combination can beat it (every character costs at least one septet everywhere, and every
//! shift IE only takes room). Otherwise one pass looks every character up in a generated
//! table that says which of the 27 tables hold it, and counts the characters of each of the
//! few dozen distinct masks; the septet total of every combination then comes from those
//! counts, and only the combinations whose naive part
//! count can still win are split exactly.

use serde::{Deserialize, Serialize};

use crate::tables;

/// A language with national shift tables, by its National Language Identifier (NLI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[repr(u8)]
pub enum Language {
    /// NLI 1: locking A.3.1, single A.2.1.
    #[serde(rename = "tr")]
    Turkish = 1,
    /// NLI 2: single shift only (A.2.2); the locking table A.3.2 is void.
    #[serde(rename = "es")]
    Spanish = 2,
    /// NLI 3: locking A.3.3, single A.2.3.
    #[serde(rename = "pt")]
    Portuguese = 3,
    /// NLI 4.
    #[serde(rename = "bn")]
    Bengali = 4,
    /// NLI 5.
    #[serde(rename = "gu")]
    Gujarati = 5,
    /// NLI 6.
    #[serde(rename = "hi")]
    Hindi = 6,
    /// NLI 7.
    #[serde(rename = "kn")]
    Kannada = 7,
    /// NLI 8.
    #[serde(rename = "ml")]
    Malayalam = 8,
    /// NLI 9.
    #[serde(rename = "or")]
    Oriya = 9,
    /// NLI 10.
    #[serde(rename = "pa")]
    Punjabi = 10,
    /// NLI 11.
    #[serde(rename = "ta")]
    Tamil = 11,
    /// NLI 12.
    #[serde(rename = "te")]
    Telugu = 12,
    /// NLI 13.
    #[serde(rename = "ur")]
    Urdu = 13,
}

impl Language {
    /// All 13 languages, in NLI order.
    pub const ALL: [Language; 13] = [
        Language::Turkish,
        Language::Spanish,
        Language::Portuguese,
        Language::Bengali,
        Language::Gujarati,
        Language::Hindi,
        Language::Kannada,
        Language::Malayalam,
        Language::Oriya,
        Language::Punjabi,
        Language::Tamil,
        Language::Telugu,
        Language::Urdu,
    ];

    /// The National Language Identifier carried in the UDH (1–13).
    pub fn nli(self) -> u8 {
        self as u8
    }

    /// The language with this NLI.
    pub fn from_nli(nli: u8) -> Option<Language> {
        Language::ALL.get(usize::from(nli).checked_sub(1)?).copied()
    }

    /// The ISO 639-1 code used in options and JSON (`tr`, `es`, `pt`, `bn`, …).
    pub fn code(self) -> &'static str {
        [
            "tr", "es", "pt", "bn", "gu", "hi", "kn", "ml", "or", "pa", "ta", "te", "ur",
        ][usize::from(self.nli() - 1)]
    }

    /// The English name (`Turkish`, …).
    pub fn name(self) -> &'static str {
        tables::LANGUAGE_NAMES[usize::from(self.nli())]
    }

    /// Whether the language has a locking shift table (all but Spanish).
    pub fn has_locking_table(self) -> bool {
        tables::HAS_LOCKING_TABLE[usize::from(self.nli())]
    }
}

impl std::str::FromStr for Language {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == t || l.name().eq_ignore_ascii_case(&t))
            .ok_or_else(|| crate::Error::InvalidOption {
                option: "national language",
                value: s.chars().take(40).collect(),
                expected: "tr, es, pt, bn, gu, hi, kn, ml, or, pa, ta, te, ur, all or none",
            })
    }
}

/// The national languages a sender allows (a set). The default is **none**: support for
/// national shift tables varies by handset and carrier (Android enables them per OEM
/// configuration, and Telnyx documents no support at all), so a message that relies on them
/// may show as garbage. Allow a language only where you know the receiving side handles it.
///
/// In JSON it is a list of codes: `["tr", "pt"]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NationalLanguages(u16);

impl NationalLanguages {
    /// No national tables (the default).
    pub const NONE: NationalLanguages = NationalLanguages(0);
    /// All 13 languages.
    pub const ALL: NationalLanguages = NationalLanguages(0x3FFE);

    /// The set with `lang` added.
    pub fn with(self, lang: Language) -> Self {
        NationalLanguages(self.0 | 1 << lang.nli())
    }

    /// Whether `lang` is allowed.
    pub fn contains(self, lang: Language) -> bool {
        self.0 & (1 << lang.nli()) != 0
    }

    /// Whether no language is allowed.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The allowed languages, in NLI order.
    pub fn iter(self) -> impl Iterator<Item = Language> {
        Language::ALL.into_iter().filter(move |&l| self.contains(l))
    }
}

impl FromIterator<Language> for NationalLanguages {
    fn from_iter<I: IntoIterator<Item = Language>>(iter: I) -> Self {
        iter.into_iter()
            .fold(NationalLanguages::NONE, NationalLanguages::with)
    }
}

impl std::str::FromStr for NationalLanguages {
    type Err = crate::Error;
    /// Parses `tr,es,pt`, `all` or `none` (case-insensitive, spaces ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "all" => Ok(NationalLanguages::ALL),
            "none" | "" => Ok(NationalLanguages::NONE),
            list => list.split(',').map(str::parse::<Language>).collect(),
        }
    }
}

impl Serialize for NationalLanguages {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for NationalLanguages {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<Language>::deserialize(d)?;
        Ok(v.into_iter().collect())
    }
}

/// A pair of tables in effect: NLI of the locking table (0 = default alphabet) and of the
/// single shift table (0 = default extension table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Tables {
    pub locking: u8,
    pub single: u8,
}

impl Tables {
    pub(crate) const DEFAULT: Tables = Tables {
        locking: 0,
        single: 0,
    };

    /// How many shift IEs the UDH carries for this pair.
    pub(crate) fn shift_ies(self) -> u8 {
        u8::from(self.locking != 0) + u8::from(self.single != 0)
    }

    /// Septet cost of `c`: 1 in the locking table, 2 through ESC in the single shift table,
    /// 0 when neither holds it.
    #[inline]
    pub(crate) fn septets(self, c: char) -> u8 {
        cost_from_masks(tables::table_masks(c), self)
    }

    /// The septets that carry `c` (for the wire encoder): its septet in the locking table,
    /// or ESC and its septet in the single shift table; `None` when neither holds it. Agrees
    /// with [`Tables::septets`] (both come from the same generated data).
    #[inline]
    pub(crate) fn encode_char(self, c: char) -> Option<(u8, Option<u8>)> {
        if let Some(s) = tables::locking_septet(self.locking, c) {
            return Some((s, None));
        }
        tables::single_septet(self.single, c).map(|s| (ESC, Some(s)))
    }

    /// The character of a septet of the locking table (for the wire decoder).
    #[inline]
    pub(crate) fn locking_char(self, septet: u8) -> Option<char> {
        tables::locking_char(self.locking, septet)
    }

    /// The character of ESC + `septet`, per TS 23.038 §6.2.1.1: the single shift table's
    /// character; ESC ESC (reserved for a second extension table) shows a space; any other
    /// code the table does not define shows the locking table's character at that code.
    #[inline]
    pub(crate) fn escaped_char(self, septet: u8) -> Option<char> {
        if septet == ESC {
            return Some(' ');
        }
        tables::single_char(self.single, septet).or_else(|| self.locking_char(septet))
    }

    pub(crate) fn locking_language(self) -> Option<Language> {
        Language::from_nli(self.locking)
    }

    pub(crate) fn single_language(self) -> Option<Language> {
        Language::from_nli(self.single)
    }
}

/// The escape septet: the next septet is read in the single shift table.
pub(crate) const ESC: u8 = 0x1B;

#[inline]
fn cost_from_masks(masks: u32, t: Tables) -> u8 {
    if masks & (1 << t.locking) != 0 {
        1
    } else if masks & (1 << (16 + t.single)) != 0 {
        2
    } else {
        0
    }
}

/// Septets of `text` under the given tables (`None` = the default alphabet or extension
/// table), or `None` when a character is in neither table. A locking table for Spanish, which
/// has none, also gives `None`.
///
/// ```
/// use sms_preflight::{national_septets, Language};
/// // ş is 1 septet in the Turkish locking table, 2 through the Turkish single shift table.
/// assert_eq!(national_septets("şa", Some(Language::Turkish), None), Some(2));
/// assert_eq!(national_septets("şa", None, Some(Language::Turkish)), Some(3));
/// assert_eq!(national_septets("şa", None, None), None);
/// ```
pub fn national_septets(
    text: &str,
    locking: Option<Language>,
    single: Option<Language>,
) -> Option<usize> {
    if locking.is_some_and(|l| !l.has_locking_table()) {
        return None;
    }
    let t = Tables {
        locking: locking.map_or(0, Language::nli),
        single: single.map_or(0, Language::nli),
    };
    text.chars().try_fold(0usize, |acc, c| match t.septets(c) {
        0 => None,
        n => Some(acc + usize::from(n)),
    })
}

/// A candidate pair of tables with its septet total.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub tables: Tables,
    pub septets: usize,
    pub has_escape: bool,
}

/// The distinct table masks of a text, with how often each occurs.
///
/// The GSM tables have only a few dozen distinct masks ([`tables::MASKS`]), so the
/// histogram is a fixed array indexed by mask, filled in one pass: no allocation, no hashing
/// and no sorting (which also keeps that code out of the WebAssembly build).
pub(crate) struct MaskHistogram {
    /// `(mask, occurrences)` for each mask that occurs, in `MASK_VALUES` order.
    entries: [(u32, usize); tables::MASKS],
    len: usize,
}

impl MaskHistogram {
    pub(crate) fn of(text: &str) -> Self {
        let mut counts = [0usize; tables::MASKS];
        for c in text.chars() {
            counts[tables::mask_index(c)] += 1;
        }
        let mut h = MaskHistogram {
            entries: [(0, 0); tables::MASKS],
            len: 0,
        };
        for (&mask, &n) in tables::MASK_VALUES.iter().zip(&counts) {
            if n > 0 {
                h.entries[h.len] = (mask, n);
                h.len += 1;
            }
        }
        h
    }

    /// Septets and escape presence under `t`, or the number of characters it cannot carry.
    pub(crate) fn evaluate(&self, t: Tables) -> Result<Candidate, usize> {
        let (mut septets, mut escapes, mut missing) = (0usize, 0usize, 0usize);
        for &(m, n) in &self.entries[..self.len] {
            match cost_from_masks(m, t) {
                1 => septets += n,
                2 => {
                    septets += 2 * n;
                    escapes += n;
                }
                _ => missing += n,
            }
        }
        if missing > 0 {
            Err(missing)
        } else {
            Ok(Candidate {
                tables: t,
                septets,
                has_escape: escapes > 0,
            })
        }
    }
}

/// Every combination the allowed set permits, default first.
pub(crate) fn combinations(allowed: NationalLanguages) -> Vec<Tables> {
    let lockings: Vec<u8> = std::iter::once(0)
        .chain(
            allowed
                .iter()
                .filter(|l| l.has_locking_table())
                .map(Language::nli),
        )
        .collect();
    let singles: Vec<u8> = std::iter::once(0)
        .chain(allowed.iter().map(Language::nli))
        .collect();
    let mut v = Vec::with_capacity(lockings.len() * singles.len());
    for &locking in &lockings {
        for &single in &singles {
            v.push(Tables { locking, single });
        }
    }
    v
}
