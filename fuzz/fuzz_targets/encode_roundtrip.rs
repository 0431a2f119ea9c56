//! The wire encoder on arbitrary text under options taken from the first octet, then the
//! decoder on every segment. Asserts: encode fails only as analyze does or with more than
//! 255 parts; its segments are analyze's; each TP-UD is at most 140 octets with the TP-UDL
//! that its units imply; decoding every segment and joining the texts gives the text back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::{
    Charset, Concat, ConcatRef, Encoding, EncodingRequest, NationalLanguages, Options, SplitPolicy,
    WireError, analyze, decode, encode,
};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let charset = [
        Charset::Standard,
        Charset::Telnyx,
        Charset::TelnyxEuro,
        Charset::Standard,
    ][usize::from(first & 3)];
    let opts = Options {
        charset,
        reference: if first & 4 != 0 {
            ConcatRef::Bits16
        } else {
            ConcatRef::Bits8
        },
        split: if first & 8 != 0 {
            SplitPolicy::Codepoints
        } else {
            SplitPolicy::Graphemes
        },
        encoding: if first & 16 != 0 {
            EncodingRequest::Ucs2
        } else {
            EncodingRequest::Auto
        },
        national: if charset == Charset::Standard && first & 32 != 0 {
            NationalLanguages::ALL
        } else {
            NationalLanguages::NONE
        },
        ..Options::default()
    };
    let concat = match opts.reference {
        ConcatRef::Bits8 => Concat::Ref8(first),
        _ => Concat::Ref16(u16::from(first) << 8 | 0x5A),
    };
    let a = analyze(&text, &opts).expect("auto and ucs2 never fail");
    let segs = match encode(&text, &opts, &concat) {
        Ok(s) => s,
        Err(WireError::TooManyParts { parts }) => {
            assert!(parts > 255 && parts == a.parts);
            return;
        }
        Err(e) => panic!("unexpected error {e:?}"),
    };
    assert_eq!(segs.len(), a.parts);
    let mut back = String::new();
    for (s, seg) in segs.iter().zip(&a.segments) {
        assert!(s.user_data.len() <= 140);
        let udl = match a.encoding {
            Encoding::Gsm7 => (s.udh_len * 8).div_ceil(7) + seg.units,
            Encoding::Ucs2 => s.udh_len + 2 * seg.units,
        };
        assert_eq!(usize::from(s.udl), udl);
        let d = decode(s.udhi(), s.dcs, s.udl, &s.user_data).expect("our own output decodes");
        assert_eq!(d.text, seg.text);
        back.push_str(&d.text);
    }
    assert_eq!(back, text);
});
