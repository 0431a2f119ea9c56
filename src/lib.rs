//! # sms-preflight
//!
//! Answers the questions a sender has before an SMS goes out, with no I/O: which encoding
//! a text needs (GSM-7 or UCS-2) and why, how many parts it takes and where each part starts
//! and ends, and how much room is left in the last one. The numbers follow 3GPP TS 23.038
//! (alphabets) and TS 23.040 (user data header, concatenation) exactly:
//!
//! - GSM-7 is counted in septets, where an escape character (`€ [ ] { } ~ ^ | \` and form
//!   feed) costs 2; UCS-2 is counted in UTF-16 code units, where an emoji outside the BMP
//!   costs 2.
//! - One part holds 160 septets or 70 units. Each part of a longer message holds 153 or 67
//!   (152 or 66 with a 16-bit concatenation reference).
//! - An escape pair or a surrogate pair is never split across parts, and by default neither
//!   is a grapheme cluster. That is why `152×a + € + 152×a` takes 3 parts, not
//!   `ceil(306 / 153) = 2`.
//!
//! ```
//! use sms_preflight::{analyze, count, Encoding, Options};
//!
//! let text = format!("{}€{}", "a".repeat(152), "a".repeat(152));
//! let a = analyze(&text, &Options::default())?;
//! assert_eq!((a.encoding, a.units, a.parts), (Encoding::Gsm7, 306, 3));
//! assert_eq!(a.segments[0].units, 152); // the € would have straddled septet 153
//! assert_eq!(a.summary(), count(&text, &Options::default())?);
//! # Ok::<(), sms_preflight::Error>(())
//! ```
//!
//! [`count`] answers the cheap question (encoding, units, parts) without building segments
//! and without allocating (bar a short list of table pairs when national tables are allowed); [`analyze`] adds the segments with UTF-8 and UTF-16 offsets, the
//! characters that forced UCS-2 and the grapheme count. [`analyze_utf16`] takes UTF-16 as a
//! JavaScript string holds it, lone surrogates included.
//!
//! [`encode`] goes one step further and produces the wire form of each segment: the
//! TP-User-Data octets (user data header with the concatenation and national shift elements,
//! then packed septets or UCS-2), the TP-UDL and the TP-DCS; [`decode`] reads them back.
//!
//! ## Policies
//!
//! | case | what this crate does |
//! |---|---|
//! | empty text | 0 parts, 0 units, GSM-7, 160 remaining: there is nothing to send. A request validator reports the empty body separately. |
//! | CR LF | 2 septets (or 2 UTF-16 units), like any two characters; a part may end between them. |
//! | Ç / ç at 0x09 | `Ç` is GSM-7 (the spec's glyph); `ç` is not (see [`Charset`]). |
//! | lone surrogate (UTF-16 input) | read as U+FFFD: 1 UTF-16 unit, as JavaScript's `.length` counts it, and it forces UCS-2; flagged in [`NonGsmChar::lone_surrogate`] and [`Warning::LoneSurrogates`]. |
//! | more than 255 parts | counted exactly, with [`Warning::ExceedsConcatLimit`]: the concatenation element cannot number them. ([`encode`] fails with [`WireError::TooManyParts`]). |
//! | a grapheme cluster longer than a whole part | it fills the current part and the split goes on between its code points, under both [`SplitPolicy`] values: `10×b` then `a` + 100 × U+0301 is 67 + 44 UTF-16 units (2 parts), not 10 + 67 + 34. A cluster that fits in a part is never split under [`SplitPolicy::Graphemes`]. |
//! | more parts than [`Options::max_parts`] | counted exactly, with [`Warning::ExceedsMaxParts`]. |
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod analysis;
mod charset;
mod error;
mod grapheme;
pub mod json;
mod national;
mod options;
mod pdu;
mod segment;
mod smart;
mod tables;

// Phone numbers (cargo feature `phone`, on by default): E.164 normalization and address
// classification.
#[cfg(any(feature = "phone", feature = "phone-lite"))]
pub mod phone;

// The send-request validator and cost estimates (cargo feature `request`, on by default).
#[cfg(feature = "request")]
pub mod cost;
#[cfg(feature = "request")]
pub mod request;

pub use analysis::{Analysis, Count, Encoding, NonGsmChar, Segment, Span, Warning};
pub use charset::Charset;
pub use error::Error;
pub use national::{Language, NationalLanguages, national_septets};
pub use options::{ConcatRef, EncodingRequest, Options, SplitPolicy};
pub use pdu::{
    Concat, ConcatInfo, DCS_GSM7, DCS_UCS2, DecodedSegment, EncodedSegment, IEI_CONCAT_8,
    IEI_CONCAT_16, IEI_LOCKING_SHIFT, IEI_SINGLE_SHIFT, InformationElement, WireError, decode,
    encode, hex, parse_hex,
};
pub use smart::{Replacement, SmartEncoding, SmartMap, SmartResult, smart_encode};

/// Analyzes `text`: its encoding, length, parts with their offsets, and the characters that
/// keep it from being GSM-7.
///
/// Fails only when [`Options::encoding`] is [`EncodingRequest::Gsm7`] and the text has a
/// character outside the charset; the error lists every such character.
///
/// ```
/// use sms_preflight::{analyze, Encoding, Options, SplitPolicy};
///
/// // 66 units, an emoji (2 units), 66 units: the emoji cannot straddle unit 67.
/// let text = format!("{}😀{}", "a".repeat(66), "a".repeat(66));
/// let a = analyze(&text, &Options::default())?;
/// assert_eq!((a.encoding, a.units, a.parts), (Encoding::Ucs2, 134, 3));
/// assert_eq!(a.segments[1].utf16.start, 66);
/// assert_eq!(a.non_gsm[0].ch, '😀');
/// assert_eq!(a.remaining, 66); // the last part holds one `a`
///
/// // Forcing GSM-7 on it is an error that names the culprit.
/// let err = analyze(&text, &Options { encoding: sms_preflight::EncodingRequest::Gsm7, ..Options::default() });
/// assert!(err.unwrap_err().to_string().contains("U+1F600"));
/// # Ok::<(), sms_preflight::Error>(())
/// ```
pub fn analyze<'a>(text: &'a str, opts: &Options) -> Result<Analysis<'a>, Error> {
    segment::analyze(text, opts)
}

/// Encoding, length and number of parts, without a segment list and without allocating
/// (with national tables allowed, it lists the table pairs to try).
/// Always equal to [`analyze`]'s [`Analysis::summary`].
///
/// ```
/// use sms_preflight::{count, Encoding, Options};
/// let c = count(&"a".repeat(161), &Options::default())?;
/// assert_eq!((c.encoding, c.units, c.parts, c.remaining), (Encoding::Gsm7, 161, 2, 153 - 8));
/// # Ok::<(), sms_preflight::Error>(())
/// ```
pub fn count(text: &str, opts: &Options) -> Result<Count, Error> {
    segment::count(text, opts)
}

/// Analyzes UTF-16 text as a JavaScript string holds it, unpaired surrogates included.
///
/// The text is decoded into `buf` (cleared first), which the returned analysis borrows.
/// Each unpaired surrogate becomes U+FFFD. Both are one UTF-16 unit, so every `utf16`
/// offset in the result indexes the original string, and `utf16_len` equals its `.length`.
/// The surrogate counts as one UCS-2 unit and forces UCS-2; it is flagged in `non_gsm` and
/// in a [`Warning::LoneSurrogates`].
///
/// ```
/// use sms_preflight::{analyze_utf16, Encoding, Options};
/// let js: Vec<u16> = vec![0x48, 0x69, 0xD83D]; // "Hi" + half an emoji
/// let mut buf = String::new();
/// let a = analyze_utf16(&js, &mut buf, &Options::default())?;
/// assert_eq!((a.encoding, a.units, a.utf16_len), (Encoding::Ucs2, 3, 3));
/// assert!(a.non_gsm[0].lone_surrogate);
/// # Ok::<(), sms_preflight::Error>(())
/// ```
pub fn analyze_utf16<'a>(
    units: &[u16],
    buf: &'a mut String,
    opts: &Options,
) -> Result<Analysis<'a>, Error> {
    let lone = decode_utf16_into(units, buf);
    let mut analysis = segment::analyze(buf, opts).map_err(|e| mark_lone(e, &lone))?;
    if !lone.is_empty() {
        for c in &mut analysis.non_gsm {
            c.lone_surrogate = lone.binary_search(&c.utf16).is_ok();
        }
        analysis
            .warnings
            .push(Warning::LoneSurrogates { count: lone.len() });
    }
    Ok(analysis)
}

/// [`count`] for UTF-16 input; see [`analyze_utf16`] for how lone surrogates count.
pub fn count_utf16(units: &[u16], opts: &Options) -> Result<Count, Error> {
    let mut buf = String::new();
    let lone = decode_utf16_into(units, &mut buf);
    segment::count(&buf, opts).map_err(|e| mark_lone(e, &lone))
}

/// Decodes UTF-16 into `buf`, replacing unpaired surrogates by U+FFFD; returns their
/// UTF-16 offsets, ascending.
fn decode_utf16_into(units: &[u16], buf: &mut String) -> Vec<usize> {
    buf.clear();
    buf.reserve(units.len());
    let mut lone = Vec::new();
    let mut pos = 0usize;
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => {
                buf.push(c);
                pos += c.len_utf16();
            }
            Err(_) => {
                buf.push(char::REPLACEMENT_CHARACTER);
                lone.push(pos);
                pos += 1;
            }
        }
    }
    lone
}

fn mark_lone(mut e: Error, lone: &[usize]) -> Error {
    if let Error::NotGsm7 { chars, .. } = &mut e {
        for c in chars {
            c.lone_surrogate = lone.binary_search(&c.utf16).is_ok();
        }
    }
    e
}

/// `&text[start..end]` for offsets that the engine found on character boundaries.
///
/// They always are; should one not be, this gives `""` instead of panicking (tests, built
/// with debug assertions, stop on it). Indexing a `str` would bring the standard library's
/// slice-error message, with its `{:?}` formatting of characters and ranges and the tables
/// of printable characters, into the WebAssembly build (replacing the indexing took the main
/// `.wasm` from 42,915 to 39,174 bytes gzip; README, "Size").
#[inline(always)]
pub(crate) fn substr(text: &str, start: usize, end: usize) -> &str {
    debug_assert!(text.is_char_boundary(start) && text.is_char_boundary(end) && start <= end);
    text.get(start..end).unwrap_or_default()
}

/// A value in double quotes, escaped the way this crate's error messages quote values
/// (for the npm bindings, whose own messages should read the same). Not part of the stable
/// API.
#[doc(hidden)]
pub fn __quoted(s: &str) -> String {
    error::quoted(s)
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The Unicode version of the grapheme cluster data (UAX #29 properties) that
/// [`Analysis::graphemes`] and [`SplitPolicy::Graphemes`] follow. Tests check it against the
/// `unicode-segmentation` crate, and every code point's behaviour with it.
pub const UNICODE_VERSION: (u8, u8, u8) = grapheme::UNICODE_VERSION;

/// The grapheme cluster boundaries of `text` (byte offsets, the start of each cluster) as
/// this crate finds them; exposed only for the tests, which compare them with
/// `unicode-segmentation`. Not part of the stable API.
#[doc(hidden)]
pub fn __grapheme_starts(text: &str) -> Vec<usize> {
    grapheme::starts(text)
}
