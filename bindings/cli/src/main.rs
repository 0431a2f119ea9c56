//! `sms-preflight` command-line front end.
//!
//! (Minimal on the `phone` branch: only the `phone` subcommand. The merge adds
//! `Phone(phone::PhoneArgs)` to the full command set.)

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod phone;

#[derive(Parser)]
#[command(
    name = "sms-preflight",
    version,
    about = "Pre-flight checks for SMS/MMS"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Normalize a phone number to E.164 and classify an address.
    Phone(phone::PhoneArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Phone(args) => phone::run(&args),
    }
}
