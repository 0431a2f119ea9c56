//! `sms-preflight` command-line front end.
fn main() {}
