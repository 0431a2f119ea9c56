//! `sms-preflight phone`: normalize and classify phone numbers.
//!
//! * `sms-preflight phone INPUT [--region US] [--json]`: one number, as a
//!   readable report (default) or one JSON object.
//! * `sms-preflight phone --jsonl FILE [--region US]` (`-` for stdin): one JSON
//!   request a line, `{"input": "...", "region": "US" | null}`; one JSON result
//!   a line, in the same order.
//!
//! Exit codes: 0 when the number (single mode) parsed or is a valid address,
//! or when every batch line was answered (per-line errors are data, not
//! failures); 1 when the single number was refused; 2 for I/O errors.

use std::io::{self, Write};
use std::process::ExitCode;

use serde_json::{Map, Value, json};
use sms_preflight::phone::{Address, AddressError, PhoneError, normalize};

/// Arguments of the `phone` subcommand.
#[derive(Debug, clap::Args)]
#[command(
    about = "Normalize a phone number to E.164 and classify an address",
    after_help = "Batch mode reads one JSON object a line, {\"input\": \"...\", \"region\": \"US\" | null}, \
and writes one JSON result a line in the same order (every input line, blank or malformed ones included, \
gets exactly one output line). A line without a region (or with null) uses --region if given. \
Malformed lines get {\"line\": N, \"error\": {\"kind\": \"bad_request\", ...}} and processing goes on."
)]
pub struct PhoneArgs {
    /// The number, in any shape: "+1 (415) 555-2671", "020 7946 0958", "tel:+44-20-7946-0958;ext=12"…
    #[arg(
        allow_hyphen_values = true,
        required_unless_present = "jsonl",
        conflicts_with = "jsonl"
    )]
    pub input: Option<String>,

    /// Default region (ISO 3166 alpha-2, e.g. US, GB) for numbers written without a country code.
    #[arg(long, short)]
    pub region: Option<String>,

    /// Print one JSON object instead of the readable report.
    #[arg(long)]
    pub json: bool,

    /// Batch mode: JSON Lines requests from FILE ("-" for stdin), JSON Lines results on stdout.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<String>,

    #[command(flatten)]
    pub batch: crate::jsonl::BatchArgs,
}

/// Runs the `phone` subcommand.
pub fn run(args: &PhoneArgs) -> ExitCode {
    match (&args.jsonl, &args.input) {
        (Some(path), _) => run_batch(path, args.region.as_deref(), &args.batch),
        (None, Some(input)) => run_single(input, args.region.as_deref(), args.json),
        (None, None) => {
            eprintln!("sms-preflight phone: give a number, or --jsonl FILE");
            ExitCode::from(2)
        }
    }
}

/// The JSON result for one number: the number's fields, or `error`. Every field the
/// output has (`is_valid`, `type`, `region`) needs the engine's validation, so it always
/// runs; but the number an E.164 `address` already holds is reused, not parsed again.
fn result_json(
    input: &str,
    region: Option<&str>,
    address: &Result<Address, AddressError>,
) -> (Value, bool) {
    let mut obj = Map::new();
    obj.insert("input".into(), input.into());
    obj.insert("default_region".into(), region.into());
    let mut fields = |n: &sms_preflight::phone::PhoneNumber| {
        if let Ok(Value::Object(fields)) = serde_json::to_value(n) {
            obj.extend(fields);
        }
    };
    let ok = match address {
        // classify_with_region normalized `input` with `region` to get this number.
        Ok(Address::E164 { number, .. }) => {
            fields(number);
            true
        }
        _ => match normalize(input, region) {
            Ok(n) => {
                fields(&n);
                true
            }
            Err(e) => {
                obj.insert("error".into(), error_json(&e));
                false
            }
        },
    };
    (Value::Object(obj), ok)
}

fn error_json(e: &PhoneError) -> Value {
    serde_json::to_value(e).unwrap_or_else(|_| json!({"kind": e.kind(), "message": e.to_string()}))
}

fn run_single(input: &str, region: Option<&str>, as_json: bool) -> ExitCode {
    let address = Address::classify_with_region(input, region);
    let (mut value, parsed) = result_json(input, region, &address);
    let ok = parsed || address.is_ok();
    let mut out = io::stdout().lock();
    let written = if as_json {
        if let Value::Object(obj) = &mut value {
            obj.insert("address".into(), address_json(&address));
        }
        writeln!(out, "{value}")
    } else {
        write_report(&mut out, input, region, &value, &address)
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn write_report(
    out: &mut impl Write,
    input: &str,
    region: Option<&str>,
    v: &Value,
    address: &Result<Address, AddressError>,
) -> io::Result<()> {
    let s = |key: &str| match &v[key] {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let yes_no = |key: &str| {
        if v[key] == Value::Bool(true) {
            "yes"
        } else {
            "no"
        }
    };
    writeln!(out, "Input:            {input}")?;
    writeln!(out, "Default region:   {}", region.unwrap_or("-"))?;
    let not_a_phone = matches!(
        address,
        Ok(Address::ShortCode { .. } | Address::AlphanumericSenderId { .. })
    );
    if let Some(err) = v.get("error") {
        if not_a_phone {
            writeln!(out, "Phone number:     none")?;
        } else {
            let message = err["message"].as_str().unwrap_or("");
            writeln!(out, "Error:            {message}")?;
            let code = match &err["telnyx_code"] {
                Value::Number(n) => format!(", Telnyx error {n}"),
                _ => String::new(),
            };
            writeln!(
                out,
                "Error kind:       {}{code}",
                err["kind"].as_str().unwrap_or("")
            )?;
        }
    } else {
        writeln!(out, "E.164:            {}", s("e164"))?;
        writeln!(out, "Country code:     {}", s("country_code"))?;
        writeln!(out, "National number:  {}", s("national_number"))?;
        writeln!(out, "Extension:        {}", s("extension"))?;
        writeln!(out, "Region:           {}", s("region"))?;
        writeln!(out, "Type:             {}", s("type").replace('_', " "))?;
        let reason = match s("possible_reason").as_str() {
            "is_possible" => String::new(),
            "is_possible_local_only" => " (local only)".to_owned(),
            other => format!(" ({})", other.replace('_', " ")),
        };
        writeln!(out, "Possible:         {}{reason}", yes_no("is_possible"))?;
        writeln!(out, "Valid:            {}", yes_no("is_valid"))?;
    }
    match address {
        Ok(Address::E164 { number, canonical }) => {
            if *canonical {
                writeln!(out, "Address:          E.164 number, ready to send")?;
            } else {
                writeln!(
                    out,
                    "Address:          E.164 number; send it as {}",
                    number.e164()
                )?;
            }
        }
        Ok(Address::ShortCode { code }) => {
            writeln!(out, "Address:          short code {code}")?;
        }
        Ok(Address::AlphanumericSenderId { id }) => {
            writeln!(
                out,
                "Address:          alphanumeric sender ID {id:?} (from only, SMS only)"
            )?;
        }
        Err(e) => writeln!(out, "Address:          not usable as to/from: {e}")?,
    }
    Ok(())
}

/// One batch request line.
#[derive(serde::Deserialize)]
struct Request {
    input: String,
    #[serde(default)]
    region: Option<String>,
}

fn run_batch(
    path: &str,
    fallback_region: Option<&str>,
    batch: &crate::jsonl::BatchArgs,
) -> ExitCode {
    let totals = match crate::jsonl::run(path, batch.jobs(), |line, json| {
        answer(line, json, fallback_region)
    }) {
        Ok(totals) => totals,
        Err(e) => {
            eprintln!("sms-preflight phone: {e}");
            return ExitCode::from(2);
        }
    };
    match crate::batch_exit(batch, totals) {
        Ok(()) => ExitCode::SUCCESS,
        Err(crate::Failure::Rejected(msg) | crate::Failure::BadInput(msg)) => {
            eprintln!("sms-preflight phone: {msg}");
            ExitCode::from(1)
        }
    }
}

/// The `address` object of a result: the kind and the value to send, or why the input is
/// not usable as `to`/`from`.
fn address_json(address: &Result<Address, AddressError>) -> Value {
    match address {
        Ok(a) => json!({"kind": a.kind(), "value": a.api_value()}),
        Err(e) => json!({"error": e}),
    }
}

/// Answers one batch line: the result object (with its `address`, as `--json` gives it), or
/// why the line is not a request. A line whose number does not parse and is not a short code
/// or sender ID either counts as failed for `--fail-on-error`.
fn answer(
    line: &str,
    json: &mut Vec<u8>,
    fallback_region: Option<&str>,
) -> Result<crate::jsonl::Answer, String> {
    let req = parse_request(line)?;
    let region = req.region.as_deref().or(fallback_region);
    let address = Address::classify_with_region(&req.input, region);
    let (mut value, parsed) = result_json(&req.input, region, &address);
    let ok = parsed || address.is_ok();
    if let Value::Object(obj) = &mut value {
        obj.insert("address".into(), address_json(&address));
    }
    serde_json::to_writer(json, &value).map_err(|e| format!("cannot write the answer: {e}"))?;
    Ok(if ok {
        crate::jsonl::Answer::Ok
    } else {
        crate::jsonl::Answer::Failed
    })
}

fn parse_request(line: &str) -> Result<Request, String> {
    serde_json::from_str(line.trim())
        .map_err(|e| format!("expected {{\"input\": \"...\", \"region\": \"US\" | null}}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_lines(input: &str, region: Option<&str>) -> Vec<Value> {
        let mut out = Vec::new();
        crate::jsonl::answer_lines(input.as_bytes(), &mut out, 2, &|line, json| {
            answer(line, json, region)
        })
        .unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn batch_answers_every_line_in_order() {
        let input = concat!(
            "{\"input\": \"+44 20 7946 0958\", \"region\": null}\n",
            "{\"input\": \"(650) 253-0000\", \"region\": \"US\"}\n",
            "not json\n",
            "\n",
            "{\"input\": \"4155552671\"}\n",
            "{\"input\": 42}\n",
            "{\"input\": \"020 7946 0958\"}",
        );
        let out = run_lines(input, Some("GB"));
        assert_eq!(out.len(), 7);
        assert_eq!(out[0]["e164"], "+442079460958");
        assert_eq!(out[0]["type"], "fixed_line");
        assert_eq!(out[0]["region"], "GB");
        assert_eq!(out[0]["country_code"], 44);
        assert_eq!(out[0]["is_valid"], true);
        assert_eq!(out[1]["e164"], "+16502530000");
        assert_eq!(out[2]["error"]["kind"], "bad_request");
        assert_eq!(out[2]["line"], 3);
        assert_eq!(out[3]["error"]["kind"], "bad_request");
        // No region in the line: --region (GB) applies.
        assert_eq!(out[4]["e164"], "+444155552671");
        assert_eq!(out[5]["error"]["kind"], "bad_request");
        assert_eq!(out[6]["e164"], "+442079460958");
    }

    #[test]
    fn batch_reports_phone_errors() {
        let out = run_lines("{\"input\": \"4155552671\", \"region\": null}\n", None);
        assert_eq!(out[0]["error"]["kind"], "missing_country_code");
        assert!(
            out[0]["error"]["message"]
                .as_str()
                .unwrap()
                .contains("add the country code, e.g. +1 415 555 2671, or pass a default region")
        );
        let out = run_lines("{\"input\": \"123\", \"region\": \"XX\"}\n", None);
        assert_eq!(out[0]["error"]["kind"], "unsupported_region");
    }

    #[test]
    fn batch_survives_invalid_utf8() {
        let mut out = Vec::new();
        crate::jsonl::answer_lines(
            &b"\xff\xfe\n{\"input\": \"+16502530000\"}\n"[..],
            &mut out,
            1,
            &|line, json| answer(line, json, None),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains("bad_request"));
        assert!(lines[1].contains("+16502530000"));
    }

    #[test]
    fn report_mentions_fix() {
        let (v, ok) = result_json("4155552671", None, &Address::classify("4155552671"));
        assert!(!ok);
        let mut out = Vec::new();
        write_report(
            &mut out,
            "4155552671",
            None,
            &v,
            &Address::classify("4155552671"),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("add the country code, e.g. +1 415 555 2671"),
            "{text}"
        );
        assert!(text.contains("Telnyx error 10016"), "{text}");
    }
}
