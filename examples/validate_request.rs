//! Validates one send request (a JSON file, or stdin) and prints the report as JSON:
//! `cargo run --example validate_request -- request.json [RFC3339-now]`.
use std::io::Read;

use sms_preflight::request::{Policy, Timestamp, validate_json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let body = match args.next().as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
        Some(path) => std::fs::read_to_string(path)?,
    };
    let now = match args.next() {
        Some(t) => Timestamp::parse(&t)?,
        None => Timestamp::parse("2026-12-01T12:00:00Z")?,
    };
    let mut policy = Policy::telnyx();
    policy.rate_card = Some(serde_json::from_str(include_str!("rate_card.json"))?);
    let report = validate_json(&body, &policy, now)?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
