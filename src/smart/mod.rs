//! Smart encoding: replacing look-alike characters (curly quotes, dashes, exotic spaces,
//! fullwidth forms, ...) by GSM-7 ones before the encoding is chosen, with an audit trail.
//!
//! The shipped list is Telnyx's, generated from `data/smart_encoding.json` by
//! `scripts/gen_smart.py`; see [`SmartMap::telnyx`] for how it differs from Twilio's.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::segment::blocking_chars;
use crate::{Charset, Count, Encoding, EncodingRequest, Error, NonGsmChar, Options};

#[rustfmt::skip]
mod generated;

/// A character → replacement map for smart encoding: sorted, one entry per character.
///
/// A replacement may be longer than one character (`…` → `...`) or empty, which removes
/// the character. Replacements are applied in one pass and are not themselves re-scanned,
/// so `a` → `b` and `b` → `c` turn `ab` into `bc`, not `cc`.
///
/// [`SmartMap::telnyx`] is the shipped list. A caller's map composes with it: clone it, then
/// [`insert`](SmartMap::insert) (which overrides or adds) and [`remove`](SmartMap::remove)
/// (which keeps a character as it is):
///
/// ```
/// use sms_preflight::SmartMap;
///
/// let mut map = SmartMap::telnyx().clone();
/// map.insert('…', "..");          // override: a shorter ellipsis
/// map.insert('😀', ":)");         // addition
/// map.insert('\u{AD}', "");       // addition that removes a soft hyphen
/// map.remove('\t');               // keep TAB as it is (it stays non-GSM)
/// assert_eq!(map.get('…'), Some(".."));
/// assert_eq!(map.get('“'), Some("\""));  // the rest of the shipped list is still there
/// assert_eq!(map.get('\t'), None);
/// ```
///
/// # JSON
///
/// With serde a map reads from (and writes to) this form:
///
/// ```json
/// {"base": "telnyx", "map": {"…": "..", "😀": ":)", "U+00AD": "", "\t": null}}
/// ```
///
/// - `base` (required): `"telnyx"` starts from the shipped list, `"none"` from an empty map.
/// - `map`: each key is one character, or a code point written `U+XXXX`; each value is the
///   replacement (`""` removes the character), or `null` to drop the key from the base, so
///   that the character is kept as it is.
///
/// ```
/// # fn main() -> Result<(), serde_json::Error> {
/// use sms_preflight::SmartMap;
/// let map: SmartMap = serde_json::from_str(r#"{"base": "none", "map": {"U+2026": "..."}}"#)?;
/// assert_eq!((map.len(), map.get('…')), (1, Some("...")));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SmartMap {
    /// Sorted by character, no duplicates. The shipped list is borrowed from the generated
    /// table; a map gets its own copy when it is first changed.
    entries: Cow<'static, [(char, Cow<'static, str>)]>,
    /// Bit `b` is set when the ASCII character `b` is a key: the hot path's first test.
    ascii: u128,
}

impl SmartMap {
    /// The empty map: smart encoding with it changes nothing.
    pub fn empty() -> Self {
        SmartMap::default()
    }

    /// Telnyx's smart-encoding list, as published on its developer site (page of
    /// 2026-04-10): 310 characters. A static: the generated table, borrowed.
    ///
    /// It maps quotes, apostrophes, dashes, slashes, brackets, asterisks and other
    /// punctuation look-alikes, fullwidth digits and letters, small capitals, the Greek
    /// capitals that look Latin, and Unicode spaces to their GSM-7 counterparts; fractions
    /// `¼ ½ ¾` to `1/4 1/2 3/4`, `…` to `...`, `‼` to `!!` and TAB to 7 spaces; and it
    /// removes zero-width characters, U+2028/U+2029 and some C0/C1 controls. Every
    /// replacement is made of GSM-7 characters.
    ///
    /// Twilio's list (its calculator's `SmartEncodingMap.ts`) has 270 of these 310 entries
    /// and differs in 63 places, all recorded in `data/smart_encoding.json`
    /// (`twilio_differences`):
    ///
    /// | | Telnyx (this list) | Twilio |
    /// |---|---|---|
    /// | `‹` U+2039, `›` U+203A | `<`, `>` | `>`, `<` (reversed) |
    /// | NBSP and 13 other Unicode spaces (all but U+2001) | one space | two spaces |
    /// | U+2028, U+2029 | removed | one space |
    /// | C1 controls U+0080 U+008D U+0090 U+009B U+009F | removed | two spaces |
    /// | Greek `Α Β Ε Η Ι Κ Μ Ν Ο Ρ Τ Χ Υ Ζ` | `A B E H I K M N O P T X Y Z` | not replaced |
    /// | fullwidth `ａ`–`ｚ` | `a`–`z` | not replaced |
    pub fn telnyx() -> &'static SmartMap {
        // A static, not a map built on first use: the generated table already has the
        // entries' shape and order (a unit test checks it is sorted and unique).
        static MAP: SmartMap = SmartMap {
            entries: Cow::Borrowed(generated::TELNYX),
            ascii: ascii_keys(generated::TELNYX),
        };
        &MAP
    }

    /// The date of the Telnyx page that [`SmartMap::telnyx`] was transcribed from.
    pub fn telnyx_list_version() -> &'static str {
        generated::TELNYX_LIST_VERSION
    }

    /// How many characters Twilio's list treats differently from [`SmartMap::telnyx`].
    pub fn telnyx_twilio_differences() -> usize {
        generated::TWILIO_DIFFERENCES
    }

    /// Maps `from` to `to` (empty: remove `from`), replacing any earlier entry for `from`.
    /// Returns the replacement it had before, if any.
    pub fn insert(&mut self, from: char, to: impl Into<String>) -> Option<String> {
        self.insert_cow(from, Cow::Owned(to.into()))
            .map(Cow::into_owned)
    }

    fn insert_cow(&mut self, from: char, to: Cow<'static, str>) -> Option<Cow<'static, str>> {
        if from.is_ascii() {
            self.ascii |= 1u128 << u32::from(from);
        }
        match self.entries.binary_search_by_key(&from, |&(c, _)| c) {
            Ok(i) => Some(std::mem::replace(&mut self.entries.to_mut()[i].1, to)),
            Err(i) => {
                self.entries.to_mut().insert(i, (from, to));
                None
            }
        }
    }

    /// Drops the entry for `c`, so that smart encoding keeps `c` as it is. Returns its
    /// replacement, if it had one.
    pub fn remove(&mut self, c: char) -> Option<String> {
        let i = self.entries.binary_search_by_key(&c, |&(k, _)| k).ok()?;
        if c.is_ascii() {
            self.ascii &= !(1u128 << u32::from(c));
        }
        Some(self.entries.to_mut().remove(i).1.into_owned())
    }

    /// The replacement of `c`, if `c` is in the map (`Some("")` when it is removed).
    #[inline]
    pub fn get(&self, c: char) -> Option<&str> {
        self.position(c).map(|i| &*self.entries[i].1)
    }

    /// The index of `c`'s entry, if `c` is in the map.
    #[inline]
    fn position(&self, c: char) -> Option<usize> {
        if c.is_ascii() && self.ascii & (1u128 << u32::from(c)) == 0 {
            return None;
        }
        self.entries.binary_search_by_key(&c, |&(k, _)| k).ok()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, sorted by character.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (char, &str)> + '_ {
        self.entries.iter().map(|(c, r)| (*c, &**r))
    }
}

/// The bit mask of the ASCII characters among `entries`' keys ([`SmartMap`]'s `ascii`).
const fn ascii_keys(entries: &[(char, Cow<'static, str>)]) -> u128 {
    let mut mask = 0u128;
    let mut k = 0;
    while k < entries.len() {
        let c = entries[k].0 as u32;
        if c < 128 {
            mask |= 1 << c;
        }
        k += 1;
    }
    mask
}

impl<S: Into<String>> Extend<(char, S)> for SmartMap {
    /// Inserts every pair; later pairs override earlier ones and existing entries.
    fn extend<I: IntoIterator<Item = (char, S)>>(&mut self, iter: I) {
        for (c, s) in iter {
            self.insert(c, s);
        }
    }
}

impl<S: Into<String>> FromIterator<(char, S)> for SmartMap {
    fn from_iter<I: IntoIterator<Item = (char, S)>>(iter: I) -> Self {
        let mut map = SmartMap::empty();
        map.extend(iter);
        map
    }
}

/// The base of a map read from JSON.
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
enum MapBase {
    Telnyx,
    None,
}

/// The JSON form of a [`SmartMap`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MapSpec {
    base: MapBase,
    #[serde(default)]
    map: BTreeMap<String, Option<String>>,
}

/// A key of the JSON form: one character, or `U+XXXX` (4 to 6 hex digits). Also used by the
/// hand-written policy reader (`request::read`).
pub(crate) fn key_char(key: &str) -> Option<char> {
    let mut chars = key.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    key.strip_prefix("U+")
        .or_else(|| key.strip_prefix("u+"))
        .filter(|hex| (4..=6).contains(&hex.len()))
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        .and_then(char::from_u32)
}

/// [`key_char`], or why the key is not one.
fn parse_key(key: &str) -> Result<char, String> {
    key_char(key).ok_or_else(|| {
        format!(
            "smart-encoding map key {:?} is not one character or a code point written U+XXXX",
            key.chars().take(40).collect::<String>()
        )
    })
}

impl TryFrom<MapSpec> for SmartMap {
    type Error = String;

    fn try_from(spec: MapSpec) -> Result<Self, String> {
        let mut map = match spec.base {
            MapBase::Telnyx => SmartMap::telnyx().clone(),
            MapBase::None => SmartMap::empty(),
        };
        for (key, value) in spec.map {
            let c = parse_key(&key)?;
            match value {
                Some(rep) => map.insert(c, rep),
                None => map.remove(c),
            };
        }
        Ok(map)
    }
}

impl<'de> Deserialize<'de> for SmartMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spec = MapSpec::deserialize(d)?;
        SmartMap::try_from(spec).map_err(serde::de::Error::custom)
    }
}

impl Serialize for SmartMap {
    /// Writes `{"base": "none", "map": {...every entry...}}`, which reads back equal.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Entries<'a>(&'a SmartMap);
        impl Serialize for Entries<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(c, r)| (c.to_string(), r)))
            }
        }
        let mut st = s.serialize_struct("SmartMap", 2)?;
        st.serialize_field("base", &MapBase::None)?;
        st.serialize_field("map", &Entries(self))?;
        st.end()
    }
}

/// Whether, and with which map, look-alike characters are replaced before encoding.
///
/// What happens also depends on the requested encoding ([`Options::encoding`]), which
/// follows the `encoding` field of Telnyx's `POST /v2/messages`; see [`smart_encode`].
///
/// In JSON: `"off"`, `"telnyx"`, or `{"custom": <map>}` with a map as [`SmartMap`] reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmartEncoding {
    /// No replacement under `encoding: auto` (the default, as Telnyx's profile flag
    /// `smart_encoding` defaults to false). `encoding: gsm7` still applies the Telnyx list.
    #[default]
    Off,
    /// Telnyx's list, [`SmartMap::telnyx`].
    Telnyx,
    /// A caller's map, which may start from Telnyx's (see [`SmartMap`]).
    Custom(SmartMap),
}

impl SmartEncoding {
    /// The map this setting applies when smart encoding runs, or `None` for `Off`.
    pub fn map(&self) -> Option<&SmartMap> {
        match self {
            SmartEncoding::Off => None,
            SmartEncoding::Telnyx => Some(SmartMap::telnyx()),
            SmartEncoding::Custom(map) => Some(map),
        }
    }

    /// The map [`smart_encode`] applies under the requested `encoding`, following Telnyx:
    /// none under `ucs2`; under `auto`, this setting's map (none for `Off`); under `gsm7`,
    /// this setting's map, or Telnyx's list for `Off`, since Telnyx always applies smart
    /// encoding for `gsm7`.
    pub fn map_for(&self, encoding: EncodingRequest) -> Option<&SmartMap> {
        match (encoding, self) {
            (EncodingRequest::Ucs2, _) | (EncodingRequest::Auto, SmartEncoding::Off) => None,
            (EncodingRequest::Gsm7, SmartEncoding::Off) => Some(SmartMap::telnyx()),
            (_, smart) => smart.map(),
        }
    }

    /// Whether [`smart_encode`] changes anything under `encoding` (see [`Self::map_for`]).
    pub fn applies(&self, encoding: EncodingRequest) -> bool {
        self.map_for(encoding).is_some()
    }
}

impl std::str::FromStr for SmartEncoding {
    type Err = Error;

    /// `off` or `telnyx` (a custom map comes from JSON, see [`SmartMap`]).
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "off" | "none" => Ok(SmartEncoding::Off),
            "telnyx" => Ok(SmartEncoding::Telnyx),
            _ => Err(Error::InvalidOption {
                option: "smart",
                value: s.chars().take(40).collect(),
                expected: "telnyx or off",
            }),
        }
    }
}

/// One character that smart encoding replaced or removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Replacement {
    /// The character in the original text.
    pub original: char,
    /// Its code point, as `U+XXXX`.
    pub code_point: String,
    /// What it became: one or more characters, or empty when it was removed.
    pub replacement: String,
    /// Its offset in UTF-8 bytes of the original text.
    pub utf8: usize,
    /// Its offset in UTF-16 code units of the original text.
    pub utf16: usize,
    /// The replacement's offset in UTF-8 bytes of the transformed text.
    pub new_utf8: usize,
    /// The replacement's offset in UTF-16 code units of the transformed text.
    pub new_utf16: usize,
}

impl Replacement {
    /// A short human description: `'…' (U+2026) → "..."`, or `U+200B (invisible) removed`.
    pub fn describe(&self) -> String {
        let c = self.original;
        let original = if crate::analysis::is_invisible(c) {
            format!("{} (invisible)", self.code_point)
        } else {
            format!("'{c}' ({})", self.code_point)
        };
        if self.replacement.is_empty() {
            format!("{original} removed")
        } else {
            format!("{original} → {}", crate::error::quoted(&self.replacement))
        }
    }
}

/// Format and zero-width characters that print as nothing.
/// What smart encoding did to a text: the transformed text, every replacement, and the
/// encoding and parts before and after. See [`smart_encode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartResult<'a> {
    /// Whether smart encoding ran: false under `encoding: ucs2`, and under `auto` with
    /// [`SmartEncoding::Off`]. When false the text is unchanged.
    pub enabled: bool,
    /// The encoding that was requested ([`Options::encoding`]).
    pub requested: EncodingRequest,
    /// The charset [`still_non_gsm`](Self::still_non_gsm) was checked against.
    pub charset: Charset,
    /// The text to send: borrowed from the input when nothing was replaced.
    pub text: Cow<'a, str>,
    /// Every replacement, in text order.
    pub replacements: Vec<Replacement>,
    /// How many distinct characters were replaced (Telnyx's `replaced_character_count`).
    pub replaced_character_count: usize,
    /// Characters (Unicode scalar values) in the transformed text (Telnyx's `character_count`).
    pub character_count: usize,
    /// Characters after minus characters before (Telnyx's `length_change`): positive when
    /// the text grew, as with `…` → `...`.
    pub length_change: isize,
    /// [`count`](crate::count) of the original text, with the options given but encoding
    /// `auto`: what the text costs without smart encoding.
    pub before: Count,
    /// [`count`](crate::count) of the transformed text, with the options given but encoding
    /// `auto`. Under `encoding: gsm7` this is what is sent; under `ucs2` the text is
    /// unchanged and sent as UCS-2 whatever this says.
    pub after: Count,
    /// The characters of the transformed text that are still outside the charset and so
    /// keep it UCS-2, with their offsets in the transformed text.
    pub still_non_gsm: Vec<NonGsmChar>,
}

impl SmartResult<'_> {
    /// Whether any character was replaced (Telnyx's `smart_encoding_applied`).
    pub fn applied(&self) -> bool {
        !self.replacements.is_empty()
    }

    /// Parts saved by smart encoding: `before.parts - after.parts`. Negative when it costs
    /// parts, as when 70 × `…` (one UCS-2 part) becomes 210 septets (two GSM-7 parts).
    pub fn parts_saved(&self) -> isize {
        signed(self.before.parts) - signed(self.after.parts)
    }

    /// Whether smart encoding makes the text take more parts than it would without it.
    /// Sending with `encoding: ucs2` skips smart encoding and avoids the extra parts.
    pub fn costs_parts(&self) -> bool {
        self.after.parts > self.before.parts
    }

    /// A one-line summary for people, such as
    /// `smart encoding turns 3 UCS-2 parts into 1 GSM-7 part`.
    pub fn summary(&self) -> String {
        let (b, a) = (parts(&self.before), parts(&self.after));
        if !self.enabled {
            return match self.requested {
                EncodingRequest::Ucs2 => {
                    format!("smart encoding is skipped for encoding ucs2: {b}")
                }
                _ => format!("smart encoding is off: {b}"),
            };
        }
        if !self.applied() {
            return format!("smart encoding changes nothing: {a}");
        }
        let mut s = format!("smart encoding turns {b} into {a}");
        let saved = self.parts_saved();
        if saved < 0 {
            let more = saved.unsigned_abs();
            s.push_str(&format!(
                ": {more} part{} more than without it",
                if more == 1 { "" } else { "s" }
            ));
        }
        if self.after.encoding == Encoding::Ucs2 && !self.still_non_gsm.is_empty() {
            let n = self.still_non_gsm.len();
            s.push_str(&format!(
                "; {n} character{} still force{} UCS-2",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" }
            ));
        }
        s
    }

    /// The same result, owning its text.
    pub fn into_owned(self) -> SmartResult<'static> {
        SmartResult {
            text: Cow::Owned(self.text.into_owned()),
            enabled: self.enabled,
            requested: self.requested,
            charset: self.charset,
            replacements: self.replacements,
            replaced_character_count: self.replaced_character_count,
            character_count: self.character_count,
            length_change: self.length_change,
            before: self.before,
            after: self.after,
            still_non_gsm: self.still_non_gsm,
        }
    }
}

impl Serialize for SmartResult<'_> {
    /// The fields, plus `applied`, `parts_saved`, `costs_parts` and `summary`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SmartResult", 15)?;
        st.serialize_field("enabled", &self.enabled)?;
        st.serialize_field("applied", &self.applied())?;
        st.serialize_field("requested", &self.requested)?;
        st.serialize_field("charset", &self.charset)?;
        st.serialize_field("text", &self.text)?;
        st.serialize_field("replacements", &self.replacements)?;
        st.serialize_field("replaced_character_count", &self.replaced_character_count)?;
        st.serialize_field("character_count", &self.character_count)?;
        st.serialize_field("length_change", &self.length_change)?;
        st.serialize_field("before", &self.before)?;
        st.serialize_field("after", &self.after)?;
        st.serialize_field("parts_saved", &self.parts_saved())?;
        st.serialize_field("costs_parts", &self.costs_parts())?;
        st.serialize_field("still_non_gsm", &self.still_non_gsm)?;
        st.serialize_field("summary", &self.summary())?;
        st.end()
    }
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// `1 GSM-7 part`, `3 UCS-2 parts`.
fn parts(c: &Count) -> String {
    format!(
        "{} {} part{}",
        c.parts,
        c.encoding.name(),
        if c.parts == 1 { "" } else { "s" }
    )
}

/// Replaces look-alike characters in `text` and reports what that changes, following the
/// semantics of Telnyx's `encoding` field ([`Options::encoding`]):
///
/// | `opts.encoding` | `smart` | what happens |
/// |---|---|---|
/// | `auto` | `Off` | nothing: the text is returned unchanged (borrowed) |
/// | `auto` | `Telnyx` or `Custom` | the map is applied; the text may stay UCS-2 (a shorter UCS-2 is still a gain), and [`SmartResult::still_non_gsm`] says why |
/// | `gsm7` | any | the map is applied, **the Telnyx list when `smart` is `Off`**, because Telnyx always applies smart encoding for `gsm7`; then any character still outside the charset is an [`Error::NotGsm7`] |
/// | `ucs2` | any | nothing: Telnyx skips smart encoding for `ucs2` |
///
/// A non-empty text that smart encoding empties (it had only characters the map removes,
/// such as U+200B) is an [`Error::EmptyAfterSmartEncoding`], as it is a `400` at Telnyx.
/// In an [`Error::NotGsm7`] from this function, the offsets index the **original** text
/// (the one the caller has); a character that came from a replacement points at the
/// character it replaced.
///
/// Which characters are "still non-GSM" follows [`Options::charset`]. The `before` and
/// `after` figures are [`count`](crate::count) of the original and the transformed text with
/// the same options but encoding `auto`. Analyze the transformed text ([`SmartResult::text`])
/// with [`analyze`](crate::analyze) to get its segments.
///
/// Replacing can cost parts: 70 × `…` fits one UCS-2 part, but 70 × `...` is 210 septets,
/// two GSM-7 parts. [`SmartResult::parts_saved`] is then negative and
/// [`SmartResult::costs_parts`] true.
///
/// One pass over the text; a text with nothing to replace is returned borrowed, and an
/// ASCII text that is all GSM-7 costs no allocation at all.
///
/// ```
/// use sms_preflight::{smart_encode, Encoding, EncodingRequest, Options, SmartEncoding};
///
/// let text = "Don’t miss our “flash sale” — 50% off… ".repeat(4);
/// let r = smart_encode(&text, &SmartEncoding::Telnyx, &Options::default())?;
/// assert_eq!(r.text, "Don't miss our \"flash sale\" - 50% off... ".repeat(4));
/// assert_eq!((r.before.encoding, r.before.parts), (Encoding::Ucs2, 3));
/// assert_eq!((r.after.encoding, r.after.parts), (Encoding::Gsm7, 2));
/// assert_eq!(r.summary(), "smart encoding turns 3 UCS-2 parts into 2 GSM-7 parts");
/// assert_eq!(r.replaced_character_count, 5); // ’ “ ” — …
///
/// let first = &r.replacements[0];
/// assert_eq!((first.original, first.utf8, first.utf16), ('’', 3, 3));
/// assert_eq!(&text[first.utf8..first.utf8 + '’'.len_utf8()], "’");
///
/// // encoding gsm7 applies the Telnyx list even when smart encoding is off, and fails if
/// // something still is not GSM-7; ucs2 skips it.
/// let gsm7 = Options { encoding: EncodingRequest::Gsm7, ..Options::default() };
/// assert!(smart_encode("“Hi”", &SmartEncoding::Off, &gsm7)?.applied());
/// let err = smart_encode("“Hi” 😀", &SmartEncoding::Off, &gsm7).unwrap_err();
/// assert_eq!(err.kind(), "not_gsm7");
/// let ucs2 = Options { encoding: EncodingRequest::Ucs2, ..Options::default() };
/// assert!(!smart_encode("“Hi”", &SmartEncoding::Telnyx, &ucs2)?.enabled);
/// # Ok::<(), sms_preflight::Error>(())
/// ```
pub fn smart_encode<'a>(
    text: &'a str,
    smart: &SmartEncoding,
    opts: &Options,
) -> Result<SmartResult<'a>, Error> {
    let map = smart.map_for(opts.encoding);
    let auto = Options {
        encoding: EncodingRequest::Auto,
        ..*opts
    };

    let (new, replacements, replaced_character_count) = match map {
        Some(map) => apply(text, map),
        None => (Cow::Borrowed(text), Vec::new(), 0),
    };
    if !text.is_empty() && new.is_empty() {
        let mut chars: Vec<char> = Vec::new();
        for r in &replacements {
            if !chars.contains(&r.original) {
                chars.push(r.original);
            }
        }
        return Err(Error::EmptyAfterSmartEncoding {
            removed: replacements.len(),
            chars,
        });
    }
    let still_non_gsm = blocking_chars(&new, opts)?;
    if opts.encoding == EncodingRequest::Gsm7 && !still_non_gsm.is_empty() {
        let chars = still_non_gsm
            .into_iter()
            .map(|c| {
                let (utf8, utf16) = original_offsets(&replacements, c.utf8, c.utf16);
                NonGsmChar::new(c.ch, utf8, utf16)
            })
            .collect();
        return Err(Error::NotGsm7 {
            charset: opts.charset,
            chars,
        });
    }

    let before = crate::count(text, &auto)?;
    let after = if replacements.is_empty() {
        before
    } else {
        crate::count(&new, &auto)?
    };
    // The counts already hold the scalar values of both texts.
    let (character_count, length_change) =
        (after.chars, signed(after.chars) - signed(before.chars));
    Ok(SmartResult {
        enabled: map.is_some(),
        requested: opts.encoding,
        charset: opts.charset,
        text: new,
        replaced_character_count,
        replacements,
        character_count,
        length_change,
        before,
        after,
        still_non_gsm,
    })
}

/// Applies `map` to `text` in one pass; borrows the text when nothing is replaced. Also
/// returns how many distinct characters were replaced (counted by map entry, so no sort).
fn apply<'a>(text: &'a str, map: &SmartMap) -> (Cow<'a, str>, Vec<Replacement>, usize) {
    let mut out: Option<String> = None;
    let mut replacements = Vec::new();
    // Which map entries were used, made with the output on the first replacement.
    let mut used: Vec<bool> = Vec::new();
    let mut distinct = 0;
    // Bytes of `text` already copied to `out`; UTF-16 offsets in the original and the output.
    let (mut copied, mut pos16, mut new16) = (0usize, 0usize, 0usize);
    for (i, c) in text.char_indices() {
        let c16 = c.len_utf16();
        let Some(k) = map.position(c) else {
            pos16 += c16;
            new16 += c16;
            continue;
        };
        let rep = &*map.entries[k].1;
        let o = out.get_or_insert_with(|| {
            used = vec![false; map.len()];
            String::with_capacity(text.len() + 16)
        });
        if !used[k] {
            used[k] = true;
            distinct += 1;
        }
        o.push_str(crate::substr(text, copied, i));
        replacements.push(Replacement {
            original: c,
            code_point: format!("U+{:04X}", u32::from(c)),
            replacement: rep.to_owned(),
            utf8: i,
            utf16: pos16,
            new_utf8: o.len(),
            new_utf16: new16,
        });
        o.push_str(rep);
        copied = i + c.len_utf8();
        pos16 += c16;
        new16 += rep.encode_utf16().count();
    }
    match out {
        None => (Cow::Borrowed(text), replacements, distinct),
        Some(mut o) => {
            o.push_str(crate::substr(text, copied, text.len()));
            (Cow::Owned(o), replacements, distinct)
        }
    }
}

/// Maps offsets in the transformed text back to the original text. An offset inside a
/// replacement maps to the character it replaced.
fn original_offsets(replacements: &[Replacement], t8: usize, t16: usize) -> (usize, usize) {
    let n = replacements.partition_point(|r| r.new_utf8 <= t8);
    let Some(r) = n.checked_sub(1).and_then(|k| replacements.get(k)) else {
        return (t8, t16);
    };
    let (rep8, rep16) = (r.replacement.len(), r.replacement.encode_utf16().count());
    if t8 < r.new_utf8 + rep8 {
        return (r.utf8, r.utf16);
    }
    (
        r.utf8 + r.original.len_utf8() + (t8 - r.new_utf8 - rep8),
        r.utf16 + r.original.len_utf16() + (t16 - r.new_utf16 - rep16),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_map_is_sorted_unique_and_ascii_bits_agree() {
        let map = SmartMap::telnyx();
        assert_eq!(map.len(), generated::TELNYX.len());
        assert!(map.entries.windows(2).all(|w| w[0].0 < w[1].0));
        for b in 0u8..128 {
            let c = char::from(b);
            let listed = map.entries.iter().any(|&(k, _)| k == c);
            assert_eq!(map.ascii & (1u128 << b) != 0, listed, "{c:?}");
        }
    }

    /// A changed copy of the shipped map owns its entries; the shipped one stays as it is.
    #[test]
    fn changing_a_copy_of_the_shipped_map_leaves_it_alone() {
        let mut m = SmartMap::telnyx().clone();
        assert!(matches!(m.entries, Cow::Borrowed(_)));
        assert_eq!(m.insert('…', ".."), Some("...".to_string()));
        assert_eq!(m.remove('`'), Some("'".to_string()));
        assert!(matches!(m.entries, Cow::Owned(_)));
        assert_eq!((m.get('…'), m.get('`'), m.len()), (Some(".."), None, 309));
        let shipped = SmartMap::telnyx();
        assert_eq!(
            (shipped.get('…'), shipped.get('`'), shipped.len()),
            (Some("..."), Some("'"), 310)
        );
    }

    #[test]
    fn insert_and_remove_keep_the_ascii_bits() {
        let mut m = SmartMap::empty();
        assert_eq!(m.insert('`', "'"), None);
        assert_eq!(m.insert('`', "\""), Some("'".to_string()));
        assert_eq!(m.get('`'), Some("\""));
        assert_eq!(m.remove('`'), Some("\"".to_string()));
        assert_eq!((m.get('`'), m.ascii), (None, 0));
        assert_eq!(m.remove('x'), None);
    }

    #[test]
    fn offsets_map_back_through_growth_and_removal() {
        let (new, reps, distinct) = apply("…\u{200B}é😀", SmartMap::telnyx());
        assert_eq!((&*new, distinct), ("...é😀", 2));
        // é: transformed byte 3 / unit 3; original byte 6 / unit 2.
        assert_eq!(original_offsets(&reps, 3, 3), (6, 2));
        // 😀: transformed 5 / 4; original 8 / 3.
        assert_eq!(original_offsets(&reps, 5, 4), (8, 3));
        // Inside "...": the ellipsis itself.
        assert_eq!(original_offsets(&reps, 1, 1), (0, 0));
        assert_eq!(original_offsets(&[], 7, 5), (7, 5));
    }

    #[test]
    fn distinct_replacements_are_counted_once() {
        let (new, reps, distinct) = apply("“a” “b” \u{200B}\u{200B}", SmartMap::telnyx());
        assert_eq!((&*new, reps.len(), distinct), ("\"a\" \"b\" ", 6, 3));
        assert_eq!(apply("plain", SmartMap::telnyx()).2, 0);
        assert_eq!(apply("", &SmartMap::empty()).2, 0);
    }

    #[test]
    fn keys_parse() {
        assert_eq!(parse_key("…"), Ok('…'));
        assert_eq!(parse_key("U+2026"), Ok('…'));
        assert_eq!(parse_key("u+1F600"), Ok('😀'));
        assert!(parse_key("ab").is_err());
        assert!(parse_key("U+D800").is_err());
        assert!(parse_key("U+110000").is_err());
        assert!(parse_key("").is_err());
    }
}
