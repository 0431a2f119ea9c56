//! The encoder: the segments of `analyze`, each turned into its TP-UD octets, TP-UDL and
//! TP-DCS.

use super::{
    Concat, DCS_GSM7, DCS_UCS2, EncodedSegment, IEI_CONCAT_8, IEI_CONCAT_16, IEI_LOCKING_SHIFT,
    IEI_SINGLE_SHIFT, WireError, header_septets,
};
use crate::national::Tables;
use crate::segment::CONCAT_MAX_PARTS;
use crate::{ConcatRef, Encoding, Language, Options};

/// The TP-User-Data of every segment of `text`: the segments of
/// [`analyze`](crate::analyze) under `opts`, with the same boundaries.
///
/// Each segment has a user data header when the message has several parts (the
/// concatenation element, IE 0x00 or 0x08 by the width of `concat`) or when national shift
/// tables are in effect (IE 0x24 single shift, 0x25 locking shift, in every part). GSM-7 text
/// is packed in septets after the header's fill bits, so the first character starts on a
/// septet boundary; UCS-2 is big-endian UTF-16. TP-UDL counts septets (header and fill bits
/// included) for GSM-7 and octets for UCS-2; TP-DCS is 0x00 or 0x08. Every `user_data` is at
/// most 140 octets. An empty text has no segments.
///
/// Fails as [`analyze`](crate::analyze) does, when the width of `concat` differs from
/// [`Options::reference`], and when the text needs more than 255 parts.
///
/// ```
/// use sms_preflight::{encode, Concat, Language, NationalLanguages, Options};
///
/// // Turkish text with the Turkish tables allowed: GSM-7 in one part, whose header names
/// // the Turkish single shift table (IE 0x24, NLI 1).
/// let opts = Options { national: NationalLanguages::NONE.with(Language::Turkish), ..Options::default() };
/// let segs = encode("Güle güle, ışık!", &opts, &Concat::Ref8(1))?;
/// assert_eq!(segs.len(), 1);
/// assert_eq!(segs[0].udh(), Some(&[0x03, 0x24, 0x01, 0x01][..]));
/// assert_eq!(segs[0].dcs, 0x00);
/// # Ok::<(), sms_preflight::WireError>(())
/// ```
pub fn encode(
    text: &str,
    opts: &Options,
    concat: &Concat,
) -> Result<Vec<EncodedSegment>, WireError> {
    if concat.width() != opts.reference {
        let bits = |r: ConcatRef| if r == ConcatRef::Bits8 { 8 } else { 16 };
        return Err(WireError::ReferenceWidth {
            given: bits(concat.width()),
            expected: bits(opts.reference),
        });
    }
    let a = crate::analyze(text, opts)?;
    if a.parts > CONCAT_MAX_PARTS {
        return Err(WireError::TooManyParts { parts: a.parts });
    }
    let tables = Tables {
        locking: a.national_locking_shift.map_or(0, Language::nli),
        single: a.national_single_shift.map_or(0, Language::nli),
    };
    let total = a.parts as u8;
    let mut out = Vec::with_capacity(a.parts);
    let mut udh = Vec::with_capacity(16);
    for (k, seg) in a.segments.iter().enumerate() {
        udh.clear();
        udh.push(0); // UDHL, set below
        if a.parts > 1 {
            let seq = (k + 1) as u8;
            match *concat {
                Concat::Ref8(r) => udh.extend_from_slice(&[IEI_CONCAT_8, 3, r, total, seq]),
                Concat::Ref16(r) => {
                    let [hi, lo] = r.to_be_bytes();
                    udh.extend_from_slice(&[IEI_CONCAT_16, 4, hi, lo, total, seq]);
                }
            }
        }
        if a.encoding == Encoding::Gsm7 {
            if tables.single != 0 {
                udh.extend_from_slice(&[IEI_SINGLE_SHIFT, 1, tables.single]);
            }
            if tables.locking != 0 {
                udh.extend_from_slice(&[IEI_LOCKING_SHIFT, 1, tables.locking]);
            }
        }
        let udh_len = if udh.len() == 1 { 0 } else { udh.len() };
        udh[0] = (udh.len() - 1) as u8;
        let header = &udh[..udh_len];
        // Every UDL fits: the layout keeps each part within 160 septets or 140 octets.
        let seg = match a.encoding {
            Encoding::Gsm7 => gsm7_segment(seg.text, header, tables),
            Encoding::Ucs2 => ucs2_segment(seg.text, header),
        };
        out.push(seg);
    }
    Ok(out)
}

/// Packs `text` after `header` in septets (TS 23.038 §6.1.2.1.1): septet `n` of the user data
/// (the header's septets counted) takes bits `7n .. 7n + 7`, least significant bit first.
fn gsm7_segment(text: &str, header: &[u8], tables: Tables) -> EncodedSegment {
    let start = header_septets(header.len());
    let mut ud = Vec::with_capacity(140);
    ud.extend_from_slice(header);
    let mut packer = Packer { ud, bit: start * 7 };
    packer.ud.resize((packer.bit).div_ceil(8), 0);
    for c in text.chars() {
        // `analyze` chose these tables because they hold every character (a '?' would
        // show, never reached: the round-trip tests and fuzz target check it).
        let encoded = tables.encode_char(c);
        debug_assert!(encoded.is_some(), "{c:?} not in {tables:?}");
        let (first, second) = encoded.unwrap_or((0x3F, None));
        packer.push(first);
        if let Some(s) = second {
            packer.push(s);
        }
    }
    let septets = packer.bit / 7;
    EncodedSegment {
        user_data: packer.ud,
        udh_len: header.len(),
        udl: septets as u8,
        dcs: DCS_GSM7,
        encoding: Encoding::Gsm7,
    }
}

/// Septets written at bit offsets into a growing octet buffer.
struct Packer {
    ud: Vec<u8>,
    bit: usize,
}

impl Packer {
    #[inline(always)]
    fn push(&mut self, septet: u8) {
        let (octet, shift) = (self.bit / 8, self.bit % 8);
        let v = u16::from(septet & 0x7F) << shift;
        if octet == self.ud.len() {
            self.ud.push(0);
        }
        self.ud[octet] |= v as u8;
        if shift > 1 {
            self.ud.push((v >> 8) as u8);
        }
        self.bit += 7;
    }
}

fn ucs2_segment(text: &str, header: &[u8]) -> EncodedSegment {
    let mut ud = Vec::with_capacity(140);
    ud.extend_from_slice(header);
    for u in text.encode_utf16() {
        ud.extend_from_slice(&u.to_be_bytes());
    }
    EncodedSegment {
        udl: ud.len() as u8,
        user_data: ud,
        udh_len: header.len(),
        dcs: DCS_UCS2,
        encoding: Encoding::Ucs2,
    }
}
