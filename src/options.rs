//! The choices that change how a text is encoded and split. Every one has a stated default.

use serde::{Deserialize, Serialize};

use crate::{Charset, Error, NationalLanguages};

/// The concatenation information element each part of a multipart message carries
/// (3GPP TS 23.040 §9.2.3.24.1 and §9.2.3.24.8).
///
/// The element takes room from every part, so it sets the per-part capacity:
///
/// | reference | UDH octets | GSM-7 septets per part | UCS-2 units per part |
/// |---|---|---|---|
/// | 8-bit (default) | 6 | 153 | 67 |
/// | 16-bit | 7 | 152 | 66 |
///
/// Telnyx, Twilio and most aggregators use the 8-bit reference ("6 bytes are reserved").
/// Some SMPP routes, and some US/CA toll-free paths, use the 16-bit one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConcatRef {
    /// IEI 0x00: 5 octets + the UDHL octet = 6 octets per part.
    #[default]
    #[serde(rename = "8bit")]
    Bits8,
    /// IEI 0x08: 6 octets + the UDHL octet = 7 octets per part.
    #[serde(rename = "16bit")]
    Bits16,
}

impl ConcatRef {
    /// Octets of user data header this reference costs in every part, UDHL octet included.
    pub const fn udh_octets(self) -> u32 {
        match self {
            ConcatRef::Bits8 => 6,
            ConcatRef::Bits16 => 7,
        }
    }
}

/// Where a part may end.
///
/// Escape pairs (GSM-7) and surrogate pairs (UCS-2) are never split, whatever the policy:
/// 3GPP TS 23.040 §9.2.3.24.1 forbids it, and a split pair shows as garbage on the handset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitPolicy {
    /// Keep user-perceived characters (extended grapheme clusters, UAX #29 of the Unicode
    /// version in [`UNICODE_VERSION`](crate::UNICODE_VERSION)) whole: a ZWJ
    /// family, a flag or a letter with its combining accents moves to the next part as one.
    /// This is what Twilio's calculator and Android (`BreakIterator`) do. The one exception,
    /// as in Twilio's calculator, is CR LF: it is two characters and may be split, because a
    /// line break that ends one part and starts the next still reads as one line break.
    /// A cluster longer than a whole part is split between code points.
    #[default]
    Graphemes,
    /// Split between any two code points (keeping escape and surrogate pairs). This is what
    /// `split-sms`, `smsutil` and `sms_splitter` do; it can need one part fewer than
    /// `Graphemes` when an emoji sequence sits on a boundary.
    Codepoints,
}

/// The encoding the sender asks for, mirroring the `encoding` field of Telnyx's
/// `POST /v2/messages`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingRequest {
    /// GSM-7 when every character is in the charset, otherwise UCS-2.
    #[default]
    Auto,
    /// GSM-7 or nothing: a text with a character outside the charset is an
    /// [`Error::NotGsm7`] that lists every such character.
    Gsm7,
    /// UCS-2 whatever the text (70/67 units per part).
    Ucs2,
}

/// Options for [`analyze`](crate::analyze) and [`count`](crate::count).
///
/// `Options::default()` is the strict 3GPP view: the standard alphabet, the 8-bit
/// concatenation reference, grapheme-preserving splits, automatic encoding and no part
/// limit. [`Options::telnyx`] is what Telnyx does.
///
/// ```
/// use sms_preflight::{ConcatRef, Options, SplitPolicy};
/// let opts = Options { reference: ConcatRef::Bits16, split: SplitPolicy::Codepoints, ..Options::default() };
/// assert_eq!(opts.charset, sms_preflight::Charset::Standard);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The GSM-7 character set. Default: [`Charset::Standard`].
    pub charset: Charset,
    /// The concatenation reference width. Default: [`ConcatRef::Bits8`] (153/67 per part).
    pub reference: ConcatRef,
    /// Where parts may end. Default: [`SplitPolicy::Graphemes`].
    pub split: SplitPolicy,
    /// The requested encoding. Default: [`EncodingRequest::Auto`].
    pub encoding: EncodingRequest,
    /// The provider's maximum number of parts, if any. Exceeding it does not fail the
    /// analysis (a live counter still wants the figures); it adds
    /// [`Warning::ExceedsMaxParts`](crate::Warning::ExceedsMaxParts). Default: `None`.
    pub max_parts: Option<u32>,
    /// National languages whose shift tables may be used (3GPP TS 23.038 Annex A). Default:
    /// none, because handset and carrier support varies; see [`NationalLanguages`].
    /// Requires [`Charset::Standard`].
    pub national: NationalLanguages,
}

impl Options {
    /// Checks that the options can go together. [`analyze`](crate::analyze) and
    /// [`count`](crate::count) call it first, whatever the text; call it yourself to reject a
    /// configuration before any text arrives.
    ///
    /// The rules: a part limit ([`max_parts`](Self::max_parts)) is at least 1
    /// ([`Error::InvalidOption`]); national shift tables are a 3GPP mechanism, so they need
    /// [`Charset::Standard`] ([`Error::ConflictingOptions`]): the Telnyx profiles do not
    /// include them.
    ///
    /// ```
    /// use sms_preflight::{Options, NationalLanguages};
    /// let bad = Options { national: NationalLanguages::ALL, ..Options::telnyx() };
    /// assert_eq!(bad.validate().unwrap_err().kind(), "conflicting_options");
    /// let zero = Options { max_parts: Some(0), ..Options::default() };
    /// assert_eq!(zero.validate().unwrap_err().kind(), "invalid_option");
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        if self.max_parts == Some(0) {
            return Err(invalid(
                "max_parts",
                "0",
                "a whole number of parts, at least 1, or no limit",
            ));
        }
        if !self.national.is_empty() && self.charset != Charset::Standard {
            return Err(Error::ConflictingOptions {
                reason: format!(
                    "national shift tables need charset standard, not {}: they are a 3GPP mechanism that the Telnyx profiles do not include",
                    self.charset.name()
                ),
            });
        }
        Ok(())
    }

    /// What Telnyx does: its published GSM-7 set ([`Charset::Telnyx`]), the 8-bit
    /// reference ("6 bytes are reserved" per part) and at most 10 parts (error 40302).
    /// Splitting keeps grapheme clusters whole, as the default does; Telnyx documents no rule.
    pub fn telnyx() -> Self {
        Options {
            charset: Charset::Telnyx,
            reference: ConcatRef::Bits8,
            max_parts: Some(10),
            ..Options::default()
        }
    }
}

fn invalid(option: &'static str, value: &str, expected: &'static str) -> Error {
    Error::InvalidOption {
        option,
        value: value.chars().take(40).collect(),
        expected,
    }
}

impl std::str::FromStr for SplitPolicy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "graphemes" | "grapheme" => Ok(SplitPolicy::Graphemes),
            "codepoints" | "codepoint" => Ok(SplitPolicy::Codepoints),
            _ => Err(invalid("split", s, "graphemes or codepoints")),
        }
    }
}

impl std::str::FromStr for EncodingRequest {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(EncodingRequest::Auto),
            "gsm7" | "gsm-7" => Ok(EncodingRequest::Gsm7),
            "ucs2" | "ucs-2" => Ok(EncodingRequest::Ucs2),
            _ => Err(invalid("encoding", s, "auto, gsm7 or ucs2")),
        }
    }
}

impl std::str::FromStr for ConcatRef {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "8" | "8bit" => Ok(ConcatRef::Bits8),
            "16" | "16bit" => Ok(ConcatRef::Bits16),
            _ => Err(invalid("reference", s, "8bit or 16bit")),
        }
    }
}
