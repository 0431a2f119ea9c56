//! Typed errors. Every message says what was wrong and what to do about it.

use std::fmt::Write as _;

use crate::{Charset, NonGsmChar};

/// Everything that can go wrong in the text functions of this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `encoding: gsm7` was requested, but the text has characters outside the charset.
    #[error("{}", not_gsm7_message(*.charset, .chars))]
    NotGsm7 {
        /// The charset the text was checked against.
        charset: Charset,
        /// Every offending character, in text order, with its offsets.
        chars: Vec<NonGsmChar>,
    },
    /// An option was given a value it does not take (from a CLI flag or a JSON field).
    #[error("invalid {option} {value:?}: expected {expected}")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// The value given (at most 40 characters of it).
        value: String,
        /// The values it takes.
        expected: &'static str,
    },
}

impl Error {
    /// A stable, machine-readable name for the error (`not_gsm7`, `invalid_option`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotGsm7 { .. } => "not_gsm7",
            Error::InvalidOption { .. } => "invalid_option",
        }
    }
}

fn not_gsm7_message(charset: Charset, chars: &[NonGsmChar]) -> String {
    const SHOWN: usize = 8;
    let mut m = format!(
        "the text cannot be sent as GSM-7: {} character{} outside {}: ",
        chars.len(),
        if chars.len() == 1 { " is" } else { "s are" },
        charset.describe()
    );
    for (i, c) in chars.iter().take(SHOWN).enumerate() {
        if i > 0 {
            m.push_str(", ");
        }
        let _ = write!(m, "{} at byte {}", c.describe(), c.utf8);
    }
    if chars.len() > SHOWN {
        let _ = write!(m, " and {} more", chars.len() - SHOWN);
    }
    m.push_str(if chars.len() == 1 {
        "; replace or remove it"
    } else {
        "; replace or remove them"
    });
    m.push_str(", or send with encoding auto or ucs2");
    m
}
