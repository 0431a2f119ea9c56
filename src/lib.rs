//! sms-preflight: answers every question a sender has before an SMS goes out.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
