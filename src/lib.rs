//! sms-preflight: answers every question a sender has before an SMS goes out.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Phone numbers (cargo feature `phone`): E.164 normalization and address classification.
#[cfg(feature = "phone")]
pub mod phone;
