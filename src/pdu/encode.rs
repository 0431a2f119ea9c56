//! The encoder: the segments of `analyze`, each turned into its TP-UD octets, TP-UDL and
//! TP-DCS.

use super::{
    Concat, DCS_GSM7, DCS_UCS2, EncodedSegment, IEI_CONCAT_8, IEI_CONCAT_16, IEI_LOCKING_SHIFT,
    IEI_SINGLE_SHIFT, WireError, header_septets,
};
use crate::national::Tables;
use crate::segment::CONCAT_MAX_PARTS;
use crate::{ConcatRef, Encoding, Options};

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
    // The parts of `analyze`, without its census (see `segment::wire_plan`).
    let plan = crate::segment::wire_plan(text, opts)?;
    let parts = plan.parts.len();
    if parts > CONCAT_MAX_PARTS {
        return Err(WireError::TooManyParts { parts });
    }
    let tables = plan.tables;
    let total = parts as u8;
    let mut out = Vec::with_capacity(parts);
    let mut udh = Vec::with_capacity(16);
    for (k, &(part, units)) in plan.parts.iter().enumerate() {
        udh.clear();
        udh.push(0); // UDHL, set below
        if parts > 1 {
            let seq = (k + 1) as u8;
            match *concat {
                Concat::Ref8(r) => udh.extend_from_slice(&[IEI_CONCAT_8, 3, r, total, seq]),
                Concat::Ref16(r) => {
                    let [hi, lo] = r.to_be_bytes();
                    udh.extend_from_slice(&[IEI_CONCAT_16, 4, hi, lo, total, seq]);
                }
            }
        }
        if plan.encoding == Encoding::Gsm7 {
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
        let seg = match plan.encoding {
            Encoding::Gsm7 => gsm7_segment(part, header, tables),
            Encoding::Ucs2 => ucs2_segment(part, units, header),
        };
        out.push(seg);
    }
    Ok(out)
}

/// Packs `text` after `header` in septets (TS 23.038 §6.1.2.1.1): septet `n` of the user data
/// (the header's septets counted) takes bits `7n .. 7n + 7`, least significant bit first.
fn gsm7_segment(text: &str, header: &[u8], tables: Tables) -> EncodedSegment {
    let start = header_septets(header.len());
    let mut packer = Packer::after(header, start);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Default tables: 8 ASCII characters of the locking table at once, as 56 bits.
        if tables == Tables::DEFAULT
            && let Some(word) = bytes.get(i..i + 8)
        {
            let mut packed = 0u64;
            let mut none = 0u8;
            for (k, &b) in word.iter().enumerate() {
                // 0xFF (no septet) for anything outside the table, and for every non-ASCII
                // byte (their high bit also marks them).
                let s = if b < 0x80 {
                    crate::tables::default_latin1_septet(b)
                } else {
                    0xFF
                };
                none |= s;
                packed |= u64::from(s & 0x7F) << (7 * k);
            }
            if none & 0x80 == 0 {
                packer.push_bits(packed, 8);
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        // `analyze` chose these tables because they hold every character (a '?' would
        // show, never reached: the round-trip tests and fuzz target check it).
        let (c, width) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('?');
            (c, c.len_utf8())
        };
        let encoded = tables.encode_char(c);
        debug_assert!(encoded.is_some(), "{c:?} not in {tables:?}");
        match encoded.unwrap_or((0x3F, None)) {
            (s, None) => packer.push(s),
            (esc, Some(s)) => {
                packer.push(esc);
                packer.push(s);
            }
        }
        i += width;
    }
    let septets = packer.septets;
    EncodedSegment {
        user_data: packer.finish(),
        udh_len: header.len(),
        udl: septets as u8,
        dcs: DCS_GSM7,
        encoding: Encoding::Gsm7,
    }
}

/// Septets packed into octets through a 128-bit accumulator: its low `bits` bits (fewer
/// than 64 between calls) are the packed bits not yet written out.
struct Packer {
    ud: Vec<u8>,
    acc: u128,
    bits: u32,
    septets: usize,
}

impl Packer {
    /// A packer whose next septet is septet `start` of the user data, after `header` and
    /// its zero fill bits.
    fn after(header: &[u8], start: usize) -> Self {
        let mut ud = Vec::with_capacity(140);
        ud.extend_from_slice(header);
        let bit = start * 7;
        // Octets wholly before septet `start` are the header or fill (zero).
        ud.resize(bit / 8, 0);
        Packer {
            ud,
            acc: 0,
            bits: (bit % 8) as u32,
            septets: start,
        }
    }

    #[inline(always)]
    fn push(&mut self, septet: u8) {
        self.push_bits(u64::from(septet & 0x7F), 1);
    }

    /// Appends `n` (1 to 9) septets already packed into the low `7 × n` bits of `packed`.
    #[inline(always)]
    fn push_bits(&mut self, packed: u64, n: u32) {
        self.acc |= u128::from(packed) << self.bits;
        self.bits += 7 * n;
        self.septets += n as usize;
        if self.bits >= 64 {
            self.ud.extend_from_slice(&(self.acc as u64).to_le_bytes());
            self.acc >>= 64;
            self.bits -= 64;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        let tail = self.bits.div_ceil(8) as usize; // at most 8
        self.ud.extend_from_slice(&self.acc.to_le_bytes()[..tail]);
        self.ud
    }
}

/// `header`, then `text` (`units` UTF-16 code units) in big-endian UTF-16.
fn ucs2_segment(text: &str, units: usize, header: &[u8]) -> EncodedSegment {
    let mut ud = vec![0u8; header.len() + 2 * units];
    ud[..header.len()].copy_from_slice(header);
    // Written in place: one store a unit instead of a length check and a copy.
    for (pair, u) in ud[header.len()..]
        .chunks_exact_mut(2)
        .zip(text.encode_utf16())
    {
        pair.copy_from_slice(&u.to_be_bytes());
    }
    EncodedSegment {
        udl: ud.len() as u8,
        user_data: ud,
        udh_len: header.len(),
        dcs: DCS_UCS2,
        encoding: Encoding::Ucs2,
    }
}
