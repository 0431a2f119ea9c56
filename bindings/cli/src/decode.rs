//! `sms-preflight decode`: one segment's TP-User-Data back to its text and header elements.

use clap::Args;
use sms_preflight::{DecodedSegment, InformationElement, decode, hex, parse_hex};

use crate::Failure;

/// Flags of `decode`.
#[derive(Args)]
pub(crate) struct DecodeArgs {
    /// The whole TP-UD as hex (the user data header included when --udhi), spaces allowed.
    hex: String,
    /// TP-DCS: 0 (or 0x00) for the GSM 7-bit default alphabet, 8 (0x08) for UCS-2.
    #[arg(long, value_parser = parse_octet)]
    dcs: u8,
    /// TP-UDL: septets for GSM-7 (header and fill bits included), octets for UCS-2.
    #[arg(long, value_parser = parse_octet)]
    udl: u8,
    /// TP-UDHI: the user data starts with a header.
    #[arg(long)]
    udhi: bool,
    /// Print the decoded segment as JSON.
    #[arg(long)]
    json: bool,
}

/// An octet in decimal or with a `0x` prefix in hex.
fn parse_octet(s: &str) -> Result<u8, String> {
    let t = s.trim();
    match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u8::from_str_radix(h, 16),
        None => t.parse(),
    }
    .map_err(|_| format!("{s:?} is not an octet: give 0-255, or 0x00-0xFF"))
}

pub(crate) fn run(args: &DecodeArgs) -> Result<(), Failure> {
    let octets = parse_hex(&args.hex).map_err(|e| Failure::BadInput(e.to_string()))?;
    let d = decode(args.udhi, args.dcs, args.udl, &octets)
        .map_err(|e| Failure::Rejected(e.to_string()))?;
    let out = if args.json {
        serde_json::to_string_pretty(&d).map_err(|e| Failure::BadInput(e.to_string()))? + "\n"
    } else {
        report(&d, args.dcs)
    };
    crate::print(&out)
}

fn report(d: &DecodedSegment, dcs: u8) -> String {
    let mut s = format!("encoding  {} (TP-DCS 0x{dcs:02X})\n", d.encoding.name());
    for ie in &d.elements {
        s += &match ie {
            InformationElement::Concat(c) => format!(
                "ie 0x{:02X}   concatenation, {}-bit reference {}: part {} of {}\n",
                if c.ref16 { 8 } else { 0 },
                if c.ref16 { 16 } else { 8 },
                c.reference,
                c.seq,
                c.total
            ),
            InformationElement::SingleShift(l) => {
                format!("ie 0x24   national single shift: {}\n", l.name())
            }
            InformationElement::LockingShift(l) => {
                format!("ie 0x25   national locking shift: {}\n", l.name())
            }
            InformationElement::Other { iei, data } => {
                format!("ie 0x{iei:02X}   unknown, skipped: {}\n", hex(data))
            }
            _ => String::new(),
        };
    }
    s += &format!("text      {}\n", d.text);
    s
}
