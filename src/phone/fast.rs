//! The fast path: input that is already canonical E.164 (`+` and 7–15 ASCII
//! digits) is split into country code and national number without running the
//! text parser or touching the engine's metadata.
//!
//! For such input libphonenumber's parser does only three things: it takes the
//! first 1–3 digit prefix that is a country calling code in use, strips a
//! national prefix if the main region's `national_prefix_for_parsing` pattern
//! matches the remaining digits, and records a leading zero. The generated
//! `prefix_table` lists the calling codes and, for each, the first two digits
//! on which that pattern can match at all. Numbers whose national part starts
//! with such digits (or with `00`) are left to the full parser, so the fast
//! path never has to decide whether a prefix is stripped. The tests below check the
//! table against the engine and the result against the parser.

use super::prefix_table::CALLING_CODES;
use super::{PhoneNumber, engine};

const NOT_A_CODE: u128 = u128::MAX;

/// Index: calling code; value: first-two-digits mask, or [`NOT_A_CODE`].
static MASKS: [u128; 1000] = build_masks();

const fn build_masks() -> [u128; 1000] {
    let mut table = [NOT_A_CODE; 1000];
    let mut i = 0;
    while i < CALLING_CODES.len() {
        let (code, _, mask) = CALLING_CODES[i];
        table[code as usize] = mask;
        i += 1;
    }
    table
}

/// Parses canonical E.164 input, or returns `None` to leave it to the parser
/// (not canonical, unknown country code, or a national prefix might apply).
pub(super) fn parse_canonical(input: &str) -> Option<PhoneNumber> {
    let digits = input.strip_prefix('+')?;
    let bytes = digits.as_bytes();
    if !(7..=15).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if bytes[0] == b'0' {
        return None;
    }
    let mut code: u16 = 0;
    for (i, &b) in bytes.iter().take(3).enumerate() {
        code = code * 10 + u16::from(b - b'0');
        let mask = MASKS[usize::from(code)];
        if mask == NOT_A_CODE {
            continue;
        }
        let nsn = &digits[i + 1..];
        // At least 4 national digits remain (7+ digits, code of 3 at most).
        let [d1, d2, ..] = *nsn.as_bytes() else {
            return None;
        };
        if mask & (1 << (10 * (d1 - b'0') + (d2 - b'0'))) != 0 {
            return None;
        }
        let number = engine::Number::from_canonical_parts(code, nsn)?;
        return PhoneNumber::new(number, input);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slow(input: &str) -> Result<PhoneNumber, super::super::PhoneError> {
        super::super::parse_with_engine(input, None, false)
    }

    fn assert_same(input: &str) -> bool {
        let Some(fast) = parse_canonical(input) else {
            return false;
        };
        let slow = slow(input).unwrap_or_else(|e| panic!("{input}: fast path Ok, parser {e:?}"));
        assert_eq!(fast.number, slow.number, "{input}");
        assert_eq!(fast.e164(), slow.e164(), "{input}");
        assert_eq!(
            fast.national_significant_number(),
            slow.national_significant_number(),
            "{input}"
        );
        true
    }

    #[test]
    fn table_lists_exactly_the_engines_calling_codes() {
        let table: Vec<u16> = CALLING_CODES.iter().map(|c| c.0).collect();
        assert_eq!(table, engine::supported_calling_codes());
    }

    #[test]
    fn canonical_numbers_take_the_fast_path() {
        for s in [
            "+16502530000",
            "+442079460958",
            "+390669821234",
            "+80012345678",
            "+4930303986300",
        ] {
            assert!(assert_same(s), "{s} should take the fast path");
        }
        // Not canonical, or a national prefix could apply: left to the parser.
        for s in [
            "+1 6502530000",
            "+16502530000 ",
            "16502530000",
            "+116502530000",
            "+4402079460958",
            "+123456",
            "+1234567890123456",
            "+06502530000",
            "+9991234567",
            "+541112345678",
            "+39006982123",
            "+１6502530000",
        ] {
            assert!(parse_canonical(s).is_none(), "{s}");
        }
    }

    /// Every calling code, every first two national digits, every length: the
    /// fast path agrees with the parser whenever it answers.
    #[test]
    fn sweep_every_calling_code_and_first_digit() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut hits = 0;
        for &(code, _, _) in CALLING_CODES {
            let cc = code.to_string();
            for first in 0..100u64 {
                for total in 7..=15usize {
                    let Some(tail_len) = total.checked_sub(cc.len() + 2) else {
                        continue;
                    };
                    let mut s = format!("+{cc}{first:02}");
                    for _ in 0..tail_len {
                        s.push(char::from(b'0' + (next() % 10) as u8));
                    }
                    if assert_same(&s) {
                        hits += 1;
                    }
                }
            }
        }
        assert!(hits > 100_000, "fast path too rarely taken: {hits}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn fast_path_equals_parser(digits in "[1-9][0-9]{6,14}") {
            let input = format!("+{digits}");
            assert_same(&input);
        }

        #[test]
        fn fast_path_equals_parser_with_region(
            digits in "[1-9][0-9]{6,14}",
            region in prop::sample::select(vec!["US", "GB", "DE", "IT", "AR", "RU", "JP"]),
        ) {
            let input = format!("+{digits}");
            if let Some(fast) = parse_canonical(&input) {
                let slow = super::super::parse_with_engine(
                    &input,
                    engine::region(region),
                    true,
                ).unwrap();
                prop_assert_eq!(fast.number, slow.number);
            }
        }
    }
}
