//! `sms-preflight analyze`.

use std::fmt::Write as _;
use std::io::{Read, Write};

use clap::Args;
use serde::{Deserialize, Serialize};
use sms_preflight::{
    Analysis, Charset, ConcatRef, EncodingRequest, NationalLanguages, Options, SmartEncoding,
    SmartMap, SmartResult, SplitPolicy, analyze, smart_encode,
};

use crate::Failure;

/// Flags of `analyze`.
#[derive(Args)]
pub(crate) struct AnalyzeArgs {
    /// The message. When absent, it is read from stdin (one trailing newline is dropped,
    /// unless --keep-newline). Text that starts with `-` is fine: `analyze -- "-50% off"`
    /// or `analyze "-50% off"`.
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Print the analysis as JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Read one message a line from FILE (`-` for stdin): a JSON string, or an object with a
    /// `text` field (an `id` field is echoed back). Writes one JSON analysis a line.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    jsonl: Option<String>,
    /// Start from Telnyx's profile: its charset, the 8-bit reference, at most 10 parts.
    #[arg(long)]
    telnyx: bool,
    /// GSM-7 character set: standard (3GPP), telnyx (conservative, no €) or telnyx-euro.
    #[arg(long, value_parser = parse::<Charset>)]
    charset: Option<Charset>,
    /// Use a 16-bit concatenation reference (152/66 per part instead of 153/67).
    #[arg(long)]
    ref16: bool,
    /// Where parts may end: graphemes (default) or codepoints.
    #[arg(long, value_parser = parse::<SplitPolicy>)]
    split: Option<SplitPolicy>,
    /// Requested encoding: auto (default), gsm7 or ucs2.
    #[arg(long, value_parser = parse::<EncodingRequest>)]
    encoding: Option<EncodingRequest>,
    /// National shift tables the sender may use: a list like `tr,es,pt`, or `all`. Default:
    /// none (handset and carrier support varies).
    #[arg(long, value_name = "LANGS", value_parser = parse::<NationalLanguages>)]
    national: Option<NationalLanguages>,
    /// Warn when the text needs more parts than this.
    #[arg(long, value_name = "N")]
    max_parts: Option<u32>,
    /// Smart encoding: replace look-alike characters (curly quotes, dashes, odd spaces, ...)
    /// before the encoding is chosen. telnyx (Telnyx's list) or off (default). As at
    /// Telnyx, --encoding gsm7 applies the Telnyx list even when this is off, and
    /// --encoding ucs2 skips it.
    #[arg(long, value_name = "MODE", value_parser = parse::<SmartEncoding>)]
    smart: Option<SmartEncoding>,
    /// Smart encoding with your own map, read from a JSON FILE:
    /// {"base": "telnyx" | "none", "map": {"…": "...", "U+200B": "", "\t": null}}.
    #[arg(long, value_name = "FILE", conflicts_with = "smart")]
    smart_map: Option<String>,
    /// Keep the trailing newline of text read from stdin.
    #[arg(long)]
    keep_newline: bool,
}

fn parse<T: std::str::FromStr<Err = sms_preflight::Error>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: sms_preflight::Error| e.to_string())
}

impl AnalyzeArgs {
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

    fn smart(&self) -> Result<SmartEncoding, Failure> {
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

/// Runs smart encoding when it applies: when it is on, or when GSM-7 is forced (which,
/// as at Telnyx, applies the Telnyx list). `None` when it cannot change anything.
fn smart_step<'a>(
    text: &'a str,
    smart: &SmartEncoding,
    opts: &Options,
) -> Result<Option<SmartResult<'a>>, sms_preflight::Error> {
    // Report what smart encoding did whenever the user asked for it (even when the
    // encoding then skips it), or when it runs anyway (encoding gsm7).
    if *smart == SmartEncoding::Off && !smart.applies(opts.encoding) {
        return Ok(None);
    }
    smart_encode(text, smart, opts).map(Some)
}

/// The JSON output: the analysis of the text that is sent, plus what smart encoding did.
#[derive(Serialize)]
struct Output<'a, 'b> {
    #[serde(flatten)]
    analysis: &'b Analysis<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    smart_encoding: Option<&'b SmartResult<'a>>,
}

pub(crate) fn run(args: &AnalyzeArgs) -> Result<(), Failure> {
    let opts = args.options();
    // Options that cannot go together are a usage error, whatever the text.
    opts.validate()
        .map_err(|e| Failure::BadInput(e.to_string()))?;
    let smart = args.smart()?;
    if let Some(path) = &args.jsonl {
        return run_jsonl(path, &smart, &opts);
    }
    let text = match &args.text {
        Some(t) => t.clone(),
        None => read_stdin(args.keep_newline)?,
    };
    let rejected = |e: sms_preflight::Error| Failure::Rejected(e.to_string());
    let smart_result = smart_step(&text, &smart, &opts).map_err(rejected)?;
    let sent: &str = smart_result.as_ref().map_or(&text, |r| &r.text);
    let analysis = analyze(sent, &opts).map_err(rejected)?;
    let out = if args.json {
        let output = Output {
            analysis: &analysis,
            smart_encoding: smart_result.as_ref(),
        };
        serde_json::to_string_pretty(&output).map_err(|e| Failure::BadInput(e.to_string()))? + "\n"
    } else {
        report(&analysis, smart_result.as_ref())
    };
    print_out(&out)
}

fn print_out(s: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::BadInput(format!("cannot write output: {e}"))),
    }
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

/// One input line of `--jsonl`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Line {
    Text(String),
    Object {
        text: String,
        #[serde(default)]
        id: Option<serde_json::Value>,
    },
}

/// One output line of `--jsonl`.
#[derive(Serialize)]
struct OutLine<'a, T: Serialize> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    #[serde(flatten)]
    body: T,
}

#[derive(Serialize)]
struct ErrorBody {
    error: sms_preflight::Error,
}

fn run_jsonl(path: &str, smart: &SmartEncoding, opts: &Options) -> Result<(), Failure> {
    crate::jsonl::run(path, |line, json| {
        let parsed: Line = serde_json::from_str(line).map_err(|e| {
            format!("expected a JSON string or an object with a \"text\" string ({e})")
        })?;
        let (text, id) = match &parsed {
            Line::Text(t) => (t.as_str(), None),
            Line::Object { text, id } => (text.as_str(), id.as_ref()),
        };
        let smart_result = smart_step(text, smart, opts);
        let analysis = match &smart_result {
            Ok(r) => analyze(r.as_ref().map_or(text, |r| &r.text), opts).map(|a| (a, r.as_ref())),
            Err(e) => Err(e.clone()),
        };
        let written = match analysis {
            Ok((a, smart_encoding)) => {
                let body = Output {
                    analysis: &a,
                    smart_encoding,
                };
                serde_json::to_writer(json, &OutLine { id, body })
            }
            Err(error) => serde_json::to_writer(
                json,
                &OutLine {
                    id,
                    body: ErrorBody { error },
                },
            ),
        };
        written.map_err(|e| format!("cannot write the answer: {e}"))
    })
    .map_err(Failure::BadInput)
}

/// Shows a string with control characters visible.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The human-readable report.
fn report(a: &Analysis<'_>, smart: Option<&SmartResult<'_>>) -> String {
    let mut r = String::new();
    let unit = a.encoding.unit_name();
    if let Some(s) = smart {
        let _ = writeln!(r, "smart       {}", s.summary());
    }
    let _ = writeln!(
        r,
        "encoding    {} ({} charset)",
        a.encoding.name(),
        a.charset.name()
    );
    if a.national_locking_shift.is_some() || a.national_single_shift.is_some() {
        let name = |l: Option<sms_preflight::Language>| l.map_or("default", |l| l.name());
        let _ = writeln!(
            r,
            "national    locking shift: {}, single shift: {} ({} UDH octets per part)",
            name(a.national_locking_shift),
            name(a.national_single_shift),
            a.udh_octets
        );
    }
    let sizes: Vec<String> = a.segments.iter().map(|s| s.units.to_string()).collect();
    let _ = writeln!(
        r,
        "length      {} {unit} in {} part{}{}",
        a.units,
        a.parts,
        if a.parts == 1 { "" } else { "s" },
        if a.parts > 1 {
            format!(" ({})", sizes.join(" + "))
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        r,
        "remaining   {} {unit} left in the {} part (capacity {})",
        a.remaining,
        if a.parts > 1 { "last" } else { "one" },
        a.part_capacity
    );
    let _ = writeln!(
        r,
        "text        {} characters, {} graphemes, {} UTF-8 bytes, {} UTF-16 units",
        a.chars, a.graphemes, a.utf8_len, a.utf16_len
    );
    for w in &a.warnings {
        let _ = writeln!(r, "warning     {w}");
    }
    for (i, s) in a.segments.iter().enumerate() {
        let _ = writeln!(
            r,
            "\npart {}/{}  {}/{} {unit}  bytes {}..{}  UTF-16 {}..{}",
            i + 1,
            a.parts,
            s.units,
            s.capacity,
            s.utf8.start,
            s.utf8.end,
            s.utf16.start,
            s.utf16.end
        );
        let _ = writeln!(r, "  {}", visible(s.text));
    }
    if let Some(s) = smart.filter(|s| s.applied()) {
        smart_report(&mut r, s);
    }
    if !a.non_gsm.is_empty() {
        let _ = writeln!(
            r,
            "\nnot encodable in GSM-7 ({} charset{}) ({}):",
            a.charset.name(),
            if a.encoding == sms_preflight::Encoding::Ucs2 {
                ", forcing UCS-2"
            } else {
                ""
            },
            a.non_gsm.len()
        );
        const SHOWN: usize = 20;
        for c in a.non_gsm.iter().take(SHOWN) {
            let _ = writeln!(
                r,
                "  {} at byte {}, UTF-16 {}",
                c.describe(),
                c.utf8,
                c.utf16
            );
        }
        if a.non_gsm.len() > SHOWN {
            let _ = writeln!(r, "  … and {} more", a.non_gsm.len() - SHOWN);
        }
        // The text with each such character marked.
        let mut marked = String::new();
        let mut at = 0;
        let text: String = a.segments.iter().map(|s| s.text).collect();
        for c in &a.non_gsm {
            marked.push_str(&visible(&text[at..c.utf8]));
            let _ = write!(marked, "⟦{}⟧", visible(&c.ch.to_string()));
            at = c.utf8 + c.ch.len_utf8();
        }
        marked.push_str(&visible(&text[at..]));
        let _ = writeln!(r, "\nmarked:\n  {marked}");
    }
    r
}

/// The replacements smart encoding made, for the human-readable report.
fn smart_report(r: &mut String, s: &SmartResult<'_>) {
    let n = s.replacements.len();
    let _ = writeln!(
        r,
        "\nsmart encoding replaced {n} character{} ({} distinct), length {:+} characters; offsets in the original text:",
        if n == 1 { "" } else { "s" },
        s.replaced_character_count,
        s.length_change
    );
    const SHOWN: usize = 20;
    for x in s.replacements.iter().take(SHOWN) {
        let _ = writeln!(
            r,
            "  {} at byte {}, UTF-16 {}",
            visible(&x.describe()),
            x.utf8,
            x.utf16
        );
    }
    if n > SHOWN {
        let _ = writeln!(r, "  … and {} more", n - SHOWN);
    }
    let (b, a) = (&s.before, &s.after);
    let _ = writeln!(
        r,
        "  before: {} {} in {} part{}; after: {} {} in {} part{}",
        b.units,
        b.encoding.unit_name(),
        b.parts,
        if b.parts == 1 { "" } else { "s" },
        a.units,
        a.encoding.unit_name(),
        a.parts,
        if a.parts == 1 { "" } else { "s" }
    );
    if s.costs_parts() {
        let _ = writeln!(
            r,
            "  warning: smart encoding costs {} part{} here; --encoding ucs2 skips it",
            s.parts_saved().unsigned_abs(),
            if s.parts_saved() == -1 { "" } else { "s" }
        );
    }
}
