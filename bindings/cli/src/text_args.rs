//! The text options shared by `analyze`, `count` and `encode`: the flags that make the
//! library's [`Options`] and [`SmartEncoding`], and reading the message from stdin.

use std::io::Read;

use sms_preflight::{
    Charset, ConcatRef, EncodingRequest, NationalLanguages, Options, SmartEncoding, SmartMap,
    SplitPolicy,
};

use crate::Failure;

/// Flags that set the text options.
#[derive(Debug, clap::Args)]
pub(crate) struct TextArgs {
    /// Start from Telnyx's profile: its charset, the 8-bit reference, at most 10 parts.
    #[arg(long)]
    pub(crate) telnyx: bool,
    /// GSM-7 character set: standard (3GPP), telnyx (conservative, no €) or telnyx-euro.
    #[arg(long, value_parser = parse::<Charset>)]
    pub(crate) charset: Option<Charset>,
    /// Use a 16-bit concatenation reference (152/66 per part instead of 153/67).
    #[arg(long)]
    pub(crate) ref16: bool,
    /// Where parts may end: graphemes (default) or codepoints.
    #[arg(long, value_parser = parse::<SplitPolicy>)]
    pub(crate) split: Option<SplitPolicy>,
    /// Requested encoding: auto (default), gsm7 or ucs2.
    #[arg(long, value_parser = parse::<EncodingRequest>)]
    pub(crate) encoding: Option<EncodingRequest>,
    /// National shift tables the sender may use: a list like `tr,es,pt`, or `all`. Default:
    /// none (handset and carrier support varies).
    #[arg(long, value_name = "LANGS", value_parser = parse::<NationalLanguages>)]
    pub(crate) national: Option<NationalLanguages>,
    /// Warn when the text needs more parts than N (at least 1: the library refuses 0).
    #[arg(long, value_name = "N")]
    pub(crate) max_parts: Option<u32>,
    /// Smart encoding: replace look-alike characters (curly quotes, dashes, odd spaces, ...)
    /// before the encoding is chosen. telnyx (Telnyx's list) or off (default). As at
    /// Telnyx, --encoding gsm7 applies the Telnyx list even when this is off, and
    /// --encoding ucs2 skips it.
    #[arg(long, value_name = "MODE", value_parser = parse::<SmartEncoding>)]
    pub(crate) smart: Option<SmartEncoding>,
    /// Smart encoding with your own map, read from a JSON FILE:
    /// {"base": "telnyx" | "none", "map": {"…": "...", "U+200B": "", "\t": null}}.
    #[arg(long, value_name = "FILE", conflicts_with = "smart")]
    pub(crate) smart_map: Option<String>,
    /// Keep the trailing newline of text read from stdin.
    #[arg(long)]
    pub(crate) keep_newline: bool,
}

fn parse<T: std::str::FromStr<Err = sms_preflight::Error>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: sms_preflight::Error| e.to_string())
}

impl TextArgs {
    /// The library options these flags give.
    pub(crate) fn options(&self) -> Options {
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

    /// The smart encoding these flags give (reading the map file of --smart-map).
    pub(crate) fn smart(&self) -> Result<SmartEncoding, Failure> {
        let Some(path) = &self.smart_map else {
            return Ok(self.smart.clone().unwrap_or_default());
        };
        let raw = std::fs::read_to_string(path)
            .map_err(|e| Failure::BadInput(format!("cannot read {path}: {e}")))?;
        let map: SmartMap = serde_json::from_str(&raw).map_err(|e| {
            Failure::BadInput(format!(
                "{path}: not a smart-encoding map ({e}); expected {{\"base\": \"telnyx\" or \"none\", \"map\": {{\"…\": \"...\"}}}}"
            ))
        })?;
        Ok(SmartEncoding::Custom(map))
    }
}

/// Reads the message from stdin: UTF-8, one trailing newline dropped unless `keep_newline`.
pub(crate) fn read_stdin(keep_newline: bool) -> Result<String, Failure> {
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
