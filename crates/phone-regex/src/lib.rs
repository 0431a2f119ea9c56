//! Selects rlibphonenumber's `regex` engine for sms-preflight's `phone` feature on native
//! targets; it has no code of its own (see this crate's `Cargo.toml` for why it exists).
#![forbid(unsafe_code)]
