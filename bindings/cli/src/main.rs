//! `sms-preflight`: the command-line front end of the sms-preflight crate.
//!
//! A thin layer: it parses flags into [`sms_preflight::Options`], reads input, calls the
//! library and streams what it returns to stdout. Exit status of one message: 0 on success,
//! 1 when the library rejects the text (for example `--encoding gsm7` on an emoji), 2 on bad
//! input or usage. A `--jsonl` batch answers every line (errors are data) and exits 0, or 1
//! with `--fail-on-error` when a line was answered with an error, or 2 on an I/O failure.

mod analyze;
mod decode;
mod encode;
mod jsonl;
mod phone;
mod text_args;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `--version`: the version and the phone engine compiled in (the `phone-lite` and `phone`
/// features of this crate choose it).
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{} (phone engine: {})",
        env!("CARGO_PKG_VERSION"),
        sms_preflight::phone::ENGINE
    )
});

/// Pre-flight checks for SMS: encoding, parts and their boundaries, exactly per 3GPP TS 23.038/23.040.
#[derive(Parser)]
#[command(name = "sms-preflight", version = VERSION.as_str(), about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze a message: encoding, units, parts, each part's boundaries, non-GSM characters.
    Analyze(analyze::MessageArgs),
    /// The summary of a message: encoding, units, parts, remaining room and characters.
    /// Takes every option of `analyze`.
    Count(analyze::MessageArgs),
    /// Encode a message: each segment's TP-User-Data (UDH and user data) as hex.
    Encode(encode::EncodeArgs),
    /// Decode one segment's TP-User-Data: its text and header elements.
    Decode(decode::DecodeArgs),
    /// Normalize a phone number to E.164, validate it and classify the address.
    Phone(phone::PhoneArgs),
    /// Check a whole send request offline: the API's errors and warnings, parts and cost.
    Validate(validate::ValidateArgs),
}

/// Writes a whole answer to stdout; a closed stdout (`| head`) is not an error.
pub(crate) fn print(out: &str) -> Result<(), Failure> {
    use std::io::Write;
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

/// A failure the CLI reports on stderr, with its exit status.
pub(crate) enum Failure {
    /// The library rejected the text (exit 1).
    Rejected(String),
    /// The input or the flags were unusable (exit 2).
    BadInput(String),
}

/// The outcome of a batch that answered every line: an error only with `--fail-on-error`
/// and at least one line answered with an error.
pub(crate) fn batch_exit(batch: &jsonl::BatchArgs, totals: jsonl::Totals) -> Result<(), Failure> {
    if batch.fail_on_error && totals.failed > 0 {
        return Err(Failure::Rejected(format!(
            "{} of {} lines answered with an error (--fail-on-error)",
            totals.failed, totals.lines
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Analyze(args) => analyze::run(args, analyze::Mode::Analyze),
        Command::Count(args) => analyze::run(args, analyze::Mode::Count),
        Command::Encode(args) => encode::run(args),
        Command::Decode(args) => decode::run(args),
        // The phone subcommand reports its own errors and picks its exit status.
        Command::Phone(args) => return phone::run(args),
        Command::Validate(args) => return validate::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Rejected(msg)) => {
            eprintln!("sms-preflight: {msg}");
            ExitCode::from(1)
        }
        Err(Failure::BadInput(msg)) => {
            eprintln!("sms-preflight: {msg}");
            ExitCode::from(2)
        }
    }
}
