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

    /// Nanoseconds since the Unix epoch (as [`Timestamp::unix_nanos`] gives them back).
    pub fn from_unix_nanos(nanos: i128) -> Self {
        Timestamp { nanos }
    }

    /// Parses an RFC 3339 time (`2026-12-24T09:00:00Z`, `…+01:00`, fractional seconds
    /// allowed).
    ///
    /// It reads exactly what the `time` crate (0.3) reads as `well_known::Rfc3339`, to the
    /// same instant, and refuses the rest with the same reasons: any one byte between the
    /// date and the time, `Z` in either case, up to nanoseconds (further digits are
    /// dropped), offsets up to ±23:59, and a leap second (`:60`) only where one can fall, at
    /// 23:59:60 UTC on the last day of a month, read as 23:59:59.999999999.
    /// `tests/timestamps.rs` compares the two on every kind of input. The `time` crate did
    /// this job before; it was 6.5 KB of the npm package's `full` entry (gzip), more than
    /// anything else the validator uses, for one format.
    ///
    /// ```
    /// use sms_preflight::request::Timestamp;
    /// let t = Timestamp::parse("2026-12-01T00:00:01+00:00")?;
    /// assert_eq!(t, Timestamp::from_unix_seconds(1_796_083_201));
    /// assert!(Timestamp::parse("2026-12-01 00:00").is_err());
    /// # Ok::<(), sms_preflight::request::TimestampError>(())
    /// ```
    pub fn parse(s: &str) -> Result<Self, TimestampError> {
        rfc3339::parse(s.as_bytes())
            .map(|nanos| Timestamp { nanos })
            .map_err(|reason| TimestampError {
                input: s.chars().take(60).collect(),
                reason: reason.to_string(),
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

    /// The time in RFC 3339, UTC (`2026-12-01T00:00:01Z`, `…T00:00:01.5Z`), for years 0000
    /// to 9999; outside them, `… ns after the Unix epoch`.
    pub fn to_rfc3339(self) -> String {
        rfc3339::format(self.nanos)
    }
}

/// RFC 3339 as the `time` crate (0.3) reads and writes it (see [`Timestamp::parse`]).
mod rfc3339 {
    use std::fmt;

    const NANOS: i128 = 1_000_000_000;
    const DAY: i64 = 86_400;

    /// Why a string is not RFC 3339, in the words of the `time` crate's errors.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Bad {
        /// A component is missing or malformed.
        Component(&'static str),
        /// A `-` or `:` is missing.
        Literal,
        /// Something follows the offset.
        Trailing,
        /// A component is out of its range (a 13th month, a 31st of April).
        Range(&'static str),
    }

    impl fmt::Display for Bad {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Bad::Component(name) => write!(f, "the '{name}' component could not be parsed"),
                Bad::Literal => f.write_str("a character literal was not valid"),
                Bad::Trailing => {
                    f.write_str("unexpected trailing characters; the end of input was expected")
                }
                Bad::Range(name) => write!(f, "{name} was not in range"),
            }
        }
    }

    struct Cursor<'a> {
        b: &'a [u8],
        i: usize,
    }

    impl Cursor<'_> {
        fn digit(&mut self) -> Option<u32> {
            let d = self.b.get(self.i).filter(|c| c.is_ascii_digit())?;
            self.i += 1;
            Some(u32::from(d - b'0'))
        }

        /// Exactly `n` digits.
        fn digits(&mut self, n: usize, name: &'static str) -> Result<u32, Bad> {
            let start = self.i;
            let mut v = 0;
            for _ in 0..n {
                match self.digit() {
                    Some(d) => v = v * 10 + d,
                    None => {
                        self.i = start;
                        return Err(Bad::Component(name));
                    }
                }
            }
            Ok(v)
        }

        fn eat(&mut self, c: u8) -> bool {
            let hit = self.b.get(self.i) == Some(&c);
            self.i += usize::from(hit);
            hit
        }

        fn literal(&mut self, c: u8) -> Result<(), Bad> {
            if self.eat(c) {
                Ok(())
            } else {
                Err(Bad::Literal)
            }
        }
    }

    fn is_leap(y: i64) -> bool {
        y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
    }

    fn month_length(y: i64, m: u32) -> u32 {
        match m {
            2 if is_leap(y) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
    /// `days_from_civil`).
    fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = i64::from((m + 9) % 12);
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    fn civil_from_days(days: i64) -> (i64, u32, u32) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (era * 400 + yoe + i64::from(m <= 2), m, d)
    }

    /// Nanoseconds since the Unix epoch, in the order of checks of the `time` crate.
    pub(super) fn parse(b: &[u8]) -> Result<i128, Bad> {
        let mut p = Cursor { b, i: 0 };
        let year = i64::from(p.digits(4, "year")?);
        p.literal(b'-')?;
        let month = p.digits(2, "month")?;
        if month == 0 {
            return Err(Bad::Component("month"));
        }
        p.literal(b'-')?;
        let day = p.digits(2, "day")?;
        // Any one byte separates the date from the time, as in the `time` crate.
        if p.i >= b.len() {
            return Err(Bad::Component("separator"));
        }
        p.i += 1;
        let hour = p.digits(2, "hour")?;
        p.literal(b':')?;
        let minute = p.digits(2, "minute")?;
        p.literal(b':')?;
        let mut second = p.digits(2, "second")?;
        let mut nano = 0;
        if p.eat(b'.') {
            nano = p.digit().ok_or(Bad::Component("subsecond"))? * 100_000_000;
            let mut unit = 10_000_000;
            while let Some(d) = p.digit() {
                nano += d * unit;
                unit /= 10;
            }
        }
        let offset = if p.eat(b'Z') || p.eat(b'z') {
            0
        } else {
            let negative = if p.eat(b'-') {
                true
            } else if p.eat(b'+') {
                false
            } else {
                return Err(Bad::Component("offset hour"));
            };
            let h = p
                .digits(2, "offset hour")
                .ok()
                .filter(|&h| h <= 23)
                .ok_or(Bad::Component("offset hour"))?;
            p.literal(b':')?;
            let m = p.digits(2, "offset minute")?;
            if m > 59 {
                return Err(Bad::Range("offset minute"));
            }
            let secs = i64::from(h * 3_600 + m * 60);
            if negative { -secs } else { secs }
        };
        if p.i != b.len() {
            return Err(Bad::Trailing);
        }
        let leap = second == 60;
        if leap {
            second = 59;
            nano = 999_999_999;
        }
        if month > 12 {
            return Err(Bad::Range("month"));
        }
        if day == 0 || day > month_length(year, month) {
            return Err(Bad::Range("day"));
        }
        for (v, max, name) in [
            (hour, 23, "hour"),
            (minute, 59, "minute"),
            (second, 59, "second"),
        ] {
            if v > max {
                return Err(Bad::Range(name));
            }
        }
        let local = days_from_civil(year, month, day) * DAY
            + i64::from(hour * 3_600 + minute * 60 + second);
        let utc = local - offset;
        if leap {
            // Only 23:59:60 UTC on the last day of a month can be a leap second.
            let (y, m, d) = civil_from_days(utc.div_euclid(DAY));
            if utc.rem_euclid(DAY) != DAY - 1 || d != month_length(y, m) {
                return Err(Bad::Range("second"));
            }
        }
        Ok(i128::from(utc) * NANOS + i128::from(nano))
    }

    /// RFC 3339 in UTC for years 0000 to 9999, as the `time` crate writes it (fractional
    /// seconds only when there are any, without trailing zeros); otherwise the nanoseconds.
    pub(super) fn format(nanos: i128) -> String {
        // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
        const FIRST: i128 = -62_167_219_200;
        const LAST: i128 = 253_402_300_799;
        let secs = nanos.div_euclid(NANOS);
        if !(FIRST..=LAST).contains(&secs) {
            return format!("{} ns after the Unix epoch", signed(nanos));
        }
        let secs = secs as i64; // in range: checked above
        let frac = nanos.rem_euclid(NANOS) as u32; // below 10^9
        let (y, m, d) = civil_from_days(secs.div_euclid(DAY));
        let t = secs.rem_euclid(DAY);
        let mut out = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            t / 3_600,
            t / 60 % 60,
            t % 60
        );
        if frac != 0 {
            let digits = format!(".{frac:09}");
            out.push_str(digits.trim_end_matches('0'));
        }
        out.push('Z');
        out
    }

    /// An `i128` in decimal, without the standard library's 128-bit formatting (1.5 KB of
    /// WebAssembly for this one message).
    fn signed(v: i128) -> String {
        let mut digits = Vec::new();
        let mut u = v.unsigned_abs();
        loop {
            digits.push(b'0' + (u % 10) as u8);
            u /= 10;
            if u == 0 {
                break;
            }
        }
        if v < 0 {
            digits.push(b'-');
        }
        digits.iter().rev().map(|&c| char::from(c)).collect()
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
        // `text.max_parts` is ignored (`Policy::max_parts` is the limit), so it is not
        // checked either: `{"text": {"max_parts": 0}}` is as usable as any other value.
        Options {
            max_parts: None,
            ..self.text
        }
        .validate()?;
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

    /// `text.max_parts` is ignored, so even 0 there leaves the policy usable; the policy's
    /// own `max_parts` must be at least 1.
    #[test]
    fn text_max_parts_is_ignored_by_check() {
        let mut p = Policy::telnyx();
        p.text.max_parts = Some(0);
        assert_eq!(p.check(), Ok(()));
        p.max_parts = 0;
        assert!(p.check().is_err());
    }

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
