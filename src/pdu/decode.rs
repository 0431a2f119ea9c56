//! The decoder: TP-UDHI, TP-DCS, TP-UDL and the TP-UD octets back to the text and the
//! information elements of the header.

use super::{
    ConcatInfo, DecodedSegment, IEI_CONCAT_8, IEI_CONCAT_16, IEI_LOCKING_SHIFT, IEI_SINGLE_SHIFT,
    InformationElement, WireError, header_septets,
};
use crate::national::{ESC, Tables};
use crate::{Encoding, Language};

/// The most octets a TP-UD holds.
const MAX_UD: usize = 140;

/// Reads one segment: `udhi` (TP-UDHI), `dcs` (TP-DCS), `udl` (TP-UDL) and the TP-UD
/// `octets`, header included. The inverse of [`encode`](crate::encode): decoding every
/// segment of a message and joining the texts gives the message back.
///
/// The header's concatenation (0x00, 0x08) and national shift (0x24, 0x25) elements are
/// read; other elements are skipped and listed in [`DecodedSegment::elements`], and so is a
/// concatenation element numbered 0 or past its total, which TS 23.040 §9.2.3.24.1 says
/// to ignore. The TP-DCS
/// may be any general data coding value without compression that selects the GSM 7-bit
/// default alphabet or UCS-2, or 0xF0–0xF3 (GSM 7-bit with a message class). After ESC, a code that the single shift table
/// does not define reads as the locking table's character at that code, and ESC ESC as a
/// space (TS 23.038 §6.2.1.1).
///
/// Fails, saying what is wrong, on truncated input (fewer octets than the TP-UDL needs, a
/// header longer than the data), on inconsistent input (more octets than the TP-UDL needs,
/// a TP-UDL over 160 septets or 140 octets, a known element of the wrong length, an unknown
/// national language), on an unsupported TP-DCS, and on septets or UTF-16 that decode to no
/// character (an undefined cell, a trailing ESC, a lone surrogate).
///
/// ```
/// use sms_preflight::{decode, parse_hex};
/// let ud = parse_hex("E8329BFD4697D9EC37")?;
/// assert_eq!(decode(false, 0x00, 10, &ud)?.text, "hellohello");
/// assert!(decode(false, 0x00, 11, &ud).is_err()); // 11 septets need 10 octets
/// # Ok::<(), sms_preflight::WireError>(())
/// ```
pub fn decode(udhi: bool, dcs: u8, udl: u8, octets: &[u8]) -> Result<DecodedSegment, WireError> {
    let encoding = dcs_encoding(dcs)?;
    let udl = usize::from(udl);
    let needed = match encoding {
        Encoding::Gsm7 => {
            if udl > 160 {
                return Err(inconsistent(format!(
                    "TP-UDL {udl} is over 160 septets (140 octets)"
                )));
            }
            (udl * 7).div_ceil(8)
        }
        Encoding::Ucs2 => {
            if udl > MAX_UD {
                return Err(inconsistent(format!("TP-UDL {udl} is over 140 octets")));
            }
            udl
        }
    };
    if octets.len() < needed {
        return Err(WireError::Truncated {
            what: "the TP-UDL",
            needed,
            got: octets.len(),
        });
    }
    if octets.len() > needed {
        return Err(inconsistent(format!(
            "{} octets given but the TP-UDL {udl} needs {needed}",
            octets.len()
        )));
    }
    let (udh_len, elements) = if udhi {
        read_udh(octets)?
    } else {
        (0, Vec::new())
    };
    let mut out = DecodedSegment {
        text: String::new(),
        encoding,
        concat: None,
        locking_shift: None,
        single_shift: None,
        elements,
    };
    for ie in &out.elements {
        match *ie {
            InformationElement::Concat(c) => out.concat = Some(c),
            InformationElement::SingleShift(l) => out.single_shift = Some(l),
            InformationElement::LockingShift(l) => out.locking_shift = Some(l),
            InformationElement::Other { .. } => {}
        }
    }
    out.text = match encoding {
        Encoding::Gsm7 => {
            let tables = Tables {
                locking: out.locking_shift.map_or(0, Language::nli),
                single: out.single_shift.map_or(0, Language::nli),
            };
            let start = header_septets(udh_len);
            if start > udl {
                return Err(inconsistent(format!(
                    "the {udh_len}-octet header takes {start} septets but the TP-UDL is {udl}"
                )));
            }
            gsm7_text(octets, start, udl, tables)?
        }
        Encoding::Ucs2 => ucs2_text(&octets[udh_len..], udh_len)?,
    };
    Ok(out)
}

fn inconsistent(reason: String) -> WireError {
    WireError::Inconsistent { reason }
}

/// The alphabet a TP-DCS selects (TS 23.038 §4), if it is one this decoder reads as text.
fn dcs_encoding(dcs: u8) -> Result<Encoding, WireError> {
    let alphabet = match dcs >> 4 {
        // General data coding, uncompressed (bit 5 clear); bits 3..2 give the alphabet.
        0b0000 | 0b0001 | 0b0100 | 0b0101 => (dcs >> 2) & 3,
        // Data coding / message class (bit 3 reserved): bit 2 gives the alphabet (0: GSM
        // 7-bit, 1: 8-bit data).
        0b1111 if dcs & 0x08 == 0 => (dcs >> 2) & 1,
        _ => return Err(WireError::UnsupportedDcs { dcs }),
    };
    match alphabet {
        0 => Ok(Encoding::Gsm7),
        2 => Ok(Encoding::Ucs2),
        _ => Err(WireError::UnsupportedDcs { dcs }),
    }
}

/// Reads the header at the start of `octets`: its length with the UDHL octet, and its
/// elements.
fn read_udh(octets: &[u8]) -> Result<(usize, Vec<InformationElement>), WireError> {
    let Some(&udhl) = octets.first() else {
        return Err(WireError::Truncated {
            what: "the user data header (TP-UDHI is set)",
            needed: 1,
            got: 0,
        });
    };
    let len = 1 + usize::from(udhl);
    let Some(body) = octets.get(1..len) else {
        return Err(WireError::Truncated {
            what: "the user data header (UDHL + 1)",
            needed: len,
            got: octets.len(),
        });
    };
    let mut elements = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let iei = body[i];
        let Some(&iedl) = body.get(i + 1) else {
            return Err(inconsistent(format!(
                "element {iei:#04x} at header octet {} has no length octet",
                i + 1
            )));
        };
        let Some(data) = body.get(i + 2..i + 2 + usize::from(iedl)) else {
            return Err(inconsistent(format!(
                "element {iei:#04x} at header octet {} claims {iedl} octets, past the header's end",
                i + 1
            )));
        };
        elements.push(read_element(iei, data)?);
        i += 2 + usize::from(iedl);
    }
    Ok((len, elements))
}

fn read_element(iei: u8, data: &[u8]) -> Result<InformationElement, WireError> {
    let wrong_len = |expected: usize| {
        inconsistent(format!(
            "element {iei:#04x} has {} data octets, expected {expected}",
            data.len()
        ))
    };
    let language = |data: &[u8]| {
        let nli = data[0];
        Language::from_nli(nli).ok_or_else(|| {
            inconsistent(format!(
                "element {iei:#04x} names national language {nli}, not one of 1-13"
            ))
        })
    };
    // TS 23.040 §9.2.3.24.1: a receiver ignores a concatenation element whose sequence
    // number is 0 or above the total (or whose total is 0): it is listed as an unread one.
    let concat = |reference: u16, ref16: bool, total: u8, seq: u8| {
        Ok(if total == 0 || seq == 0 || seq > total {
            InformationElement::Other {
                iei,
                data: data.to_vec(),
            }
        } else {
            InformationElement::Concat(ConcatInfo {
                reference,
                ref16,
                total,
                seq,
            })
        })
    };
    match iei {
        IEI_CONCAT_8 => match *data {
            [r, total, seq] => concat(u16::from(r), false, total, seq),
            _ => Err(wrong_len(3)),
        },
        IEI_CONCAT_16 => match *data {
            [hi, lo, total, seq] => concat(u16::from_be_bytes([hi, lo]), true, total, seq),
            _ => Err(wrong_len(4)),
        },
        IEI_SINGLE_SHIFT | IEI_LOCKING_SHIFT if data.len() != 1 => Err(wrong_len(1)),
        IEI_SINGLE_SHIFT => Ok(InformationElement::SingleShift(language(data)?)),
        IEI_LOCKING_SHIFT => Ok(InformationElement::LockingShift(language(data)?)),
        _ => Ok(InformationElement::Other {
            iei,
            data: data.to_vec(),
        }),
    }
}

/// Septet `n` of the packed user data (bits `7n .. 7n + 7`, least significant first).
#[inline(always)]
fn septet(octets: &[u8], n: usize) -> u8 {
    let (octet, shift) = (n * 7 / 8, n * 7 % 8);
    let lo = u16::from(octets[octet]);
    let hi = octets.get(octet + 1).map_or(0, |&b| u16::from(b));
    (((hi << 8 | lo) >> shift) & 0x7F) as u8
}

fn gsm7_text(octets: &[u8], start: usize, udl: usize, tables: Tables) -> Result<String, WireError> {
    let mut text = String::with_capacity(udl - start);
    let mut n = start;
    while n < udl {
        let s = septet(octets, n);
        let c = if s == ESC {
            n += 1;
            if n >= udl {
                return Err(WireError::Undecodable {
                    at: n - 1 - start,
                    reason: "ESC (0x1B) is the last septet: the character it announces is missing"
                        .into(),
                });
            }
            tables.escaped_char(septet(octets, n))
        } else {
            tables.locking_char(s)
        };
        let Some(c) = c else {
            return Err(WireError::Undecodable {
                at: n - start,
                reason: format!(
                    "septet {:#04x} is not a character of the {} table",
                    septet(octets, n),
                    table_name(tables, s == ESC)
                ),
            });
        };
        text.push(c);
        n += 1;
    }
    Ok(text)
}

fn table_name(t: Tables, escaped: bool) -> String {
    let nli = if escaped { t.single } else { t.locking };
    let lang = Language::from_nli(nli).map_or("default", Language::name);
    let kind = if escaped {
        "single shift"
    } else {
        "locking shift"
    };
    format!("{lang} {kind}")
}

fn ucs2_text(body: &[u8], offset: usize) -> Result<String, WireError> {
    if !body.len().is_multiple_of(2) {
        return Err(inconsistent(format!(
            "UCS-2 text of {} octets after the header: not a whole number of UTF-16 units",
            body.len()
        )));
    }
    let units = body
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]));
    let mut text = String::with_capacity(body.len());
    let mut at = offset;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                text.push(c);
                at += 2 * c.len_utf16();
            }
            Err(e) => {
                return Err(WireError::Undecodable {
                    at,
                    reason: format!("lone surrogate {:#06x}", e.unpaired_surrogate()),
                });
            }
        }
    }
    Ok(text)
}
