//! What a request will cost: a caller's [`RateCard`] and [`estimate`], in exact decimals.
//!
//! Telnyx bills an SMS per part and an MMS per message (standards.md §3.9), and its response
//! carries `cost {amount, currency}` and `cost_breakdown {rate, carrier_fee}`, each amount a
//! decimal string. This module computes the same figures before sending: per recipient,
//! `parts × (rate + carrier_fee)` for SMS and `rate + carrier_fee` for MMS, summed over the
//! recipients. Money is [`rust_decimal::Decimal`] (96-bit integer and a scale, so
//! `0.00205 + 0.00305` is exactly `0.0051`), never `f64`, and is written as a decimal
//! string.
//!
//! The crate ships no price list (prices change); `examples/rate_card.json` is a sample.
//!
//! ```
//! use sms_preflight::cost::{estimate, RateCard};
//! use sms_preflight::request::MessageRequest;
//!
//! let card: RateCard = serde_json::from_str(r#"{"entries": [
//!     {"country": "US", "sender": "long_code", "type": "SMS",
//!      "rate": "0.00205", "carrier_fee": "0.00305", "currency": "USD"}]}"#).unwrap();
//! let req = MessageRequest::from_json(
//!     r#"{"from": "+12025550123", "to": "+14155552671", "text": "Hello"}"#)?.request;
//! let e = estimate(&req, &card)?;
//! assert_eq!(e.cost.amount.to_string(), "0.0051");
//! assert_eq!(e.cost_breakdown.rate.amount.to_string(), "0.00205");
//! assert_eq!(serde_json::to_value(&e.cost).unwrap(),
//!            serde_json::json!({"amount": "0.0051", "currency": "USD"}));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::quoted;
use crate::phone::{Address, NumberType};
use crate::request::{MessageRequest, MessageType, Policy};

/// The kind of sender a price applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SenderType {
    /// A local or mobile number (10DLC in the US).
    LongCode,
    /// A toll-free number.
    TollFree,
    /// A 5–6 digit short code.
    ShortCode,
    /// An alphanumeric sender ID.
    Alphanumeric,
}

impl SenderType {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SenderType::LongCode => "long_code",
            SenderType::TollFree => "toll_free",
            SenderType::ShortCode => "short_code",
            SenderType::Alphanumeric => "alphanumeric",
        }
    }

    /// The sender type of a classified `from` address.
    pub fn of(address: &Address) -> SenderType {
        match address {
            Address::E164 { number, .. } if number.number_type() == NumberType::TollFree => {
                SenderType::TollFree
            }
            Address::E164 { .. } => SenderType::LongCode,
            Address::ShortCode { .. } => SenderType::ShortCode,
            Address::AlphanumericSenderId { .. } => SenderType::Alphanumeric,
        }
    }
}

/// A key of a rate card entry: a specific value, or `*` for any.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Match<T> {
    /// `*`: any value.
    Any,
    /// This value only.
    Only(T),
}

impl<T: PartialEq> Match<T> {
    fn matches(&self, v: Option<&T>) -> bool {
        match (self, v) {
            (Match::Any, _) => true,
            (Match::Only(want), Some(v)) => want == v,
            (Match::Only(_), None) => false,
        }
    }

    fn is_any(&self) -> bool {
        matches!(self, Match::Any)
    }
}

impl<T: Serialize> Serialize for Match<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Match::Any => s.serialize_str("*"),
            Match::Only(v) => v.serialize(s),
        }
    }
}

/// A rate card key read from a string: `*` or a value.
pub trait Key: Sized {
    /// Reads the value, or says what was expected.
    fn parse_key(s: &str) -> Result<Self, String>;
}

impl<'de, T: Key> Deserialize<'de> for Match<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "*" {
            return Ok(Match::Any);
        }
        T::parse_key(&s)
            .map(Match::Only)
            .map_err(serde::de::Error::custom)
    }
}

impl Key for Country {
    fn parse_key(s: &str) -> Result<Self, String> {
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Country(s.to_ascii_uppercase()))
        } else {
            Err(format!(
                "country {s:?}: expected an ISO 3166-1 alpha-2 code such as \"US\", or \"*\""
            ))
        }
    }
}

impl Key for SenderType {
    fn parse_key(s: &str) -> Result<Self, String> {
        Ok(match s {
            "long_code" => SenderType::LongCode,
            "toll_free" => SenderType::TollFree,
            "short_code" => SenderType::ShortCode,
            "alphanumeric" => SenderType::Alphanumeric,
            _ => {
                return Err(format!(
                    "sender {s:?}: expected long_code, toll_free, short_code, alphanumeric or \"*\""
                ));
            }
        })
    }
}

impl Key for MessageType {
    fn parse_key(s: &str) -> Result<Self, String> {
        match s {
            "SMS" => Ok(MessageType::Sms),
            "MMS" => Ok(MessageType::Mms),
            _ => Err(format!("type {s:?}: expected \"SMS\", \"MMS\" or \"*\"")),
        }
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case (`US`, `GB`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Country(String);

impl Country {
    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One price: for a destination country, sender type and message type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RateEntry {
    /// Destination country, or `*`.
    pub country: Match<Country>,
    /// Sender type, or `*`.
    pub sender: Match<SenderType>,
    /// `SMS` or `MMS`, or `*`.
    #[serde(rename = "type")]
    pub message_type: Match<MessageType>,
    /// Price per part (SMS) or per message (MMS), a decimal string such as `"0.00205"`; not
    /// negative.
    #[serde(deserialize_with = "amount", serialize_with = "normalized")]
    pub rate: Decimal,
    /// Carrier pass-through fee per part (SMS) or per message (MMS), a decimal string; not
    /// negative.
    #[serde(deserialize_with = "amount", serialize_with = "normalized")]
    pub carrier_fee: Decimal,
    /// ISO 4217 currency of both amounts (`USD`): three letters, read in upper case.
    #[serde(deserialize_with = "currency")]
    pub currency: String,
}

/// A caller's prices. From JSON (or TOML, through the CLI): `{"entries": [{"country": "US",
/// "sender": "long_code", "type": "SMS", "rate": "0.004", "carrier_fee": "0.003",
/// "currency": "USD"}, …]}`, amounts as decimal strings.
///
/// Lookup: the entry whose keys all match, preferring a specific country over `*`, then a
/// specific sender type over `*`, then a specific message type over `*`; among equals, the
/// first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RateCard {
    /// The prices.
    pub entries: Vec<RateEntry>,
}

impl RateCard {
    /// A card from its entries.
    pub fn new(entries: Vec<RateEntry>) -> Self {
        RateCard { entries }
    }

    /// The entry for a destination, sender type and message type (see [`RateCard`]).
    /// `None` for a key means unknown: only a `*` entry matches it.
    pub fn lookup(
        &self,
        country: Option<&str>,
        sender: Option<SenderType>,
        message_type: MessageType,
    ) -> Option<&RateEntry> {
        let country = country.map(|c| Country(c.to_ascii_uppercase()));
        self.entries
            .iter()
            .filter(|e| {
                e.country.matches(country.as_ref())
                    && e.sender.matches(sender.as_ref())
                    && e.message_type.matches(Some(&message_type))
            })
            .min_by_key(|e| {
                (
                    e.country.is_any(),
                    e.sender.is_any(),
                    e.message_type.is_any(),
                )
            })
    }
}

impl RateEntry {
    /// An entry; `None` keys mean `*`.
    pub fn new(
        country: Option<&str>,
        sender: Option<SenderType>,
        message_type: Option<MessageType>,
        rate: Decimal,
        carrier_fee: Decimal,
        currency: &str,
    ) -> Self {
        RateEntry {
            country: country.map_or(Match::Any, |c| Match::Only(Country(c.to_ascii_uppercase()))),
            sender: sender.map_or(Match::Any, Match::Only),
            message_type: message_type.map_or(Match::Any, Match::Only),
            rate,
            carrier_fee,
            currency: currency.to_ascii_uppercase(),
        }
    }
}

/// An amount of money, shaped like Telnyx's `cost`: `{"amount": "0.0051", "currency": "USD"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount, exact; serialized as a decimal string without trailing zeros.
    #[serde(serialize_with = "normalized")]
    pub amount: Decimal,
    /// ISO 4217 currency.
    pub currency: String,
}

fn normalized<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.normalize().to_string())
}

fn amount<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    // A JSON number is refused (a float cannot hold every amount exactly): say how to write
    // it, as the hand-written reader does, rather than serde's "expected a string".
    let s = String::deserialize(d).map_err(|e| {
        serde::de::Error::custom(format!(
            "{e}: write amounts as decimal strings, such as \"0.004\""
        ))
    })?;
    parse_decimal(&s)
        .and_then(check_amount)
        .map_err(serde::de::Error::custom)
}

fn currency<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    check_currency(String::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// A decimal string as rate cards give amounts: an optional sign, digits with at most one
/// `.`, and an optional exponent (`2.05e-3`, `1E+2`).
///
/// It reads what `rust_decimal` reads (`Decimal::from_str`, then `from_scientific`, as its
/// serde support did), to the same value and scale (`tests/decimals.rs` compares them), and
/// refuses what `rust_decimal` would round or read oddly: more than 28 decimal places, more
/// digits than 96 bits hold, and `_` between digits. `rust_decimal`'s own reader is 4.2 KB
/// of the npm package's `full` entry (gzip); its arithmetic stays in use.
pub(crate) fn parse_decimal(s: &str) -> Result<Decimal, String> {
    let shown = || quoted(&s.chars().take(40).collect::<String>());
    let bad = || format!("{} is not a decimal number such as \"0.004\"", shown());
    // The amount is a number, but not one that 96 bits and 28 decimal places hold exactly
    // (rust_decimal would round it): say so, rather than that it is not a number.
    let too_precise = || {
        format!(
            "{} has more digits than an amount holds exactly (at most 28 decimal places and \
             28 significant digits): write it with fewer, such as \"0.004\"",
            shown()
        )
    };
    let (base, exponent) = match s.split_once(['e', 'E']) {
        Some((b, e)) => (b, Some(e)),
        None => (s, None),
    };
    let (negative, digits) = match base.as_bytes().first() {
        Some(b'-') => (true, &base[1..]),
        Some(b'+') => (false, &base[1..]),
        _ => (false, base),
    };
    const LIMIT: u128 = 1 << 96;
    let (mut mantissa, mut scale, mut point, mut any) = (0u128, 0u32, false, false);
    for c in digits.bytes() {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u128::from(c - b'0');
                scale += u32::from(point);
                any = true;
                if mantissa >= LIMIT {
                    return Err(too_precise());
                }
            }
            b'.' if !point => point = true,
            _ => return Err(bad()),
        }
    }
    if !any {
        return Err(bad());
    }
    if scale > Decimal::MAX_SCALE {
        return Err(too_precise());
    }
    if let Some(e) = exponent {
        let (down, e) = match e.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, e),
        };
        let e: u32 = e.parse().map_err(|_| bad())?;
        if down {
            scale = scale.checked_add(e).ok_or_else(bad)?;
        } else if e <= scale {
            scale -= e;
        } else {
            if e > Decimal::MAX_SCALE {
                return Err(too_precise());
            }
            for _ in scale..e {
                mantissa *= 10;
                if mantissa >= LIMIT {
                    return Err(too_precise());
                }
            }
            scale = 0;
        }
    }
    if scale > Decimal::MAX_SCALE {
        return Err(too_precise());
    }
    let mut d = Decimal::from_i128_with_scale(mantissa as i128, scale); // below 2^96, scale <= 28
    d.set_sign_negative(negative && mantissa != 0); // "-0" is zero, as rust_decimal reads it
    Ok(d)
}

/// A rate or carrier fee: zero or more.
pub(crate) fn check_amount(v: Decimal) -> Result<Decimal, String> {
    if v.is_sign_negative() && !v.is_zero() {
        return Err(format!(
            "amount {v} is negative: rates and carrier fees are prices, zero or more"
        ));
    }
    Ok(v)
}

/// An ISO 4217 code: three ASCII letters, returned in upper case.
pub(crate) fn check_currency(s: String) -> Result<String, String> {
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(format!(
            "currency {s:?}: expected an ISO 4217 code of three letters, such as \"USD\""
        ))
    }
}

/// Telnyx's `cost_breakdown`: what of the cost is the rate and what the carrier fee.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CostBreakdown {
    /// The rate, times the parts (SMS), summed over the recipients.
    pub rate: Money,
    /// The carrier fee, times the parts (SMS), summed over the recipients.
    pub carrier_fee: Money,
}

/// The cost of one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecipientCost {
    /// The recipient as given.
    pub to: String,
    /// Its country (ISO 3166-1 alpha-2), when the number tells it.
    pub country: Option<String>,
    /// Parts billed: the SMS parts, or 1 for an MMS.
    pub billed_units: usize,
    /// The entry's rate and carrier fee, per part or per message.
    #[serde(serialize_with = "normalized")]
    pub rate: Decimal,
    /// See [`RecipientCost::rate`].
    #[serde(serialize_with = "normalized")]
    pub carrier_fee: Decimal,
    /// `billed_units × (rate + carrier_fee)`.
    #[serde(serialize_with = "normalized")]
    pub amount: Decimal,
}

/// What a request costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Estimate {
    /// The total, as Telnyx's `cost`.
    pub cost: Money,
    /// The total split into rate and carrier fee, as Telnyx's `cost_breakdown`.
    pub cost_breakdown: CostBreakdown,
    /// `SMS` or `MMS`.
    pub message_type: MessageType,
    /// The sender type the prices were looked up for (`None`: no `from`, a number pool).
    pub sender: Option<SenderType>,
    /// Parts of the SMS (1 for MMS).
    pub parts: usize,
    /// Each recipient's cost.
    pub recipients: Vec<RecipientCost>,
}

/// Why a cost cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CostError {
    /// No entry matches a recipient.
    #[error(
        "no rate for {message_type} to {} from a {} sender: add an entry with country {}, sender {} and type {message_type} (or \"*\" for any)",
        country.as_deref().unwrap_or("an unknown country"),
        sender.map_or("unknown", SenderType::as_str),
        country.as_deref().map_or("\"*\"".to_owned(), |c| format!("\"{c}\"")),
        sender.map_or("\"*\"".to_owned(), |s| format!("\"{}\"", s.as_str()))
    )]
    MissingRate {
        /// The destination country, when known.
        country: Option<String>,
        /// The sender type, when known.
        sender: Option<SenderType>,
        /// The message type.
        message_type: &'static str,
    },
    /// Two recipients are priced in different currencies.
    #[error(
        "the rate card prices this request in both {first} and {second}: a total needs one currency; give entries in one currency"
    )]
    MixedCurrencies {
        /// The first currency met.
        first: String,
        /// The other one.
        second: String,
    },
    /// The sum does not fit the decimal type (over about 7.9 × 10^28).
    #[error("the total overflows the decimal type: check the rates")]
    Overflow,
    /// The request has no recipient to price.
    #[error("the request has no \"to\": there is nothing to price")]
    NoRecipient,
    /// The text cannot be counted (for example `encoding: gsm7` on an emoji).
    #[error("the parts cannot be counted: {0}")]
    Text(#[from] crate::Error),
}

/// The cost of `request` under `card`, with Telnyx's limits ([`Policy::telnyx`]) for counting
/// its parts.
pub fn estimate(request: &MessageRequest, card: &RateCard) -> Result<Estimate, CostError> {
    estimate_with(request, card, &Policy::telnyx())
}

/// [`estimate`] with the text options and smart encoding setting of `policy`. The parts are
/// those [`validate`](crate::request::validate) bills on.
pub fn estimate_with(
    request: &MessageRequest,
    card: &RateCard,
    policy: &Policy,
) -> Result<Estimate, CostError> {
    let mms = request.is_mms();
    let parts = if mms {
        1
    } else {
        crate::request::billed_parts(request, policy)?
    };
    let sender = request
        .from
        .as_deref()
        .and_then(|f| Address::classify(f).ok())
        .map(|a| SenderType::of(&a));
    let region = policy.default_region.as_deref();
    let to: Vec<(String, Option<String>)> = request
        .to
        .as_ref()
        .map(|t| {
            t.as_slice()
                .iter()
                .map(|s| (s.clone(), recipient_country(s, region)))
                .collect()
        })
        .unwrap_or_default();
    price(
        &to,
        if mms {
            MessageType::Mms
        } else {
            MessageType::Sms
        },
        sender,
        parts,
        card,
    )
}

/// The country of a recipient, from its number; a short code's country is the default
/// region's, if one is given.
pub(crate) fn recipient_country(to: &str, default_region: Option<&str>) -> Option<String> {
    match Address::classify_with_region(to, default_region) {
        Ok(Address::E164 { number, .. }) => destination_country(false, number.region(), None),
        Ok(Address::ShortCode { .. }) => destination_country(true, None, default_region),
        _ => None,
    }
}

/// The country a recipient is priced in: a number's own region, or, for a short code (which
/// carries no country), the default region.
pub(crate) fn destination_country(
    short_code: bool,
    region: Option<&str>,
    default_region: Option<&str>,
) -> Option<String> {
    if short_code {
        default_region.map(str::to_ascii_uppercase)
    } else {
        region.map(str::to_owned)
    }
}

// rust_decimal marks its arithmetic `#[inline(always)]`: called once each, these keep one
// copy of addition and one of multiplication in the npm package's `.wasm` instead of one per
// call site (price was 11 KB of code before).
#[inline(never)]
fn add(a: Decimal, b: Decimal) -> Result<Decimal, CostError> {
    a.checked_add(b).ok_or(CostError::Overflow)
}

#[inline(never)]
fn mul(a: Decimal, b: Decimal) -> Result<Decimal, CostError> {
    a.checked_mul(b).ok_or(CostError::Overflow)
}

/// Prices `parts` for each recipient `(address, country)`.
pub(crate) fn price(
    to: &[(String, Option<String>)],
    message_type: MessageType,
    sender: Option<SenderType>,
    parts: usize,
    card: &RateCard,
) -> Result<Estimate, CostError> {
    if to.is_empty() {
        return Err(CostError::NoRecipient);
    }
    let units = Decimal::from(parts as u64);
    let mut currency: Option<&str> = None;
    let (mut rate_sum, mut fee_sum) = (Decimal::ZERO, Decimal::ZERO);
    let mut recipients = Vec::with_capacity(to.len());
    for (addr, country) in to {
        let entry = card
            .lookup(country.as_deref(), sender, message_type)
            .ok_or_else(|| CostError::MissingRate {
                country: country.clone(),
                sender,
                message_type: message_type.as_str(),
            })?;
        match currency {
            None => currency = Some(&entry.currency),
            Some(c) if c != entry.currency => {
                return Err(CostError::MixedCurrencies {
                    first: c.to_owned(),
                    second: entry.currency.clone(),
                });
            }
            Some(_) => {}
        }
        let r = mul(entry.rate, units)?;
        let f = mul(entry.carrier_fee, units)?;
        rate_sum = add(rate_sum, r)?;
        fee_sum = add(fee_sum, f)?;
        recipients.push(RecipientCost {
            to: addr.clone(),
            country: country.clone(),
            billed_units: parts,
            rate: entry.rate,
            carrier_fee: entry.carrier_fee,
            amount: add(r, f)?,
        });
    }
    let currency = currency.unwrap_or_default().to_owned();
    let total = add(rate_sum, fee_sum)?;
    let money = |amount: Decimal| Money {
        amount: amount.normalize(),
        currency: currency.clone(),
    };
    Ok(Estimate {
        cost: money(total),
        cost_breakdown: CostBreakdown {
            rate: money(rate_sum),
            carrier_fee: money(fee_sum),
        },
        message_type,
        sender,
        parts,
        recipients,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn card() -> RateCard {
        serde_json::from_str(
            r#"{"entries": [
                {"country": "US", "sender": "long_code", "type": "SMS", "rate": "0.00205", "carrier_fee": "0.00305", "currency": "USD"},
                {"country": "US", "sender": "*", "type": "MMS", "rate": "0.015", "carrier_fee": "0.01", "currency": "USD"},
                {"country": "*", "sender": "*", "type": "SMS", "rate": "0.05", "carrier_fee": "0", "currency": "USD"},
                {"country": "GB", "sender": "*", "type": "*", "rate": "0.04", "carrier_fee": "0", "currency": "GBP"}
            ]}"#,
        )
        .unwrap()
    }

    fn to(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|(a, c)| (a.to_string(), c.map(str::to_owned)))
            .collect()
    }

    /// An amount with more digits than a Decimal holds is refused as such, not as "not a
    /// number".
    #[test]
    fn too_many_digits_say_so() {
        for s in [
            "10.0000000000000000000000000000",
            "0.00000000000000000000000000001",
            "99999999999999999999999999999",
            "1e29",
        ] {
            let e = parse_decimal(s).unwrap_err();
            assert!(
                e.contains("more digits than an amount holds exactly"),
                "{s}: {e}"
            );
        }
        let e = parse_decimal("0.0_1").unwrap_err();
        assert!(e.contains("is not a decimal number"), "{e}");
    }

    #[test]
    fn telnyx_sample_and_lookup_order() {
        let c = card();
        let e = price(
            &to(&[("+1", Some("US"))]),
            MessageType::Sms,
            Some(SenderType::LongCode),
            1,
            &c,
        )
        .unwrap();
        assert_eq!(e.cost.amount, d("0.0051"));
        assert_eq!(serde_json::to_value(&e.cost).unwrap()["amount"], "0.0051");
        // A toll-free sender to the US falls back to the "*" country entry.
        let e = price(
            &to(&[("+1", Some("US"))]),
            MessageType::Sms,
            Some(SenderType::TollFree),
            3,
            &c,
        )
        .unwrap();
        assert_eq!(e.cost.amount, d("0.15"));
        // MMS: once per message, whatever the parts.
        let e = price(&to(&[("+1", Some("US"))]), MessageType::Mms, None, 1, &c).unwrap();
        assert_eq!(e.cost.amount, d("0.025"));
        assert_eq!(e.cost_breakdown.carrier_fee.amount, d("0.01"));
    }

    #[test]
    fn exact_sums_without_drift() {
        let c = card();
        let many: Vec<(String, Option<String>)> = (0..100_000)
            .map(|i| (format!("+1{i}"), Some("US".to_owned())))
            .collect();
        let e = price(&many, MessageType::Sms, Some(SenderType::LongCode), 7, &c).unwrap();
        // 100,000 × 7 × 0.0051 = 3,570 exactly (f64 would give 3569.9999999…).
        assert_eq!(e.cost.amount, d("3570"));
        assert_eq!(
            e.cost_breakdown.rate.amount + e.cost_breakdown.carrier_fee.amount,
            d("3570")
        );
        assert_eq!(e.cost_breakdown.rate.amount, d("1435"));
    }

    #[test]
    fn missing_rate_and_mixed_currency() {
        let c = card();
        let err = price(
            &to(&[("+81", Some("JP"))]),
            MessageType::Mms,
            Some(SenderType::ShortCode),
            1,
            &c,
        )
        .unwrap_err();
        assert_eq!(
            err,
            CostError::MissingRate {
                country: Some("JP".into()),
                sender: Some(SenderType::ShortCode),
                message_type: "MMS"
            }
        );
        let msg = err.to_string();
        assert!(
            msg.contains("JP") && msg.contains("short_code") && msg.contains("MMS"),
            "{msg}"
        );
        let err = price(
            &to(&[("+1", Some("US")), ("+44", Some("GB"))]),
            MessageType::Sms,
            Some(SenderType::LongCode),
            1,
            &c,
        )
        .unwrap_err();
        assert!(matches!(err, CostError::MixedCurrencies { .. }), "{err}");
        assert_eq!(
            price(&[], MessageType::Sms, None, 1, &c).unwrap_err(),
            CostError::NoRecipient
        );
    }

    #[test]
    fn card_parsing_errors() {
        let bad = |s: &str| serde_json::from_str::<RateCard>(s).unwrap_err().to_string();
        assert!(bad(r#"{"entries": [{"country": "USA", "sender": "*", "type": "SMS", "rate": "1", "carrier_fee": "0", "currency": "USD"}]}"#).contains("alpha-2"));
        assert!(serde_json::from_str::<RateCard>(r#"{"entries": [{"country": "US", "sender": "fax", "type": "SMS", "rate": "1", "carrier_fee": "0", "currency": "USD"}]}"#).is_err());
        assert!(serde_json::from_str::<RateCard>(r#"{"entries": [{"country": "US", "sender": "*", "type": "SMS", "rate": "x", "carrier_fee": "0", "currency": "USD"}]}"#).is_err());
        let c: RateCard = serde_json::from_str(r#"{"entries": [{"country": "us", "sender": "*", "type": "*", "rate": "1", "carrier_fee": "0", "currency": "USD"}]}"#).unwrap();
        assert!(c.lookup(Some("US"), None, MessageType::Sms).is_some());
        assert!(c.lookup(None, None, MessageType::Sms).is_none());
        let neg = r#"{"entries": [{"country": "US", "sender": "*", "type": "SMS", "rate": "-5", "carrier_fee": "0", "currency": "USD"}]}"#;
        assert!(bad(neg).contains("negative"), "{}", bad(neg));
        let cur = r#"{"entries": [{"country": "US", "sender": "*", "type": "SMS", "rate": "1", "carrier_fee": "0", "currency": "dollars"}]}"#;
        assert!(bad(cur).contains("ISO 4217"));
        let lower: RateCard = serde_json::from_str(r#"{"entries": [{"country": "US", "sender": "*", "type": "SMS", "rate": "1", "carrier_fee": "0", "currency": "usd"}]}"#).unwrap();
        assert_eq!(lower.entries[0].currency, "USD");
    }
}
