//! A protobuf reader for the engine's metadata (`metadata_slim.bin`): the four messages of
//! rlibphonenumber's `phonemetadata.proto`, read into the engine's own structs.
//!
//! prost's generated decoder did this; it was 4.2 KB of the npm package's `full` entry
//! (gzip), for one constant blob. This reader follows protobuf's rules as prost applies them
//! to proto2 (a field given twice: the last scalar wins, repeated fields append, messages
//! merge; packed or unpacked repeated numbers; unknown fields skipped; strings must be
//! UTF-8), except where the blob never needs it: groups (wire types 3 and 4) are refused and
//! field number 0 is skipped. The tests check that it reads `metadata_slim.bin` to exactly
//! what prost reads. It never panics: malformed input gives `None`.

// The engine marks the raw message fields deprecated: its wrappers shadow them once built.
// They are what it builds the wrappers from, so they are filled here.
#![allow(deprecated)]

use rlibphonenumber::{NumberFormat, PhoneMetadata, PhoneMetadataCollection, PhoneNumberDesc};

/// A field's value: a varint, or length-delimited bytes (fixed-width values are skipped).
enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn new(b: &'a [u8]) -> Self {
        Reader { b, i: 0 }
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let x = *self.b.get(self.i)?;
            self.i += 1;
            v |= u64::from(x & 0x7F) << shift;
            if x < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        Some(s)
    }

    /// The next field and its value, `Some(None)` at the end, `None` if malformed.
    fn field(&mut self) -> Option<Option<(u64, Value<'a>)>> {
        if self.i == self.b.len() {
            return Some(None);
        }
        let key = self.varint()?;
        let value = match key & 7 {
            0 => Value::Varint(self.varint()?),
            1 => self.take(8).map(|_| Value::Fixed)?,
            2 => {
                let n = usize::try_from(self.varint()?).ok()?;
                Value::Bytes(self.take(n)?)
            }
            5 => self.take(4).map(|_| Value::Fixed)?,
            _ => return None,
        };
        Some(Some((key >> 3, value)))
    }
}

/// Reads every field of `b` with `f`, which says whether the value was well-formed for
/// its field (unknown fields are skipped by `f` returning `true`).
fn fields<'a>(b: &'a [u8], mut f: impl FnMut(u64, Value<'a>) -> bool) -> Option<()> {
    let mut r = Reader::new(b);
    while let Some((number, value)) = r.field()? {
        if !f(number, value) {
            return None;
        }
    }
    Some(())
}

fn string(v: &Value, slot: &mut String) -> bool {
    match v {
        Value::Bytes(b) => match std::str::from_utf8(b) {
            Ok(s) => {
                s.clone_into(slot);
                true
            }
            Err(_) => false,
        },
        _ => false,
    }
}

fn opt_string(v: &Value, slot: &mut Option<String>) -> bool {
    string(v, slot.get_or_insert_with(String::new))
}

fn opt_bool(v: &Value, slot: &mut Option<bool>) -> bool {
    match v {
        Value::Varint(n) => {
            *slot = Some(*n != 0);
            true
        }
        _ => false,
    }
}

/// `repeated int32`, one varint or a packed run of them.
fn int32s(v: &Value, out: &mut Vec<i32>) -> bool {
    match v {
        Value::Varint(n) => out.push(*n as i32),
        Value::Bytes(b) => {
            let mut r = Reader::new(b);
            while r.i < b.len() {
                match r.varint() {
                    Some(n) => out.push(n as i32),
                    None => return false,
                }
            }
        }
        Value::Fixed => return false,
    }
    true
}

fn desc(b: &[u8], d: &mut PhoneNumberDesc) -> Option<()> {
    fields(b, |number, v| match number {
        2 => opt_string(&v, &mut d.national_number_pattern),
        9 => int32s(&v, &mut d.possible_length),
        10 => int32s(&v, &mut d.possible_length_local_only),
        6 => opt_string(&v, &mut d.example_number),
        _ => true,
    })
}

fn format(b: &[u8], f: &mut NumberFormat) -> Option<()> {
    fields(b, |number, v| match number {
        1 => string(&v, &mut f.pattern),
        2 => string(&v, &mut f.format),
        3 => {
            let mut s = String::new();
            let ok = string(&v, &mut s);
            f.leading_digits_pattern.push(s);
            ok
        }
        4 => opt_string(&v, &mut f.national_prefix_formatting_rule),
        6 => opt_bool(&v, &mut f.national_prefix_optional_when_formatting),
        5 => opt_string(&v, &mut f.domestic_carrier_code_formatting_rule),
        _ => true,
    })
}

/// A message field: merged into what an earlier occurrence read, as protobuf merges.
fn message<T: Default>(
    v: &Value,
    slot: &mut Option<T>,
    read: fn(&[u8], &mut T) -> Option<()>,
) -> bool {
    match v {
        Value::Bytes(b) => read(b, slot.get_or_insert_with(T::default)).is_some(),
        _ => false,
    }
}

fn formats(v: &Value, out: &mut Vec<NumberFormat>) -> bool {
    let mut f = None;
    let ok = message(v, &mut f, format);
    out.extend(f);
    ok
}

fn region(b: &[u8], m: &mut PhoneMetadata) -> Option<()> {
    fields(b, |number, v| match number {
        1 => message(&v, &mut m.general_desc, desc),
        2 => message(&v, &mut m.fixed_line, desc),
        3 => message(&v, &mut m.mobile, desc),
        4 => message(&v, &mut m.toll_free, desc),
        5 => message(&v, &mut m.premium_rate, desc),
        6 => message(&v, &mut m.shared_cost, desc),
        7 => message(&v, &mut m.personal_number, desc),
        8 => message(&v, &mut m.voip, desc),
        21 => message(&v, &mut m.pager, desc),
        25 => message(&v, &mut m.uan, desc),
        27 => message(&v, &mut m.emergency, desc),
        28 => message(&v, &mut m.voicemail, desc),
        29 => message(&v, &mut m.short_code, desc),
        30 => message(&v, &mut m.standard_rate, desc),
        31 => message(&v, &mut m.carrier_specific, desc),
        33 => message(&v, &mut m.sms_services, desc),
        24 => message(&v, &mut m.no_international_dialling, desc),
        9 => string(&v, &mut m.id),
        10 => match v {
            Value::Varint(n) => {
                m.country_code = Some(n as i32);
                true
            }
            _ => false,
        },
        11 => opt_string(&v, &mut m.international_prefix),
        17 => opt_string(&v, &mut m.preferred_international_prefix),
        12 => opt_string(&v, &mut m.national_prefix),
        13 => opt_string(&v, &mut m.preferred_extn_prefix),
        15 => opt_string(&v, &mut m.national_prefix_for_parsing),
        16 => opt_string(&v, &mut m.national_prefix_transform_rule),
        18 => opt_bool(&v, &mut m.same_mobile_and_fixed_line_pattern),
        19 => formats(&v, &mut m.number_format),
        20 => formats(&v, &mut m.intl_number_format),
        22 => opt_bool(&v, &mut m.main_country_for_code),
        23 => opt_string(&v, &mut m.leading_digits),
        32 => opt_bool(&v, &mut m.mobile_number_portable_region),
        _ => true,
    })
}

/// A `PhoneMetadataCollection` from its protobuf encoding, or `None` if it is malformed.
pub(crate) fn decode(b: &[u8]) -> Option<PhoneMetadataCollection> {
    let mut out = PhoneMetadataCollection::default();
    fields(b, |number, v| match number {
        1 => {
            let mut m = None;
            let ok = message(&v, &mut m, region);
            out.metadata.extend(m);
            ok
        }
        _ => true,
    })?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    const SLIM: &[u8] = include_bytes!("metadata_slim.bin");

    #[test]
    fn reads_what_prost_reads() {
        let ours = decode(SLIM).unwrap();
        let prost = PhoneMetadataCollection::decode(SLIM).unwrap();
        assert_eq!(ours.metadata.len(), 254);
        assert_eq!(ours, prost);
    }

    /// Protobuf's rules on what the slim data does not use: a field given twice, packed and
    /// unpacked numbers, unknown and fixed-width fields.
    #[test]
    fn merges_and_skips_as_prost_does() {
        let mut m = PhoneMetadata {
            id: "US".into(),
            country_code: Some(1),
            general_desc: Some(PhoneNumberDesc {
                national_number_pattern: Some("\\d{10}".into()),
                possible_length: vec![10],
                ..Default::default()
            }),
            number_format: vec![NumberFormat {
                pattern: "(\\d{3})(\\d{4})".into(),
                format: "$1-$2".into(),
                leading_digits_pattern: vec!["[2-9]".into(), "1".into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        let one = PhoneMetadataCollection {
            metadata: vec![m.clone()],
        };
        let mut bytes = one.encode_to_vec();
        // The region again: a repeated message field appends, so this is a second region.
        bytes.extend(one.encode_to_vec());
        // An unknown varint field (number 50) and an unknown fixed64 field (number 51).
        bytes.extend([0x90, 0x03, 0x05, 0x99, 0x03, 1, 2, 3, 4, 5, 6, 7, 8]);
        let prost = PhoneMetadataCollection::decode(bytes.as_slice()).unwrap();
        assert_eq!(decode(&bytes).unwrap(), prost);
        // Packed possible lengths, and a scalar given twice (the last wins).
        m.general_desc.as_mut().unwrap().possible_length = vec![7, 10];
        let region = m.encode_to_vec();
        let mut twice = region.clone();
        twice.extend([0x50, 44]); // country_code = 44
        twice.extend([0x0A, 4, 0x4A, 2, 8, 9]); // general_desc again: packed lengths 8, 9
        let mut coll = vec![0x0A];
        prost::encoding::encode_varint(twice.len() as u64, &mut coll);
        coll.extend(&twice);
        assert_eq!(
            decode(&coll).unwrap(),
            PhoneMetadataCollection::decode(coll.as_slice()).unwrap()
        );
        assert_eq!(decode(&coll).unwrap().metadata[0].country_code, Some(44));
    }

    /// Cut or corrupted input gives `None` (or what prost reads), never a panic.
    #[test]
    fn malformed_input_is_refused() {
        for cut in [1, 2, 3, 10, 100, 1000, SLIM.len() / 2, SLIM.len() - 1] {
            let b = &SLIM[..cut];
            match (decode(b), PhoneMetadataCollection::decode(b)) {
                (Some(ours), Ok(prost)) => assert_eq!(ours, prost, "cut at {cut}"),
                (None, Err(_)) => {}
                (ours, prost) => panic!("cut at {cut}: {:?} / {:?}", ours.is_some(), prost.is_ok()),
            }
        }
        let mut b = SLIM[..2000].to_vec();
        for i in (0..b.len()).step_by(7) {
            b[i] ^= 0xA5;
            let _ = decode(&b);
        }
        assert!(decode(&[0x0A, 0x05, 0x4A, 0x02, 0xFF, 0xFE, 0x00]).is_none()); // id not UTF-8
        assert!(decode(&[0x0B]).is_none()); // a group
        assert!(decode(&[0xFF; 11]).is_none()); // a varint too long
    }
}
