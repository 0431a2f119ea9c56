//! `sms-preflight encode`: the TP-User-Data of every segment, as hex.

use clap::Args;
use sms_preflight::{Concat, EncodedSegment, WireError, encode, hex, smart_encode};

use crate::Failure;
use crate::text_args::{TextArgs, read_stdin};

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
    #[command(flatten)]
    text_opts: TextArgs,
}

impl EncodeArgs {
    fn concat(&self) -> Result<Concat, Failure> {
        if self.text_opts.ref16 {
            return Ok(Concat::Ref16(self.reference));
        }
        u8::try_from(self.reference).map(Concat::Ref8).map_err(|_| {
            Failure::BadInput(format!(
                "--ref {} does not fit an 8-bit reference (0-255): use a smaller one, or --ref16",
                self.reference
            ))
        })
    }
}

pub(crate) fn run(args: &EncodeArgs) -> Result<(), Failure> {
    let opts = args.text_opts.options();
    opts.validate()
        .map_err(|e| Failure::BadInput(e.to_string()))?;
    let concat = args.concat()?;
    let smart = args.text_opts.smart()?;
    let text = match &args.text {
        Some(t) => t.clone(),
        None => read_stdin(args.text_opts.keep_newline)?,
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
    crate::print(&out)
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
