//! The limits a request is checked against ([`Policy`]), each with its source, and the
//! caller's clock reading ([`Timestamp`]): the crate reads no clock.

use serde::{Deserialize, Serialize};

use crate::cost::RateCard;
use crate::{Charset, Options, SmartEncoding};

/// A point in time, as the caller passes `now` (the crate reads no clock), and as `send_at`
/// is read. Nanoseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    nanos: i128,
}

/// Why a time string is not RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not an RFC 3339 time ({reason}); write it as 2026-12-24T09:00:00Z or 2026-12-24T10:00:00+01:00"
)]
pub struct TimestampError {
    /// The input (at most 60 characters of it).
    pub input: String,
    /// What the parser found wrong.
    pub reason: String,
}

impl Timestamp {
    /// Seconds since the Unix epoch (as `Date.now() / 1000` or `SystemTime` give).
    pub fn from_unix_seconds(secs: i64) -> Self {
        Timestamp {
            nanos: i128::from(secs) * 1_000_000_000,
        }
    }

    /// Milliseconds since the Unix epoch (JavaScript's `Date.now()`).
    pub fn from_unix_millis(ms: i64) -> Self {
        Timestamp {
            nanos: i128::from(ms) * 1_000_000,
        }
    }

    /// Parses an RFC 3339 time (`2026-12-24T09:00:00Z`, `…+01:00`, fractional seconds
    /// allowed), with the `time` crate.
    ///
    /// ```
    /// use sms_preflight::request::Timestamp;
    /// let t = Timestamp::parse("2026-12-01T00:00:01+00:00")?;
    /// assert_eq!(t, Timestamp::from_unix_seconds(1_796_083_201));
    /// assert!(Timestamp::parse("2026-12-01 00:00").is_err());
    /// # Ok::<(), sms_preflight::request::TimestampError>(())
    /// ```
    pub fn parse(s: &str) -> Result<Self, TimestampError> {
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .map(|t| Timestamp {
                nanos: t.unix_timestamp_nanos(),
            })
            .map_err(|e| TimestampError {
                input: s.chars().take(60).collect(),
                reason: e.to_string(),
            })
    }

    /// Whole seconds since the Unix epoch (rounded towards minus infinity).
    pub fn unix_seconds(self) -> i64 {
        let s = self.nanos.div_euclid(1_000_000_000);
        i64::try_from(s).unwrap_or(if s < 0 { i64::MIN } else { i64::MAX })
    }

    /// Nanoseconds since the Unix epoch.
    pub fn unix_nanos(self) -> i128 {
        self.nanos
    }

    /// The time in RFC 3339, UTC (`2026-12-01T00:00:01Z`).
    pub fn to_rfc3339(self) -> String {
        time::OffsetDateTime::from_unix_timestamp_nanos(self.nanos)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| format!("{} ns after the Unix epoch", self.nanos))
    }
}

/// Everything a request is checked against: the account's profile settings, the provider's
/// limits and, optionally, a rate card. [`Policy::telnyx`] gives Telnyx's documented limits;
/// every field can be changed (`let mut p = Policy::telnyx(); p.max_parts = 6;`), and serde
/// reads a partial policy from JSON, the other fields keeping Telnyx's values.
///
/// Where a source is CONTESTED (standards.md §5), the policy holds both readings: the check
/// errs only when the request breaks the lenient one, and warns, giving both figures, when it
/// breaks only the strict one. That keeps the validator from refusing a request the API
/// would take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// The text options the parts are billed on: Telnyx's charset without `€` (the
    /// conservative reading of §3.4), the 8-bit concatenation reference (§3.3: "6 bytes are
    /// reserved"), grapheme splitting. `max_parts` here is ignored; see [`Policy::max_parts`].
    pub text: Options,
    /// The most generous reading of the provider's GSM-7 set, for the second figure when
    /// the readings differ: the full 3GPP set (`Standard`), as Telnyx's own detection
    /// snippets use it (§3.4, CONTESTED). An error on length needs both readings to agree.
    pub lenient_charset: Charset,
    /// Most parts an SMS may take: 10 (§3.3; error 40302).
    pub max_parts: u32,
    /// With `auto_detect: true`, more parts than this earn 40328. Telnyx publishes no
    /// figure (§3.5); the default 4 follows its device note ("keep messages under 3-4
    /// segments", §3.3).
    pub auto_detect_max_parts: u32,
    /// Whether 40328 is an error (`true`) or a warning (`false`, the default: the threshold
    /// is not published, and an error must mean the API surely refuses).
    pub auto_detect_is_error: bool,
    /// Warn above this many characters (Unicode scalar values): 1,600, the figure of Telnyx's
    /// quickstart (error 42202, CONTESTED §3.5; it is Twilio's limit, and 10 parts are
    /// 1,530 septets or 670 UTF-16 units).
    pub length_warning_chars: usize,
    /// The profile's smart encoding setting (`smart_encoding`, default false: §3.2).
    pub smart_encoding: SmartEncoding,
    /// Most media in an MMS: 10 (error 40317, §3.8).
    pub max_media: usize,
    /// MMS total size, strict reading: under 1,000,000 bytes (§3.8: "less than 1 MB", unit
    /// not given, CONTESTED). Totals at or above this but under [`Policy::max_media_bytes_lenient`]
    /// get a warning.
    pub max_media_bytes: u64,
    /// MMS total size, lenient reading: under 1,048,576 bytes (2^20). At or above it: 40317.
    pub max_media_bytes_lenient: u64,
    /// Longest URL (media and webhooks): 2,000 characters (error 10003).
    pub max_url_chars: usize,
    /// Most recipients of a group MMS: 8 (Telnyx SDK 7.24.0, `MessageSendGroupMmsParams`).
    pub max_group_recipients: usize,
    /// Destinations an alphanumeric sender ID cannot reach: US, CA, PR (§3.6).
    pub alphanumeric_blocked_regions: Vec<String>,
    /// Whether the profile has `us_long_code_fallback` (§3.6): then an alphanumeric sender
    /// towards US/CA/PR is replaced by a long code instead of refused, and the check warns.
    pub us_long_code_fallback: bool,
    /// Where MMS can be delivered: US and CA (§3.8, help center). Elsewhere: a warning.
    pub mms_regions: Vec<String>,
    /// The region for numbers written without a country code, used only to suggest the
    /// E.164 form in an error's detail (the API itself wants +E.164).
    pub default_region: Option<String>,
    /// Prices, for `cost` and `cost_breakdown` in the report.
    pub rate_card: Option<RateCard>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::telnyx()
    }
}

impl Policy {
    /// Telnyx's limits, as standards.md §3 gives them (each field says where from).
    pub fn telnyx() -> Self {
        Policy {
            text: Options {
                max_parts: None,
                ..Options::telnyx()
            },
            lenient_charset: Charset::Standard,
            max_parts: 10,
            auto_detect_max_parts: 4,
            auto_detect_is_error: false,
            length_warning_chars: 1_600,
            smart_encoding: SmartEncoding::Off,
            max_media: 10,
            max_media_bytes: 1_000_000,
            max_media_bytes_lenient: 1_048_576,
            max_url_chars: 2_000,
            max_group_recipients: 8,
            alphanumeric_blocked_regions: vec!["US".into(), "CA".into(), "PR".into()],
            us_long_code_fallback: false,
            mms_regions: vec!["US".into(), "CA".into()],
            default_region: None,
            rate_card: None,
        }
    }

    /// Checks that the policy is usable: a positive part limit, lenient figures no stricter
    /// than the strict ones, and valid text options.
    pub fn check(&self) -> Result<(), crate::Error> {
        self.text.validate()?;
        let bad = |reason: String| Err(crate::Error::ConflictingOptions { reason });
        if self.max_parts == 0 {
            return bad("max_parts must be at least 1".into());
        }
        if self.max_media_bytes_lenient < self.max_media_bytes {
            return bad(format!(
                "max_media_bytes_lenient ({}) must be at least max_media_bytes ({})",
                self.max_media_bytes_lenient, self.max_media_bytes
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let t = Timestamp::parse("1970-01-01T00:00:01.5Z").unwrap();
        assert_eq!(t.unix_nanos(), 1_500_000_000);
        assert_eq!(t.unix_seconds(), 1);
        assert_eq!(
            Timestamp::parse("2026-12-01T01:00:00+01:00").unwrap(),
            Timestamp::parse("2026-12-01T00:00:00Z").unwrap()
        );
        assert_eq!(
            Timestamp::from_unix_millis(1500).unix_nanos(),
            1_500_000_000
        );
        assert_eq!(
            Timestamp::from_unix_seconds(1_796_083_201).to_rfc3339(),
            "2026-12-01T00:00:01Z"
        );
        for bad in [
            "",
            "2026-13-01T00:00:00Z",
            "2026-12-01",
            "tomorrow",
            "2026-12-01T00:00:00",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn policy_json_round_trip_and_check() {
        let p = Policy::telnyx();
        let json = serde_json::to_string(&p).unwrap();
        let back: Policy = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        let partial: Policy = serde_json::from_str(r#"{"max_parts": 6}"#).unwrap();
        assert_eq!((partial.max_parts, partial.max_media), (6, 10));
        assert!(serde_json::from_str::<Policy>(r#"{"max_part": 6}"#).is_err());
        assert!(
            Policy {
                max_parts: 0,
                ..Policy::telnyx()
            }
            .check()
            .is_err()
        );
        assert!(Policy::telnyx().check().is_ok());
    }
}
