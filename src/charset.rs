//! Which characters GSM-7 can carry, and at what cost in septets.

use serde::{Deserialize, Serialize};

use crate::tables;

/// The GSM-7 character set a message is checked against.
///
/// The choice matters because providers do not all accept the full 3GPP alphabet. Telnyx
/// documents a smaller, "non-standard" set: a message with `€` or `Δ` that is GSM-7 under the
/// standard is sent as UCS-2 by Telnyx and costs up to three times as many parts.
///
/// | | `Standard` (default) | `Telnyx` | `TelnyxEuro` |
/// |---|---|---|---|
/// | source | 3GPP TS 23.038 §6.2.1 + §6.2.1.1 | Telnyx's list, version 3, without `€` | Telnyx's list, version 3, as published |
/// | 1 septet | the 127 characters of the default alphabet | printable ASCII except `` ` `` and the 8 below, LF, CR, `£¥èéùìòØøÅåÆæßÉ¡ÄÖÑÜ§¿äöñüà` (115) | same as `Telnyx` |
/// | 2 septets (escape) | FF `^ { } \ [ ~ ] \|` `€` | `^ { } \ [ ~ ] \|` | `^ { } \ [ ~ ] \|` `€` |
/// | not in the set | everything else | also `€ Ç Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ ¤` and FF | also `Ç Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ ¤` and FF |
///
/// **The euro sign at Telnyx is CONTESTED** (standards.md §3.4). The current message-encoding
/// page lists `€` as an extended (2-septet) character, but the calculator on the same page and
/// the older pages leave it out. [`Charset::Telnyx`], the profile of [`Options::telnyx`](crate::Options::telnyx),
/// takes the conservative reading, in which `€` forces UCS-2, so that an estimate can only err
/// towards more parts, never fewer. [`Charset::TelnyxEuro`] follows the list as published.
///
/// **Ç versus ç at 0x09.** The spec draws capital Ç (U+00C7) at 0x09, and so do Android,
/// Twilio and every shipping encoder; Unicode's GSM0338.TXT maps small ç there instead. This
/// crate follows the spec: `Ç` costs 1 septet and `ç` is not in the default alphabet (it
/// forces UCS-2 unless a Turkish, Spanish or Portuguese national table is allowed). Telnyx's
/// set has neither.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Charset {
    /// The 3GPP TS 23.038 default alphabet and its extension table.
    #[default]
    Standard,
    /// Telnyx's published non-standard GSM-7 set (version 3 of its list), without `€`.
    Telnyx,
    /// Telnyx's published set exactly as version 3 lists it, with `€` as an escape pair.
    TelnyxEuro,
}

impl Charset {
    /// The septet cost of `c`: 1, 2 for an escape pair, or 0 when `c` is not in the set.
    ///
    /// ```
    /// use sms_preflight::Charset;
    /// assert_eq!(Charset::Standard.septets('a'), 1);
    /// assert_eq!(Charset::Standard.septets('€'), 2);
    /// assert_eq!(Charset::Standard.septets('ç'), 0);
    /// assert_eq!(Charset::Telnyx.septets('€'), 0);
    /// assert_eq!(Charset::TelnyxEuro.septets('€'), 2);
    /// assert_eq!(Charset::Telnyx.septets('Δ'), 0);
    /// ```
    #[inline]
    pub fn septets(self, c: char) -> u8 {
        let (low, high) = self.cost_tables();
        match u32::from(c) {
            cp if (cp as usize) < tables::LOW_COSTS => low[cp as usize],
            _ => high.get(c).unwrap_or(0),
        }
    }

    /// Whether `c` can be sent as GSM-7 in this set.
    #[inline]
    pub fn contains(self, c: char) -> bool {
        self.septets(c) != 0
    }

    /// The cost tables: a direct one below `tables::LOW_COSTS`, and the sorted list of the
    /// code points above it.
    #[inline]
    pub(crate) fn cost_tables(
        self,
    ) -> (
        &'static [u8; tables::LOW_COSTS],
        &'static tables::Sparse<u8>,
    ) {
        match self {
            Charset::Standard => (&tables::STANDARD_LOW, &tables::STANDARD_HIGH),
            Charset::Telnyx => (&tables::TELNYX_LOW, &tables::TELNYX_HIGH),
            Charset::TelnyxEuro => (&tables::TELNYX_EURO_LOW, &tables::TELNYX_EURO_HIGH),
        }
    }

    /// A short human name, as used in messages and the CLI (`standard`, `telnyx`).
    pub fn name(self) -> &'static str {
        match self {
            Charset::Standard => "standard",
            Charset::Telnyx => "telnyx",
            Charset::TelnyxEuro => "telnyx_euro",
        }
    }

    /// A description of the set, for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Charset::Standard => "the 3GPP TS 23.038 GSM-7 alphabet",
            Charset::Telnyx => "Telnyx's GSM-7 character set (conservative: no euro sign)",
            Charset::TelnyxEuro => "Telnyx's GSM-7 character set",
        }
    }

    /// Which version of Telnyx's published list [`Charset::Telnyx`] follows.
    pub fn telnyx_list_version() -> &'static str {
        tables::TELNYX_LIST_VERSION
    }
}

impl std::str::FromStr for Charset {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "standard" | "3gpp" | "gsm0338" => Ok(Charset::Standard),
            "telnyx" => Ok(Charset::Telnyx),
            "telnyx_euro" | "telnyx-euro" => Ok(Charset::TelnyxEuro),
            _ => Err(crate::Error::InvalidOption {
                option: "charset",
                value: s.chars().take(40).collect(),
                expected: "standard, telnyx or telnyx-euro",
            }),
        }
    }
}
