//! `sms-preflight analyze` and `sms-preflight count`: one message from the command line or
//! stdin, or a JSON Lines batch, written to stdout as it is computed.

use std::borrow::Cow;
use std::io::{self, Write};

use clap::Args;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sms_preflight::json::{json_string_utf16, replace_lone_surrogates};
use sms_preflight::{
    Analysis, Count, EncodingRequest, NonGsmChar, Options, SmartEncoding, SmartResult, analyze,
    analyze_utf16, count, count_utf16, smart_encode,
};

use crate::Failure;
use crate::jsonl::{Answer, BatchArgs};
use crate::text_args::{TextArgs, read_stdin};

/// Flags of `analyze` and `count` (the same for both).
#[derive(Args)]
pub(crate) struct MessageArgs {
    /// The message. When absent, it is read from stdin (one trailing newline is dropped,
    /// unless --keep-newline). Text that starts with `-` is fine: `analyze -- "-50% off"`
    /// or `analyze "-50% off"`.
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Print the answer as JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Read one message a line from FILE (`-` for stdin): a JSON string, or an object with a
    /// `text` field (an `id` field is echoed back). Writes one JSON answer a line, in order.
    /// `\uD800`-style escapes of lone surrogates (JSON from JavaScript) are read as U+FFFD and
    /// flagged.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    jsonl: Option<String>,
    #[command(flatten)]
    pub(crate) text_opts: TextArgs,
    #[command(flatten)]
    batch: BatchArgs,
}

/// What the subcommand answers for each message.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The full analysis: parts with offsets, non-GSM characters, warnings.
    Analyze,
    /// The summary: encoding, units, parts, remaining, capacity and characters.
    Count,
}

impl MessageArgs {
    fn options(&self) -> Options {
        self.text_opts.options()
    }

    fn smart(&self) -> Result<SmartEncoding, Failure> {
        self.text_opts.smart()
    }
}

/// Options and smart encoding, as every message of a run uses them.
struct Settings {
    opts: Options,
    smart: SmartEncoding,
}

impl Settings {
    /// Runs smart encoding when it applies: when it is on, or when GSM-7 is forced (which,
    /// as at Telnyx, applies the Telnyx list). `None` when it cannot change anything.
    fn smart_step<'a>(
        &self,
        text: &'a str,
    ) -> Result<Option<SmartResult<'a>>, sms_preflight::Error> {
        // Report what smart encoding did whenever the user asked for it (even when the
        // encoding then skips it), or when it runs anyway (encoding gsm7).
        if self.smart == SmartEncoding::Off && !self.smart.applies(self.opts.encoding) {
            return Ok(None);
        }
        smart_encode(text, &self.smart, &self.opts).map(Some)
    }

    /// Whether smart encoding's `still_non_gsm` is, character for character, the `non_gsm`
    /// of the analysis of the text it produced: both list the characters outside the
    /// charset, from the same decision, except under `encoding: ucs2` with national tables
    /// (`still_non_gsm` follows the `auto` decision, which the tables may make GSM-7, while
    /// the analysis lists every character outside the charset). The test
    /// `still_non_gsm_is_the_analysis_list` holds this against the library.
    fn still_non_gsm_is_non_gsm(&self) -> bool {
        self.opts.encoding != EncodingRequest::Ucs2 || self.opts.national.is_empty()
    }

    /// Runs smart encoding (when it applies) for `analyze`. When its `still_non_gsm` is the
    /// analysis's `non_gsm`, the list is dropped here, before the analysis makes its own, so
    /// the two never take memory at the same time (a 100 MB text has 21 million non-GSM
    /// characters: 500 MB a list); the output prints the analysis's list in its place.
    fn smart_for_analysis<'a>(
        &self,
        text: &'a str,
    ) -> Result<Option<Smart<'a>>, sms_preflight::Error> {
        let Some(mut result) = self.smart_step(text)? else {
            return Ok(None);
        };
        // The summary counts `still_non_gsm`: make it while the list is there.
        let summary = result.summary();
        let shares_non_gsm = self.still_non_gsm_is_non_gsm();
        if shares_non_gsm {
            result.still_non_gsm = Vec::new();
        }
        Ok(Some(Smart {
            result,
            summary,
            shares_non_gsm,
        }))
    }
}

/// What smart encoding did, for `analyze`.
struct Smart<'a> {
    result: SmartResult<'a>,
    /// `result.summary()`, made before `still_non_gsm` was dropped.
    summary: String,
    /// `still_non_gsm` was dropped: it is the analysis's `non_gsm`.
    shares_non_gsm: bool,
}

/// The JSON output of `analyze`: the analysis of the text that is sent, plus what smart
/// encoding did.
#[derive(Serialize)]
struct Output<'a, 'b> {
    #[serde(flatten)]
    analysis: &'b Analysis<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    smart_encoding: Option<SmartJson<'a, 'b>>,
}

impl<'a, 'b> Output<'a, 'b> {
    fn new(analysis: &'b Analysis<'a>, smart: Option<&'b Smart<'a>>) -> Self {
        Output {
            analysis,
            smart_encoding: smart.map(|smart| SmartJson {
                smart,
                still_non_gsm: if smart.shares_non_gsm {
                    &analysis.non_gsm
                } else {
                    &smart.result.still_non_gsm
                },
            }),
        }
    }
}

/// A [`SmartResult`] as the library serializes it, with `still_non_gsm` and `summary` from
/// [`Smart`] (the test `smart_json_is_the_librarys` compares the two).
struct SmartJson<'a, 'b> {
    smart: &'b Smart<'a>,
    still_non_gsm: &'b [NonGsmChar],
}

impl Serialize for SmartJson<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = &self.smart.result;
        let mut st = s.serialize_struct("SmartResult", 15)?;
        st.serialize_field("enabled", &r.enabled)?;
        st.serialize_field("applied", &r.applied())?;
        st.serialize_field("requested", &r.requested)?;
        st.serialize_field("charset", &r.charset)?;
        st.serialize_field("text", &r.text)?;
        st.serialize_field("replacements", &r.replacements)?;
        st.serialize_field("replaced_character_count", &r.replaced_character_count)?;
        st.serialize_field("character_count", &r.character_count)?;
        st.serialize_field("length_change", &r.length_change)?;
        st.serialize_field("before", &r.before)?;
        st.serialize_field("after", &r.after)?;
        st.serialize_field("parts_saved", &r.parts_saved())?;
        st.serialize_field("costs_parts", &r.costs_parts())?;
        st.serialize_field("still_non_gsm", self.still_non_gsm)?;
        st.serialize_field("summary", &self.smart.summary)?;
        st.end()
    }
}

/// The JSON output of `count`: the count of the text that is sent, plus a summary of what
/// smart encoding did.
#[derive(Serialize)]
struct CountOutput {
    #[serde(flatten)]
    count: Count,
    #[serde(skip_serializing_if = "Option::is_none")]
    smart_encoding: Option<SmartSummary>,
    /// Unpaired surrogates of a JSON line, each counted as U+FFFD.
    #[serde(skip_serializing_if = "Option::is_none")]
    lone_surrogates: Option<usize>,
}

/// What `count` says about smart encoding: the figures, not the list of replacements.
#[derive(Serialize)]
struct SmartSummary {
    summary: String,
    replacements: usize,
    parts_saved: isize,
    costs_parts: bool,
    before: Count,
}

impl SmartSummary {
    fn of(r: &SmartResult<'_>) -> Self {
        SmartSummary {
            summary: r.summary(),
            replacements: r.replacements.len(),
            parts_saved: r.parts_saved(),
            costs_parts: r.costs_parts(),
            before: r.before,
        }
    }
}

/// Runs `analyze` or `count`.
pub(crate) fn run(args: &MessageArgs, mode: Mode) -> Result<(), Failure> {
    let opts = args.options();
    // Options that cannot go together are a usage error, whatever the text.
    opts.validate()
        .map_err(|e| Failure::BadInput(e.to_string()))?;
    let settings = Settings {
        opts,
        smart: args.smart()?,
    };
    if let Some(path) = &args.jsonl {
        return run_jsonl(path, &settings, mode, &args.batch);
    }
    let text = match &args.text {
        Some(t) => t.clone(),
        None => read_stdin(args.text_opts.keep_newline)?,
    };
    let rejected = |e: sms_preflight::Error| Failure::Rejected(e.to_string());
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = match mode {
        Mode::Analyze => {
            let smart = settings.smart_for_analysis(&text).map_err(rejected)?;
            let sent: &str = smart.as_ref().map_or(&text, |s| &s.result.text);
            let analysis = analyze(sent, &settings.opts).map_err(rejected)?;
            if args.json {
                let output = Output::new(&analysis, smart.as_ref());
                serde_json::to_writer_pretty(&mut out, &output)
                    .map_err(io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                write_report(&mut out, sent, &analysis, smart.as_ref())
            }
        }
        Mode::Count => {
            let smart_result = settings.smart_step(&text).map_err(rejected)?;
            let sent: &str = smart_result.as_ref().map_or(&text, |r| &r.text);
            let c = count(sent, &settings.opts).map_err(rejected)?;
            if args.json {
                let output = CountOutput {
                    count: c,
                    smart_encoding: smart_result.as_ref().map(SmartSummary::of),
                    lone_surrogates: None,
                };
                serde_json::to_writer_pretty(&mut out, &output)
                    .map_err(io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                write_count(&mut out, &c, smart_result.as_ref())
            }
        }
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::BadInput(format!("cannot write output: {e}"))),
    }
}

/// An input line of `--jsonl` in object form.
#[derive(Deserialize)]
struct ObjectLine {
    text: String,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// The `text` of an object line, undecoded (serde_json's `RawValue` keeps lone surrogate
/// escapes, which a `String` cannot hold).
#[derive(Deserialize)]
struct RawObjectLine<'a> {
    #[serde(borrow)]
    text: &'a RawValue,
}

/// One message of a batch.
struct Request {
    /// The text, with each lone surrogate (if any) read as U+FFFD.
    text: String,
    /// The text as UTF-16 with its lone surrogates, when it has some.
    utf16: Option<Vec<u16>>,
    id: Option<serde_json::Value>,
}

const EXPECTED: &str = "expected a JSON string or an object with a \"text\" string, such as {\"text\": \"Hi\", \"id\": 7}";

fn parse_line(line: &str) -> Result<Request, String> {
    let (fixed, lone) = replace_lone_surrogates(line);
    let is_string = fixed.trim_start().starts_with('"');
    let bad = |e: serde_json::Error| format!("{EXPECTED} ({e})");
    let (text, id) = if is_string {
        (serde_json::from_str::<String>(&fixed).map_err(bad)?, None)
    } else if fixed.trim_start().starts_with('{') {
        let o: ObjectLine = serde_json::from_str(&fixed).map_err(bad)?;
        (o.text, o.id)
    } else {
        return Err(format!(
            "{EXPECTED}; this line starts with {:?}",
            fixed.trim_start().chars().next().unwrap_or(' ')
        ));
    };
    let mut utf16 = None;
    if lone > 0 {
        // The surrogates may be in the id: decode the text itself to find out.
        let raw = if is_string {
            serde_json::from_str::<&RawValue>(line).map_err(bad)?
        } else {
            serde_json::from_str::<RawObjectLine<'_>>(line)
                .map_err(bad)?
                .text
        };
        if replace_lone_surrogates(raw.get()).1 > 0 {
            utf16 = Some(json_string_utf16(raw.get()).map_err(|e| format!("{EXPECTED} ({e})"))?);
        }
    }
    Ok(Request { text, utf16, id })
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

/// Writes `body` for the line, or its error object.
fn write_line<T: Serialize>(
    out: &mut Vec<u8>,
    id: Option<&serde_json::Value>,
    body: Result<T, sms_preflight::Error>,
) -> Result<Answer, String> {
    let (written, answer) = match body {
        Ok(body) => (
            serde_json::to_writer(out, &OutLine { id, body }),
            Answer::Ok,
        ),
        Err(error) => (
            serde_json::to_writer(
                out,
                &OutLine {
                    id,
                    body: ErrorBody { error },
                },
            ),
            Answer::Failed,
        ),
    };
    written
        .map(|()| answer)
        .map_err(|e| format!("cannot write the answer: {e}"))
}

/// The UTF-16 of the text that smart encoding made from a line's text, with the line's lone
/// surrogates (`units`; smart encoding read each as U+FFFD, one unit like the surrogate)
/// back where smart encoding left them. `None` if the offsets do not fit `units`.
fn sent_utf16(units: &[u16], r: &SmartResult<'_>) -> Option<Vec<u16>> {
    let mut sent = Vec::with_capacity(units.len());
    let mut at = 0;
    for x in &r.replacements {
        sent.extend_from_slice(units.get(at..x.utf16)?);
        sent.extend(x.replacement.encode_utf16());
        at = x.utf16 + x.original.len_utf16();
    }
    sent.extend_from_slice(units.get(at..)?);
    Some(sent)
}

/// The UTF-16 to analyze for a line with lone surrogates: the line's own, or the one smart
/// encoding made from it. `None` for a line without lone surrogates.
fn lone_utf16<'u>(req: &'u Request, smart: Option<&SmartResult<'_>>) -> Option<Cow<'u, [u16]>> {
    let units = req.utf16.as_deref()?;
    match smart {
        None => Some(Cow::Borrowed(units)),
        Some(r) => sent_utf16(units, r).map(Cow::Owned),
    }
}

/// Answers one `analyze --jsonl` line.
fn analyze_line(line: &str, out: &mut Vec<u8>, s: &Settings) -> Result<Answer, String> {
    let req = parse_line(line)?;
    let id = req.id.as_ref();
    let mut smart = match s.smart_for_analysis(&req.text) {
        Ok(r) => r,
        Err(e) => return write_line::<()>(out, id, Err(e)),
    };
    let units = lone_utf16(&req, smart.as_ref().map(|s| &s.result));
    if let (Some(units), Some(smart)) = (&units, &mut smart) {
        // Where `still_non_gsm` is printed as it is, mark its lone surrogates too.
        for c in &mut smart.result.still_non_gsm {
            c.lone_surrogate = units
                .get(c.utf16)
                .is_some_and(|&u| (0xD800..0xE000).contains(&u));
        }
    }
    let mut buf = String::new();
    let analysis = match (&units, &smart) {
        // A lone surrogate is flagged exactly as `analyze_utf16` flags it, also in the text
        // that smart encoding made.
        (Some(units), _) => analyze_utf16(units, &mut buf, &s.opts),
        (None, Some(smart)) => analyze(&smart.result.text, &s.opts),
        (None, None) => analyze(&req.text, &s.opts),
    };
    let body = analysis
        .as_ref()
        .map_err(Clone::clone)
        .map(|analysis| Output::new(analysis, smart.as_ref()));
    write_line(out, id, body)
}

/// Answers one `count --jsonl` line.
fn count_line(line: &str, out: &mut Vec<u8>, s: &Settings) -> Result<Answer, String> {
    let req = parse_line(line)?;
    let id = req.id.as_ref();
    let smart = match s.smart_step(&req.text) {
        Ok(r) => r,
        Err(e) => return write_line::<()>(out, id, Err(e)),
    };
    let units = lone_utf16(&req, smart.as_ref());
    let lone = units.as_ref().map(|u| {
        char::decode_utf16(u.iter().copied())
            .filter(Result::is_err)
            .count()
    });
    let c = match (&units, &smart) {
        (Some(units), _) => count_utf16(units, &s.opts),
        (None, Some(r)) => count(&r.text, &s.opts),
        (None, None) => count(&req.text, &s.opts),
    };
    let body = c.map(|count| CountOutput {
        count,
        smart_encoding: smart.as_ref().map(SmartSummary::of),
        lone_surrogates: lone,
    });
    write_line(out, id, body)
}

fn run_jsonl(path: &str, s: &Settings, mode: Mode, batch: &BatchArgs) -> Result<(), Failure> {
    let jobs = batch.jobs();
    let totals = match mode {
        Mode::Analyze => crate::jsonl::run(path, jobs, |line, out| analyze_line(line, out, s)),
        Mode::Count => crate::jsonl::run(path, jobs, |line, out| count_line(line, out, s)),
    }
    .map_err(Failure::BadInput)?;
    crate::batch_exit(batch, totals)
}

/// Writes a string with control characters made visible.
fn write_visible(w: &mut impl Write, s: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if !c.is_control() {
            continue;
        }
        w.write_all(&s.as_bytes()[start..i])?;
        match c {
            '\n' => w.write_all(b"\\n")?,
            '\r' => w.write_all(b"\\r")?,
            '\t' => w.write_all(b"\\t")?,
            c => write!(w, "\\u{{{:X}}}", u32::from(c))?,
        }
        start = i + c.len_utf8();
    }
    w.write_all(&s.as_bytes()[start..])
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The `remaining` line of a report: what is left, and where.
fn write_remaining(
    w: &mut impl Write,
    parts: usize,
    remaining: usize,
    capacity: usize,
    unit: &str,
) -> io::Result<()> {
    match parts {
        0 => writeln!(
            w,
            "remaining   {remaining} {unit} free: the text is empty, nothing to send (one part holds {capacity})"
        ),
        1 => writeln!(
            w,
            "remaining   {remaining} {unit} left in the one part (capacity {capacity})"
        ),
        _ => writeln!(
            w,
            "remaining   {remaining} {unit} left in the last part (capacity {capacity})"
        ),
    }
}

/// The human-readable report of `analyze`, written as it goes.
fn write_report(
    w: &mut impl Write,
    text: &str,
    a: &Analysis<'_>,
    smart: Option<&Smart<'_>>,
) -> io::Result<()> {
    let unit = a.encoding.unit_name();
    if let Some(s) = smart {
        writeln!(w, "smart       {}", s.summary)?;
    }
    writeln!(
        w,
        "encoding    {} ({} charset)",
        a.encoding.name(),
        a.charset.name()
    )?;
    if a.national_locking_shift.is_some() || a.national_single_shift.is_some() {
        let name = |l: Option<sms_preflight::Language>| l.map_or("default", |l| l.name());
        writeln!(
            w,
            "national    locking shift: {}, single shift: {} ({} UDH octets per part)",
            name(a.national_locking_shift),
            name(a.national_single_shift),
            a.udh_octets
        )?;
    }
    write!(
        w,
        "length      {} {unit} in {} part{}",
        a.units,
        a.parts,
        plural(a.parts)
    )?;
    if a.parts > 1 {
        for (i, s) in a.segments.iter().enumerate() {
            write!(w, "{}{}", if i == 0 { " (" } else { " + " }, s.units)?;
        }
        write!(w, ")")?;
    }
    writeln!(w)?;
    write_remaining(w, a.parts, a.remaining, a.part_capacity, unit)?;
    writeln!(
        w,
        "text        {} characters, {} graphemes, {} UTF-8 bytes, {} UTF-16 units",
        a.chars, a.graphemes, a.utf8_len, a.utf16_len
    )?;
    for warning in &a.warnings {
        writeln!(w, "warning     {warning}")?;
    }
    for (i, s) in a.segments.iter().enumerate() {
        writeln!(
            w,
            "\npart {}/{}  {}/{} {unit}  bytes {}..{}  UTF-16 {}..{}",
            i + 1,
            a.parts,
            s.units,
            s.capacity,
            s.utf8.start,
            s.utf8.end,
            s.utf16.start,
            s.utf16.end
        )?;
        write!(w, "  ")?;
        write_visible(w, s.text)?;
        writeln!(w)?;
    }
    if let Some(s) = smart.filter(|s| s.result.applied()) {
        smart_report(w, &s.result)?;
    }
    if !a.non_gsm.is_empty() {
        writeln!(
            w,
            "\nnot encodable in GSM-7 ({} charset{}) ({}):",
            a.charset.name(),
            if a.encoding == sms_preflight::Encoding::Ucs2 {
                ", forcing UCS-2"
            } else {
                ""
            },
            a.non_gsm.len()
        )?;
        const SHOWN: usize = 20;
        for c in a.non_gsm.iter().take(SHOWN) {
            writeln!(
                w,
                "  {} at byte {}, UTF-16 {}",
                c.describe(),
                c.utf8,
                c.utf16
            )?;
        }
        if a.non_gsm.len() > SHOWN {
            writeln!(w, "  … and {} more", a.non_gsm.len() - SHOWN)?;
        }
        // The text with each such character marked.
        write!(w, "\nmarked:\n  ")?;
        let mut at = 0;
        let mut ch = [0; 4];
        for c in &a.non_gsm {
            write_visible(w, &text[at..c.utf8])?;
            write!(w, "⟦")?;
            write_visible(w, c.ch.encode_utf8(&mut ch))?;
            write!(w, "⟧")?;
            at = c.utf8 + c.ch.len_utf8();
        }
        write_visible(w, &text[at..])?;
        writeln!(w)?;
    }
    Ok(())
}

/// The human-readable answer of `count`.
fn write_count(w: &mut impl Write, c: &Count, smart: Option<&SmartResult<'_>>) -> io::Result<()> {
    let unit = c.encoding.unit_name();
    if let Some(s) = smart {
        writeln!(w, "smart       {}", s.summary())?;
    }
    writeln!(w, "encoding    {}", c.encoding.name())?;
    writeln!(
        w,
        "length      {} {unit} in {} part{}",
        c.units,
        c.parts,
        plural(c.parts)
    )?;
    write_remaining(w, c.parts, c.remaining, c.part_capacity, unit)?;
    writeln!(w, "characters  {}", c.chars)
}

/// The replacements smart encoding made, for the human-readable report.
fn smart_report(w: &mut impl Write, s: &SmartResult<'_>) -> io::Result<()> {
    let n = s.replacements.len();
    writeln!(
        w,
        "\nsmart encoding replaced {n} character{} ({} distinct), length {:+} characters; offsets in the original text:",
        plural(n),
        s.replaced_character_count,
        s.length_change
    )?;
    const SHOWN: usize = 20;
    for x in s.replacements.iter().take(SHOWN) {
        write!(w, "  ")?;
        write_visible(w, &x.describe())?;
        writeln!(w, " at byte {}, UTF-16 {}", x.utf8, x.utf16)?;
    }
    if n > SHOWN {
        writeln!(w, "  … and {} more", n - SHOWN)?;
    }
    let (b, a) = (&s.before, &s.after);
    writeln!(
        w,
        "  before: {} {} in {} part{}; after: {} {} in {} part{}",
        b.units,
        b.encoding.unit_name(),
        b.parts,
        plural(b.parts),
        a.units,
        a.encoding.unit_name(),
        a.parts,
        plural(a.parts)
    )?;
    if s.costs_parts() {
        writeln!(
            w,
            "  warning: smart encoding costs {} part{} here; --encoding ucs2 skips it",
            s.parts_saved().unsigned_abs(),
            if s.parts_saved() == -1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sms_preflight::{Charset, NationalLanguages};

    /// Texts of the committed corpus sample, plus a few that smart encoding changes.
    fn texts() -> Vec<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/corpus_sample.jsonl"
        );
        let corpus = std::fs::read_to_string(path).unwrap();
        let mut texts: Vec<String> = corpus
            .lines()
            .map(|l| parse_line(l).unwrap().text)
            .collect();
        texts.extend(
            [
                "“Hi” — ok…",
                "Ş “ş” ç",
                "привет “мир”",
                "\u{200B}x",
                "😀 “a”",
                "",
            ]
            .map(String::from),
        );
        texts
    }

    /// Option sets that change what `still_non_gsm` and `non_gsm` hold.
    fn settings() -> Vec<Settings> {
        let national = Options {
            national: NationalLanguages::ALL,
            ..Options::default()
        };
        let mut all = Vec::new();
        for opts in [Options::default(), Options::telnyx(), national] {
            for encoding in [
                EncodingRequest::Auto,
                EncodingRequest::Ucs2,
                EncodingRequest::Gsm7,
            ] {
                for smart in [SmartEncoding::Telnyx, SmartEncoding::Off] {
                    all.push(Settings {
                        opts: Options { encoding, ..opts },
                        smart,
                    });
                }
            }
        }
        all.push(Settings {
            opts: Options {
                charset: Charset::TelnyxEuro,
                ..Options::telnyx()
            },
            smart: SmartEncoding::Telnyx,
        });
        all
    }

    #[test]
    fn still_non_gsm_is_the_analysis_list() {
        let (mut shared, mut differ) = (0, 0);
        for s in settings() {
            for text in texts() {
                let Ok(Some(r)) = s.smart_step(&text) else {
                    continue;
                };
                let a = analyze(&r.text, &s.opts).unwrap();
                if s.still_non_gsm_is_non_gsm() {
                    assert_eq!(r.still_non_gsm, a.non_gsm, "{text:?} {:?}", s.opts);
                    shared += usize::from(!a.non_gsm.is_empty());
                } else {
                    differ += usize::from(r.still_non_gsm != a.non_gsm);
                }
            }
        }
        // The check compared real lists, and the exception is real.
        assert!(shared > 1000 && differ > 0, "{shared} {differ}");
    }

    #[test]
    fn smart_json_is_the_librarys() {
        let mut compared = 0;
        for s in settings() {
            for text in texts().iter().step_by(7) {
                let Ok(Some(result)) = s.smart_step(text) else {
                    continue;
                };
                // As text, not as serde_json::Value (whose objects are sorted maps): the
                // field order must be the library's too.
                let want = serde_json::to_string(&result).unwrap();
                let smart = Smart {
                    summary: result.summary(),
                    result,
                    shares_non_gsm: false,
                };
                let json = SmartJson {
                    smart: &smart,
                    still_non_gsm: &smart.result.still_non_gsm,
                };
                assert_eq!(serde_json::to_string(&json).unwrap(), want);
                compared += 1;
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn analyze_output_is_the_same_without_the_second_list() {
        // The output printed from the shared list is the one printed from both lists.
        for s in settings() {
            for text in texts().iter().step_by(11) {
                let (Ok(Some(full)), Ok(Some(smart))) =
                    (s.smart_step(text), s.smart_for_analysis(text))
                else {
                    continue;
                };
                assert_eq!(
                    smart.result.still_non_gsm.is_empty(),
                    smart.shares_non_gsm || full.still_non_gsm.is_empty()
                );
                let sent = full.text.to_string();
                let analysis = analyze(&sent, &s.opts).unwrap();
                let both = Smart {
                    summary: full.summary(),
                    result: full,
                    shares_non_gsm: false,
                };
                assert_eq!(
                    serde_json::to_string(&Output::new(&analysis, Some(&smart))).unwrap(),
                    serde_json::to_string(&Output::new(&analysis, Some(&both))).unwrap()
                );
            }
        }
    }

    #[test]
    fn lone_surrogates_only_where_the_text_has_them() {
        let r = parse_line(r#""a\ud800b""#).unwrap();
        assert_eq!(r.text, "a\u{FFFD}b");
        assert_eq!(r.utf16.as_deref(), Some(&[0x61, 0xD800, 0x62][..]));
        let r = parse_line(r#"{"id": "\udc00", "text": "ok \ud83d\ude00"}"#).unwrap();
        assert_eq!((r.text.as_str(), r.utf16), ("ok 😀", None));
        assert_eq!(r.id.unwrap(), "\u{FFFD}");
        let r = parse_line(r#"{"text": "\udc00x", "lang": "en"}"#).unwrap();
        assert_eq!(r.utf16.as_deref(), Some(&[0xDC00, 0x78][..]));
    }

    #[test]
    fn bad_lines_say_what_was_expected() {
        for (line, says) in [
            (
                r#"{"text": 123}"#,
                "invalid type: integer `123`, expected a string",
            ),
            (r#"{"id": 1}"#, "missing field `text`"),
            ("[1]", "this line starts with '['"),
            (r#""unterminated"#, "EOF while parsing"),
        ] {
            let e = parse_line(line).err().unwrap();
            assert!(e.starts_with(EXPECTED) && e.contains(says), "{line}: {e}");
        }
    }
}
