//! `sms-preflight encode`: the TP-User-Data of every segment, as hex.

use std::io::{Read, Write};

use clap::Args;
use sms_preflight::{
    Charset, Concat, ConcatRef, EncodedSegment, EncodingRequest, NationalLanguages, Options,
    SmartEncoding, SmartMap, SplitPolicy, WireError, encode, hex, smart_encode,
};

use crate::Failure;

/// Flags of `encode`: the options of `analyze`, plus the concatenation reference.
#[derive(Args)]
pub(crate) struct EncodeArgs {
    /// The message. When absent, it is read from stdin (one trailing newline is dropped,
    /// unless --keep-newline).
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Print a JSON array, one object per segment: {"udh": hex or null, "user_data": hex of
    /// the whole TP-UD (UDH included), "udl": N, "dcs": N}.
    #[arg(long)]
    json: bool,
    /// The concatenation reference number (0-255, or 0-65535 with --ref16). Choose one that
    /// differs from your other recent multipart messages to the same recipient.
    #[arg(long = "ref", value_name = "N", default_value_t = 0)]
    reference: u16,
    /// Use a 16-bit concatenation reference (IE 0x08; 152/66 per part instead of 153/67).
    #[arg(long)]
    ref16: bool,
    /// Start from Telnyx's profile: its charset, the 8-bit reference, at most 10 parts.
    #[arg(long)]
    telnyx: bool,
    /// GSM-7 character set: standard (3GPP), telnyx (conservative, no €) or telnyx-euro.
    #[arg(long, value_parser = parse::<Charset>)]
    charset: Option<Charset>,
    /// Where parts may end: graphemes (default) or codepoints.
    #[arg(long, value_parser = parse::<SplitPolicy>)]
    split: Option<SplitPolicy>,
    /// Requested encoding: auto (default), gsm7 or ucs2.
    #[arg(long, value_parser = parse::<EncodingRequest>)]
    encoding: Option<EncodingRequest>,
    /// National shift tables the sender may use: a list like `tr,es,pt`, or `all`.
    #[arg(long, value_name = "LANGS", value_parser = parse::<NationalLanguages>)]
    national: Option<NationalLanguages>,
    /// Accepted as in `analyze` (it only adds a warning there; the encoding is the same).
    #[arg(long, value_name = "N")]
    max_parts: Option<u32>,
    /// Smart encoding before the encoding is chosen, as in `analyze`: telnyx or off.
    #[arg(long, value_name = "MODE", value_parser = parse::<SmartEncoding>)]
    smart: Option<SmartEncoding>,
    /// Smart encoding with your own map, read from a JSON FILE (as in `analyze`).
    #[arg(long, value_name = "FILE", conflicts_with = "smart")]
    smart_map: Option<String>,
    /// Keep the trailing newline of text read from stdin.
    #[arg(long)]
    keep_newline: bool,
}

fn parse<T: std::str::FromStr<Err = sms_preflight::Error>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: sms_preflight::Error| e.to_string())
}

impl EncodeArgs {
    fn options(&self) -> Options {
        let mut o = if self.telnyx {
            Options::telnyx()
        } else {
            Options::default()
        };
        if let Some(c) = self.charset {
            o.charset = c;
        }
        if self.ref16 {
            o.reference = ConcatRef::Bits16;
        }
        if let Some(s) = self.split {
            o.split = s;
        }
        if let Some(e) = self.encoding {
            o.encoding = e;
        }
        if let Some(n) = self.national {
            o.national = n;
        }
        if self.max_parts.is_some() {
            o.max_parts = self.max_parts;
        }
        o
    }

    fn concat(&self) -> Result<Concat, Failure> {
        if self.ref16 {
            return Ok(Concat::Ref16(self.reference));
        }
        u8::try_from(self.reference).map(Concat::Ref8).map_err(|_| {
            Failure::BadInput(format!(
                "--ref {} does not fit an 8-bit reference (0-255): use a smaller one, or --ref16",
                self.reference
            ))
        })
    }

    fn smart(&self) -> Result<SmartEncoding, Failure> {
        let Some(path) = &self.smart_map else {
            return Ok(self.smart.clone().unwrap_or_default());
        };
        let raw = std::fs::read_to_string(path)
            .map_err(|e| Failure::BadInput(format!("cannot read {path}: {e}")))?;
        let map: SmartMap = serde_json::from_str(&raw)
            .map_err(|e| Failure::BadInput(format!("{path}: not a smart-encoding map ({e})")))?;
        Ok(SmartEncoding::Custom(map))
    }
}

pub(crate) fn run(args: &EncodeArgs) -> Result<(), Failure> {
    let opts = args.options();
    opts.validate()
        .map_err(|e| Failure::BadInput(e.to_string()))?;
    let concat = args.concat()?;
    let smart = args.smart()?;
    let text = match &args.text {
        Some(t) => t.clone(),
        None => read_stdin(args.keep_newline)?,
    };
    let rejected = |e: WireError| Failure::Rejected(e.to_string());
    // As in `analyze`: smart encoding runs when asked for, or when GSM-7 is forced (the
    // library leaves the text unchanged otherwise).
    let smart_result = smart_encode(&text, &smart, &opts).map_err(|e| rejected(e.into()))?;
    let segments = encode(&smart_result.text, &opts, &concat).map_err(rejected)?;
    let out = if args.json {
        serde_json::to_string_pretty(&segments).map_err(|e| Failure::BadInput(e.to_string()))?
            + "\n"
    } else {
        report(&segments)
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::BadInput(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

fn report(segments: &[EncodedSegment]) -> String {
    if segments.is_empty() {
        return "no segments: the text is empty, there is nothing to send\n".to_owned();
    }
    let mut s = String::new();
    let n = segments.len();
    for (k, seg) in segments.iter().enumerate() {
        s += &format!(
            "segment {}/{n}  {}  dcs 0x{:02X}  udl {}  {} octets\n",
            k + 1,
            seg.encoding.name(),
            seg.dcs,
            seg.udl,
            seg.user_data.len()
        );
        s += &format!("  udh        {}\n", seg.udh().map_or("(none)".into(), hex));
        s += &format!("  user data  {}\n", hex(&seg.user_data));
    }
    s
}

fn read_stdin(keep_newline: bool) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::BadInput(format!("cannot read stdin: {e}")))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        Failure::BadInput(format!(
            "stdin is not valid UTF-8 (first bad byte at offset {}); convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        ))
    })?;
    if !keep_newline {
        if text.ends_with("\r\n") {
            text.truncate(text.len() - 2);
        } else if text.ends_with('\n') {
            text.truncate(text.len() - 1);
        }
    }
    Ok(text)
}
