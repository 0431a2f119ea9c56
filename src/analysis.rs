//! The result types of [`analyze`](crate::analyze) and [`count`](crate::count).

use serde::Serialize;

use crate::{Charset, Language};

/// The alphabet a message is sent in, as Telnyx reports it in its `encoding` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Encoding {
    /// The GSM 7-bit alphabet: lengths are in septets, an escape pair counts 2.
    #[serde(rename = "GSM-7")]
    Gsm7,
    /// UCS-2 as carried by real networks, that is UTF-16: lengths are in UTF-16 code units,
    /// and a character outside the BMP (most emoji) counts 2.
    #[serde(rename = "UCS-2")]
    Ucs2,
}

impl Encoding {
    /// `"GSM-7"` or `"UCS-2"`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }

    /// The name of the length unit: `"septets"` or `"UTF-16 units"`.
    pub fn unit_name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "septets",
            Encoding::Ucs2 => "UTF-16 units",
        }
    }
}

/// A half-open range `[start, end)` of offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First offset in the range.
    pub start: usize,
    /// One past the last offset in the range.
    pub end: usize,
}

impl Span {
    /// `end - start`.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One part (segment) of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment<'a> {
    /// The part's range in UTF-8 bytes of the text (index a Rust `&str` with it).
    pub utf8: Span,
    /// The part's range in UTF-16 code units (index a JavaScript string with it).
    pub utf16: Span,
    /// The part's length in units of the encoding (septets or UTF-16 code units).
    pub units: usize,
    /// How many units this part can hold: 160/70 for one part, else 153/67 or 152/66 (8- or 16-bit reference); with national
    /// shift tables 155/152 for one part and 149/146 or 148/145 per part (standards.md §2.2).
    pub capacity: usize,
    /// The part's text, `&text[utf8.start..utf8.end]`.
    pub text: &'a str,
}

/// A character that is not in the GSM-7 charset in use, at one place in the text.
///
/// Serialized as `{"char": "😀", "code_point": "U+1F600", "utf8": 3, "utf16": 3}` (plus
/// `"lone_surrogate": true` where it applies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NonGsmChar {
    /// The character (U+FFFD where the input had a lone surrogate).
    pub ch: char,
    /// Its offset in UTF-8 bytes.
    pub utf8: usize,
    /// Its offset in UTF-16 code units.
    pub utf16: usize,
    /// True when the input was UTF-16 with an unpaired surrogate here, which was read
    /// as U+FFFD (see [`analyze_utf16`](crate::analyze_utf16)).
    pub lone_surrogate: bool,
}

impl NonGsmChar {
    pub(crate) fn new(ch: char, utf8: usize, utf16: usize) -> Self {
        NonGsmChar {
            ch,
            utf8,
            utf16,
            lone_surrogate: false,
        }
    }

    /// Its code point, as `U+XXXX`.
    pub fn code_point(&self) -> String {
        format!("U+{:04X}", u32::from(self.ch))
    }

    /// A short human description: `'😀' (U+1F600)`, or a name for invisible characters.
    pub fn describe(&self) -> String {
        self.description().to_string()
    }

    /// [`describe`](Self::describe)'s text as a value to format, without allocating: for a
    /// caller that writes many of them (`write!(out, "{}", c.description())`). It ignores
    /// width and fill (`{:>30}`): format `describe()` for those.
    pub fn description(&self) -> impl std::fmt::Display {
        Description(*self)
    }
}

struct Description(NonGsmChar);

impl std::fmt::Display for Description {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.0;
        let cp = u32::from(c.ch);
        if c.lone_surrogate {
            f.write_str("a lone surrogate (read as U+FFFD)")
        } else if is_invisible(c.ch) {
            write!(f, "U+{cp:04X} (invisible)")
        } else {
            write!(f, "'{}' (U+{cp:04X})", c.ch)
        }
    }
}

/// Whether `c` shows nothing on screen (controls, spaces, zero-width and format characters,
/// the soft hyphen), so that messages name it by code point rather than quote it.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{AD}')
}

impl Serialize for NonGsmChar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("NonGsmChar", 5)?;
        st.serialize_field("char", &self.ch)?;
        st.serialize_field("code_point", &self.code_point())?;
        st.serialize_field("utf8", &self.utf8)?;
        st.serialize_field("utf16", &self.utf16)?;
        if self.lone_surrogate {
            st.serialize_field("lone_surrogate", &true)?;
        } else {
            st.skip_field("lone_surrogate")?;
        }
        st.end()
    }
}

/// Something worth telling the sender that does not stop the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Warning {
    /// More parts than [`Options::max_parts`](crate::Options::max_parts) allows (Telnyx:
    /// 10, error 40302 "Message too large").
    ExceedsMaxParts {
        /// Parts the text needs.
        parts: usize,
        /// The configured maximum.
        max: u32,
    },
    /// More than 255 parts: the concatenation element counts parts in one octet
    /// (TS 23.040 §9.2.3.24.1), so no network can send this as one message. The figures
    /// are still exact, so a caller can see how far over it is.
    ExceedsConcatLimit {
        /// Parts the text needs.
        parts: usize,
    },
    /// The UTF-16 input had unpaired surrogates. Each was read as U+FFFD, which is also one
    /// UTF-16 unit, so every UTF-16 offset still indexes the original string.
    LoneSurrogates {
        /// How many.
        count: usize,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::ExceedsMaxParts { parts, max } => write!(
                f,
                "the text needs {parts} parts, more than the maximum of {max}; shorten it or send it as MMS"
            ),
            Warning::ExceedsConcatLimit { parts } => write!(
                f,
                "the text needs {parts} parts; concatenation allows at most 255, so it cannot be sent as one message"
            ),
            Warning::LoneSurrogates { count } => write!(
                f,
                "the input had {count} unpaired UTF-16 surrogate{}; each was counted as U+FFFD (1 unit, forces UCS-2)",
                if *count == 1 { "" } else { "s" }
            ),
        }
    }
}

/// The cheap answer: encoding, length and parts, without a list of segments.
///
/// [`count`](crate::count) computes it without allocating (with national tables allowed, it
/// lists the table pairs to try); [`Analysis::summary`] gives
/// the same figures from a full analysis, and the two always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Count {
    /// The encoding the text is sent in.
    pub encoding: Encoding,
    /// Total length in units of the encoding (septets or UTF-16 code units).
    pub units: usize,
    /// Number of parts; 0 for the empty text.
    pub parts: usize,
    /// Units still free in the last part (for the empty text, in the first one).
    pub remaining: usize,
    /// The capacity of each part at this length: 160/70 for one part, else 153/67 or 152/66 (8- or 16-bit reference); with national
    /// shift tables 155/152 for one part and 149/146 or 148/145 per part (standards.md §2.2).
    pub part_capacity: usize,
    /// Unicode scalar values in the text (what Telnyx's response calls the character
    /// count; a lone surrogate from UTF-16 input counts as one, as U+FFFD).
    pub chars: usize,
}

/// The full answer for one text: see [`analyze`](crate::analyze).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis<'a> {
    /// The encoding the text is sent in.
    pub encoding: Encoding,
    /// The GSM-7 charset the text was checked against.
    pub charset: Charset,
    /// The national locking shift table in effect (GSM-7 only), if any.
    pub national_locking_shift: Option<Language>,
    /// The national single shift table in effect (GSM-7 only), if any.
    pub national_single_shift: Option<Language>,
    /// User data header octets in each part (UDHL octet included): 0 for one plain part, 6
    /// or 7 for concatenation, plus 3 for each national shift table.
    pub udh_octets: usize,
    /// Total length in units of the encoding: septets for GSM-7 (an escape pair counts 2),
    /// UTF-16 code units for UCS-2.
    pub units: usize,
    /// Number of parts; 0 for the empty text.
    pub parts: usize,
    /// Units still free in the last part, so a UI can say "42 characters left".
    pub remaining: usize,
    /// The capacity of each part at this length: 160/70 for one part, else 153/67 or 152/66 (8- or 16-bit reference); with national
    /// shift tables 155/152 for one part and 149/146 or 148/145 per part (standards.md §2.2).
    pub part_capacity: usize,
    /// What a one-part message of this encoding and these tables can hold (160 or 70; 155
    /// or 152 with national shift tables).
    pub single_part_capacity: usize,
    /// What each part of a multipart message of this encoding and these tables holds
    /// (153/67 or 152/66; 149/146 or 148/145 with national shift tables).
    pub multipart_capacity: usize,
    /// Unicode scalar values in the text.
    pub chars: usize,
    /// User-perceived characters (extended grapheme clusters, UAX #29).
    pub graphemes: usize,
    /// Length in UTF-8 bytes.
    pub utf8_len: usize,
    /// Length in UTF-16 code units (what JavaScript's `.length` says).
    pub utf16_len: usize,
    /// The parts, in order. Concatenated, their texts give back the input exactly.
    pub segments: Vec<Segment<'a>>,
    /// The characters that keep the text from GSM-7, in text order; empty when it is GSM-7.
    /// Without national tables: every character outside the charset. With national tables
    /// allowed: the characters that the best-covering table pair cannot carry (remove them
    /// and that pair carries the text). Under `encoding: ucs2`: every character outside the
    /// charset, for information.
    pub non_gsm: Vec<NonGsmChar>,
    /// Things the sender should know (too many parts, lone surrogates).
    pub warnings: Vec<Warning>,
}

impl Analysis<'_> {
    /// The count-only figures, equal to what [`count`](crate::count) returns.
    pub fn summary(&self) -> Count {
        Count {
            encoding: self.encoding,
            units: self.units,
            parts: self.parts,
            remaining: self.remaining,
            part_capacity: self.part_capacity,
            chars: self.chars,
        }
    }
}
