//! sms-preflight: answers every question a sender has before an SMS goes out.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Phone numbers: E.164 normalization (libphonenumber-exact) and `to`/`from` address classification.
#[cfg(feature = "phone")]
pub mod phone;
