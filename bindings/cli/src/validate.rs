//! `sms-preflight validate`: checks a send request offline, as Telnyx's `POST /v2/messages`
//! would, with the library's [`validate_json`].
//!
//! * `sms-preflight validate REQUEST.json|-`: a readable verdict (each error and warning with
//!   its code and pointer, the parts, the cost), or `--json`: the library's `Report`.
//! * `sms-preflight validate --jsonl FILE|-`: one request a line, one report a line, in order.
//!
//! Exit codes: single request 0 valid, 1 invalid, 2 usage or input error (unreadable file,
//! malformed JSON, bad `--rates`/`--now`); batch 0 when every line was answered (an invalid
//! request or a malformed line is an answer; with `--fail-on-error` they make it 1), 2 on
//! I/O errors. `--jobs N` as in every batch mode.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use sms_preflight::cost::RateCard;
use sms_preflight::request::{
    AddressReport, ApiError, Endpoint, Policy, Report, Timestamp, validate_json_for,
};

/// Arguments of the `validate` subcommand.
#[derive(Debug, clap::Args)]
#[command(
    about = "Check a whole send request (JSON body of POST /v2/messages) offline: the API's errors, parts and cost",
    after_help = "Errors have Telnyx's codes and titles; warnings say what a CONTESTED source leaves open \
(advisory codes P1xx are this tool's own). Batch mode (--jsonl) writes one report a line; a line that is \
not a request gets {\"line\": N, \"error\": {\"kind\": \"bad_request\", \"message\": \"10015 Bad Request: ...\"}}."
)]
pub struct ValidateArgs {
    /// The request body: a JSON file, or "-" for stdin.
    #[arg(required_unless_present = "jsonl", conflicts_with = "jsonl")]
    pub request: Option<String>,

    /// A rate card (JSON, or TOML when the file ends in .toml) for `cost` and `cost_breakdown`.
    #[arg(long, value_name = "CARD")]
    pub rates: Option<String>,

    /// The time to check `send_at` against, RFC 3339 (default: the system clock).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,

    /// Default region (ISO 3166 alpha-2) used to suggest the E.164 form of numbers written without a country code.
    #[arg(long, short)]
    pub region: Option<String>,

    /// The endpoint the body is for: send (POST /v2/messages), long_code, number_pool, short_code, group_mms, schedule, alphanumeric_sender.
    #[arg(long, default_value = "send")]
    pub endpoint: String,

    /// A policy file (JSON: any fields of the library's Policy, the rest as Telnyx's), such as {"max_parts": 6}.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<String>,

    /// Print the report as one JSON object instead of the readable verdict.
    #[arg(long)]
    pub json: bool,

    /// Batch mode: one JSON request a line from FILE ("-" for stdin), one JSON report a line on stdout.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<String>,

    #[command(flatten)]
    pub batch: crate::jsonl::BatchArgs,
}

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn load_policy(args: &ValidateArgs) -> Result<Policy, String> {
    let mut policy = match &args.policy {
        Some(path) => {
            serde_json::from_str(&read(path)?).map_err(|e| format!("{path}: not a policy: {e}"))?
        }
        None => Policy::telnyx(),
    };
    policy
        .check()
        .map_err(|e| format!("the policy is not usable: {e}"))?;
    if let Some(path) = &args.rates {
        let text = read(path)?;
        let card: RateCard = if path.ends_with(".toml") {
            toml::from_str(&text).map_err(|e| format!("{path}: not a rate card: {e}"))?
        } else {
            serde_json::from_str(&text).map_err(|e| format!("{path}: not a rate card: {e}"))?
        };
        policy.rate_card = Some(card);
    }
    if let Some(r) = &args.region {
        policy.default_region = Some(r.to_ascii_uppercase());
    }
    Ok(policy)
}

fn load_now(args: &ValidateArgs) -> Result<Timestamp, String> {
    match &args.now {
        Some(s) => Timestamp::parse(s).map_err(|e| format!("--now: {e}")),
        None => {
            // The library reads no clock; the CLI passes the system's.
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            Ok(Timestamp::from_unix_millis(secs))
        }
    }
}

/// Parses and validates one body; parse warnings come first.
fn check(
    body: &str,
    endpoint: Endpoint,
    policy: &Policy,
    now: Timestamp,
) -> Result<Report, ApiError> {
    validate_json_for(body, endpoint, policy, now).map_err(|e| e.api_error())
}

/// Runs the `validate` subcommand.
pub fn run(args: &ValidateArgs) -> ExitCode {
    let setup = (|| {
        let endpoint: Endpoint = args
            .endpoint
            .parse()
            .map_err(|e| format!("--endpoint: {e}"))?;
        Ok::<_, String>((endpoint, load_policy(args)?, load_now(args)?))
    })();
    let (endpoint, policy, now) = match setup {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("sms-preflight validate: {msg}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &args.jsonl {
        // An invalid request or a malformed line counts as failed for --fail-on-error.
        let result = crate::jsonl::run(path, args.batch.jobs(), |line, out| {
            use crate::jsonl::Answer;
            match check(line, endpoint, &policy, now) {
                Ok(report) => serde_json::to_writer(out, &report)
                    .map(|()| {
                        if report.valid {
                            Answer::Ok
                        } else {
                            Answer::Failed
                        }
                    })
                    .map_err(|e| e.to_string()),
                // The driver writes {"line": N, "error": {"kind": "bad_request", "message"}}.
                Err(e) => Err(format!("10015 Bad Request: {}", e.detail)),
            }
        });
        return match result.map(|totals| crate::batch_exit(&args.batch, totals)) {
            Ok(Ok(())) => ExitCode::SUCCESS,
            Ok(Err(crate::Failure::Rejected(msg) | crate::Failure::BadInput(msg))) => {
                eprintln!("sms-preflight validate: {msg}");
                ExitCode::from(1)
            }
            Err(msg) => {
                eprintln!("sms-preflight validate: {msg}");
                ExitCode::from(2)
            }
        };
    }
    let path = args.request.as_deref().unwrap_or("-");
    let body = match read(path) {
        Ok(b) => b,
        Err(msg) => {
            eprintln!("sms-preflight validate: {msg}");
            return ExitCode::from(2);
        }
    };
    let report = match check(&body, endpoint, &policy, now) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sms-preflight validate: {path}: {}", e.detail);
            return ExitCode::from(2);
        }
    };
    let mut out = io::stdout().lock();
    let written = if args.json {
        serde_json::to_writer(&mut out, &report)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        write_verdict(&mut out, &report)
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn address_line(a: &AddressReport) -> String {
    let mut s = a.input.clone();
    let mut notes: Vec<String> = Vec::new();
    match a.kind {
        Some("e164") => notes.push("E.164".into()),
        Some("short_code") => notes.push("short code".into()),
        Some("alphanumeric_sender_id") => notes.push("alphanumeric sender ID".into()),
        _ => notes.push("not an address".into()),
    }
    if let Some(r) = &a.region {
        notes.push(r.clone());
    }
    if let Some(t) = a.number_type {
        notes.push(t.replace('_', " "));
    }
    if a.valid == Some(false) {
        notes.push("not valid in libphonenumber's metadata".into());
    }
    s.push_str(&format!(" ({})", notes.join(", ")));
    s
}

fn write_verdict(out: &mut impl Write, r: &Report) -> io::Result<()> {
    let verdict = if r.valid { "VALID" } else { "INVALID" };
    writeln!(
        out,
        "verdict     {verdict}: {}, {}",
        plural(r.errors.len(), "error", "errors"),
        plural(r.warnings.len(), "warning", "warnings")
    )?;
    match r.encoding {
        Some(enc) => writeln!(
            out,
            "message     {}, {}, {} ({} {}), {}{}",
            r.message_type.as_str(),
            enc.name(),
            plural(r.parts, "part", "parts"),
            r.units,
            enc.unit_name(),
            plural(r.num_chars, "character", "characters"),
            if r.smart_encoding_applied {
                ", smart encoding applied"
            } else {
                ""
            }
        )?,
        None => writeln!(
            out,
            "message     {}, 1 message (not split), {}",
            r.message_type.as_str(),
            plural(r.num_chars, "character", "characters")
        )?,
    }
    if let Some(l) = &r.lenient {
        writeln!(
            out,
            "lenient     {}, {} ({} {}) if Telnyx reads the text more generously",
            l.encoding.name(),
            plural(l.parts, "part", "parts"),
            l.units,
            l.encoding.unit_name()
        )?;
    }
    if let (Some(cost), Some(b)) = (&r.cost, &r.cost_breakdown) {
        writeln!(
            out,
            "cost        {} {} (rate {}, carrier fee {})",
            cost.amount, cost.currency, b.rate.amount, b.carrier_fee.amount
        )?;
    }
    if let Some(f) = &r.from {
        writeln!(out, "from        {}", address_line(f))?;
    }
    for t in &r.to {
        writeln!(out, "to          {}", address_line(t))?;
    }
    for (label, list) in [("error", &r.errors), ("warning", &r.warnings)] {
        for e in list {
            writeln!(out)?;
            let at = e.pointer().map(|p| format!(" at {p}")).unwrap_or_default();
            writeln!(out, "{label:<8}{} {}{at}", e.code, e.title)?;
            writeln!(out, "        {}", e.detail)?;
        }
    }
    Ok(())
}
