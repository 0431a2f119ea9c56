//! Wire encoding: the TP-User-Data octets of every segment (3GPP TS 23.040 §9.2.3.24), and
//! the decoder that reads them back.
//!
//! [`encode`] turns a text into the segments [`analyze`](crate::analyze) finds, each with
//! its user data header (concatenation IE 0x00 or 0x08, national shift IEs 0x24 and 0x25),
//! its user data (GSM 7-bit septets packed per TS 23.038 §6.1.2.1 after the header's fill
//! bits, or UCS-2 big-endian), its TP-UDL and its TP-DCS. [`decode`] takes those four fields
//! back to the text and the IEs.
//!
//! ```
//! use sms_preflight::{decode, encode, Concat, Options};
//!
//! // One part, no header: the spec's packing example.
//! let seg = &encode("hellohello", &Options::default(), &Concat::Ref8(0))?[0];
//! assert_eq!((seg.udh(), seg.udl, seg.dcs), (None, 10, 0x00));
//! assert_eq!(seg.user_data, [0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37]);
//!
//! // Two parts: each starts with the concatenation IE (reference 0x42, 2 parts, part n).
//! let text = "a".repeat(200);
//! let segs = encode(&text, &Options::default(), &Concat::Ref8(0x42))?;
//! assert_eq!(segs[1].udh(), Some(&[0x05, 0x00, 0x03, 0x42, 0x02, 0x02][..]));
//! assert_eq!(segs[0].udl, 160); // 7 header septets + 153 characters
//!
//! // Decoding every part and joining the texts gives the message back.
//! let mut back = String::new();
//! for s in &segs {
//!     back.push_str(&decode(s.udhi(), s.dcs, s.udl, &s.user_data)?.text);
//! }
//! assert_eq!(back, text);
//! # Ok::<(), sms_preflight::WireError>(())
//! ```

mod decode;
mod encode;

pub use decode::decode;
pub use encode::encode;

use crate::{ConcatRef, Encoding, Language};

/// TP-DCS of the GSM 7-bit default alphabet (TS 23.038 §4, general data coding, class none).
pub const DCS_GSM7: u8 = 0x00;
/// TP-DCS of UCS-2.
pub const DCS_UCS2: u8 = 0x08;

/// IEI of the concatenation element with an 8-bit reference (TS 23.040 §9.2.3.24.1).
pub const IEI_CONCAT_8: u8 = 0x00;
/// IEI of the concatenation element with a 16-bit reference (TS 23.040 §9.2.3.24.8).
pub const IEI_CONCAT_16: u8 = 0x08;
/// IEI of the National Language Single Shift element (TS 23.040 §9.2.3.24.15).
pub const IEI_SINGLE_SHIFT: u8 = 0x24;
/// IEI of the National Language Locking Shift element (TS 23.040 §9.2.3.24.16).
pub const IEI_LOCKING_SHIFT: u8 = 0x25;

/// The concatenation reference of a message, which the caller chooses (the crate has no
/// randomness and no clock): it must differ from the references of the other multipart
/// messages recently sent to the same recipient. Its width must match
/// [`Options::reference`](crate::Options::reference), which decides the part capacities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Concat {
    /// An 8-bit reference (IE 0x00): 153 septets or 67 UTF-16 units per part.
    Ref8(u8),
    /// A 16-bit reference (IE 0x08): 152 septets or 66 UTF-16 units per part.
    Ref16(u16),
}

impl Concat {
    /// The width of this reference, as [`Options::reference`](crate::Options::reference)
    /// names it.
    pub fn width(self) -> ConcatRef {
        match self {
            Concat::Ref8(_) => ConcatRef::Bits8,
            Concat::Ref16(_) => ConcatRef::Bits16,
        }
    }

    /// The reference number.
    pub fn reference(self) -> u16 {
        match self {
            Concat::Ref8(r) => u16::from(r),
            Concat::Ref16(r) => r,
        }
    }
}

/// One segment on the wire: the TP-UD octets with the TP-UDL and TP-DCS that go with them.
///
/// Serialized as `{"udh": hex or null, "user_data": hex, "udl": N, "dcs": N}`, where
/// `user_data` is the whole TP-UD (the UDH included) and `udh` its first octets (UDHL
/// included), in upper-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EncodedSegment {
    /// The whole TP-User-Data: the user data header (when there is one) then the text, at
    /// most 140 octets.
    pub user_data: Vec<u8>,
    /// How many of the first octets of `user_data` are the user data header, its UDHL octet
    /// included (0: no header, TP-UDHI clear).
    pub udh_len: usize,
    /// TP-UDL: septets for GSM-7 (header and fill bits included), octets for UCS-2.
    pub udl: u8,
    /// TP-DCS: [`DCS_GSM7`] or [`DCS_UCS2`].
    pub dcs: u8,
    /// The encoding of the text.
    pub encoding: Encoding,
}

impl EncodedSegment {
    /// The user data header (UDHL octet included), if there is one.
    pub fn udh(&self) -> Option<&[u8]> {
        (self.udh_len > 0).then(|| &self.user_data[..self.udh_len])
    }

    /// TP-UDHI: whether the user data starts with a header.
    pub fn udhi(&self) -> bool {
        self.udh_len > 0
    }
}

impl serde::Serialize for EncodedSegment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("udh", &self.udh().map(hex))?;
        m.serialize_entry("user_data", &hex(&self.user_data))?;
        m.serialize_entry("udl", &self.udl)?;
        m.serialize_entry("dcs", &self.dcs)?;
        m.end()
    }
}

/// Upper-case hex of `bytes`, two digits an octet.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Octets from hex digits (either case, an even number of them; spaces are ignored).
pub fn parse_hex(text: &str) -> Result<Vec<u8>, WireError> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let bad = |at: usize| WireError::BadHex {
        at,
        reason: "not a hex digit",
    };
    if !digits.len().is_multiple_of(2) {
        return Err(WireError::BadHex {
            at: digits.len(),
            reason: "odd number of hex digits",
        });
    }
    let nibble = |b: u8, at: usize| match b {
        b'0'..=b'9' => Ok(b - b'0'),
        b'a'..=b'f' => Ok(b - b'a' + 10),
        b'A'..=b'F' => Ok(b - b'A' + 10),
        _ => Err(bad(at)),
    };
    digits
        .chunks_exact(2)
        .enumerate()
        .map(|(k, p)| Ok(nibble(p[0], 2 * k)? << 4 | nibble(p[1], 2 * k + 1)?))
        .collect()
}

/// A concatenation element read from a user data header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ConcatInfo {
    /// The reference number.
    pub reference: u16,
    /// Whether the reference is 16-bit (IE 0x08) rather than 8-bit (IE 0x00).
    pub ref16: bool,
    /// How many parts the message has.
    pub total: u8,
    /// This part's number, from 1.
    pub seq: u8,
}

/// One information element of a user data header, as [`decode`] found it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InformationElement {
    /// Concatenation (IE 0x00 or 0x08).
    Concat(ConcatInfo),
    /// National Language Single Shift (IE 0x24).
    SingleShift(Language),
    /// National Language Locking Shift (IE 0x25).
    LockingShift(Language),
    /// Any other element, skipped: its IEI and data.
    Other {
        /// The element's identifier.
        iei: u8,
        /// Its data octets.
        data: Vec<u8>,
    },
}

impl serde::Serialize for InformationElement {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self {
            InformationElement::Concat(c) => {
                m.serialize_entry("iei", &if c.ref16 { IEI_CONCAT_16 } else { IEI_CONCAT_8 })?;
                m.serialize_entry("concat", c)?;
            }
            InformationElement::SingleShift(l) => {
                m.serialize_entry("iei", &IEI_SINGLE_SHIFT)?;
                m.serialize_entry("single_shift", l)?;
            }
            InformationElement::LockingShift(l) => {
                m.serialize_entry("iei", &IEI_LOCKING_SHIFT)?;
                m.serialize_entry("locking_shift", l)?;
            }
            InformationElement::Other { iei, data } => {
                m.serialize_entry("iei", iei)?;
                m.serialize_entry("data", &hex(data))?;
            }
        }
        m.end()
    }
}

/// What [`decode`] read from one segment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct DecodedSegment {
    /// The text of the segment.
    pub text: String,
    /// The encoding the TP-DCS selected.
    pub encoding: Encoding,
    /// The concatenation element, if the header has one.
    pub concat: Option<ConcatInfo>,
    /// The locking shift table in effect, if the header names one.
    pub locking_shift: Option<Language>,
    /// The single shift table in effect, if the header names one.
    pub single_shift: Option<Language>,
    /// Every element of the header, in order, unknown ones included.
    pub elements: Vec<InformationElement>,
}

/// What can go wrong in [`encode`] and [`decode`] (and [`parse_hex`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    /// The text or the options were rejected, as [`analyze`](crate::analyze) rejects them.
    #[error(transparent)]
    Text(#[from] crate::Error),
    /// The concatenation reference's width differs from `Options::reference`.
    #[error(
        "the concatenation reference is {given}-bit but Options::reference is {expected}-bit: use the same width in both (--ref16 on the command line sets both)"
    )]
    ReferenceWidth {
        /// The width of the [`Concat`] given.
        given: u8,
        /// The width of `Options::reference`.
        expected: u8,
    },
    /// The text takes more parts than the 1-octet "total" field of the concatenation
    /// element can number.
    #[error(
        "the text takes {parts} parts but a concatenation element numbers at most 255: shorten it or send it as several messages"
    )]
    TooManyParts {
        /// The parts the text takes.
        parts: usize,
    },
    /// The TP-DCS selects an alphabet this decoder does not read as text.
    #[error(
        "TP-DCS {dcs:#04x} is not supported: only the GSM 7-bit default alphabet (0x00) and UCS-2 (0x08) of the general data coding group and 0xF0-0xF3 are read (8-bit data and compressed text are not)"
    )]
    UnsupportedDcs {
        /// The TP-DCS given.
        dcs: u8,
    },
    /// The user data is shorter than the TP-UDL (or the header) says.
    #[error("the user data is truncated: {what} needs {needed} octets but only {got} were given")]
    Truncated {
        /// What did not fit.
        what: &'static str,
        /// Octets needed.
        needed: usize,
        /// Octets given.
        got: usize,
    },
    /// The fields contradict each other or the limits of TS 23.040.
    #[error("inconsistent user data: {reason}")]
    Inconsistent {
        /// What is wrong.
        reason: String,
    },
    /// A septet or UTF-16 sequence that decodes to no character.
    #[error("undecodable text at {at}: {reason}")]
    Undecodable {
        /// Septet index (GSM-7, from the first septet after the header) or octet offset in the
        /// user data (UCS-2).
        at: usize,
        /// What is wrong.
        reason: String,
    },
    /// Hex input that is not an even number of hex digits.
    #[error("bad hex at digit {at}: {reason}")]
    BadHex {
        /// Index of the offending digit (spaces not counted).
        at: usize,
        /// What is wrong.
        reason: &'static str,
    },
}

impl WireError {
    /// A stable, machine-readable name for the error (`text` errors give the
    /// [`Error::kind`](crate::Error::kind) of the wrapped error).
    pub fn kind(&self) -> &'static str {
        match self {
            WireError::Text(e) => e.kind(),
            WireError::ReferenceWidth { .. } => "reference_width",
            WireError::TooManyParts { .. } => "too_many_parts",
            WireError::UnsupportedDcs { .. } => "unsupported_dcs",
            WireError::Truncated { .. } => "truncated",
            WireError::Inconsistent { .. } => "inconsistent",
            WireError::Undecodable { .. } => "undecodable",
            WireError::BadHex { .. } => "bad_hex",
        }
    }
}

/// Septets of the header: ceil(octets × 8 / 7) (TS 23.040 §9.2.3.24; the rest are fill bits).
fn header_septets(udh_octets: usize) -> usize {
    (udh_octets * 8).div_ceil(7)
}
