//! The wire decoder on arbitrary input: the first octet gives TP-UDHI (bit 0), the second
//! the TP-DCS, the third the TP-UDL, the rest is the TP-UD. Asserts: no panic; a decoded
//! segment came from at most 140 octets, and its summary fields (concatenation, shift
//! tables) are the last such elements of its header.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_preflight::{InformationElement, decode};

fuzz_target!(|data: &[u8]| {
    let [flags, dcs, udl, octets @ ..] = data else {
        return;
    };
    let Ok(d) = decode(flags & 1 == 1, *dcs, *udl, octets) else {
        return;
    };
    assert!(octets.len() <= 140);
    let last = |f: fn(&InformationElement) -> Option<u8>| d.elements.iter().rev().find_map(f);
    assert_eq!(
        d.single_shift.map(|l| l.nli()),
        last(|e| match e {
            InformationElement::SingleShift(l) => Some(l.nli()),
            _ => None,
        })
    );
    assert_eq!(
        d.locking_shift.map(|l| l.nli()),
        last(|e| match e {
            InformationElement::LockingShift(l) => Some(l.nli()),
            _ => None,
        })
    );
    assert_eq!(
        d.concat.map(|c| c.seq),
        last(|e| match e {
            InformationElement::Concat(c) => Some(c.seq),
            _ => None,
        })
    );
    if let Some(c) = d.concat {
        assert!(c.seq >= 1 && c.seq <= c.total);
    }
});
