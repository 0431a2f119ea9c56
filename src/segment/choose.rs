//! Choosing the encoding of a text: GSM-7 in a charset profile, GSM-7 with a pair of national
//! tables, or UCS-2, with the total length and what the split needs to know.

use super::scan::{char_counts, gsm_scan, non_gsm_chars};
use super::split::parts_of;
use super::{Alphabet, Layout};
use crate::national::{Candidate, MaskHistogram, Tables, combinations};
use crate::{Encoding, EncodingRequest, Error, NonGsmChar, Options, SplitPolicy};

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

#[inline]
pub(crate) fn decide(text: &str, opts: &Options) -> Result<Decision, Error> {
    decide_with(text, opts, false)
}

/// [`decide`]; with `split_counts`, a UCS-2 text that surely takes several parts and will
/// be split by grapheme clusters is not measured here (`units_pending`): the split measures
/// it on the way, which saves `count` a pass.
#[inline]
pub(crate) fn decide_with(
    text: &str,
    opts: &Options,
    split_counts: bool,
) -> Result<Decision, Error> {
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
    sort_small(&mut feasible, |c| {
        (layout(c).naive_parts(c.septets), tie_key(c))
    });
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

/// Sorts `v` by `key`, stably, by insertion: `v` holds at most 14 × 15 table pairs, and the
/// standard library's stable sort added 4.4 KB (2.5 KB gzip) to the WebAssembly build for
/// this one call.
fn sort_small<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::split::{Tally, split};
    use super::*;
    use crate::{ConcatRef, Language, NationalLanguages};
    use proptest::prelude::*;

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

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

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
