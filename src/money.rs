//! Decimal amount strings ⇄ integer minor units, with decimal arithmetic only (never a float ×100).
//!
//! Accepted amount syntax: `DIGITS` or `DIGITS.DIGITS` (`"12"`, `"12.5"`, `"0012.3400"`). Rejected:
//! empty, signs (`"-1"`, `"+1"`), exponents (`"1e3"`), commas (`"12,34"` is ambiguous between a
//! decimal and a thousands separator), spaces, `NaN`/`INF`, and values over PHP's `int` range.
//! Digits beyond the currency's exponent are rounded half-up (`"10.005"` EUR → `1001`).

use crate::currency::{self, Currency};
use crate::error::{Error, Result};

/// Resolves a currency code or fails naming `field`.
pub fn currency_for(code: &str, field: &str) -> Result<&'static Currency> {
    currency::find(code).ok_or_else(|| Error::invalid(field, format!("unsupported currency {code:?}")))
}

/// Converts a decimal amount string into minor units of `currency` (half-up).
pub fn to_minor_units(amount: &str, currency: &Currency) -> Result<i64> {
    const FIELD: &str = "amount";
    let (int_part, frac_part) = match amount.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (amount, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
        return Err(Error::invalid(
            FIELD,
            format!("{:?} is not a plain decimal number (digits, optionally one '.' and digits)", truncate_for_message(amount)),
        ));
    }
    let frac = frac_part.unwrap_or("").as_bytes();
    let exponent = currency.exponent as usize;
    let overflow = || Error::invalid(FIELD, "amount is too large");

    let mut minor: i64 = 0;
    let kept_frac = frac.iter().copied().chain(std::iter::repeat(b'0')).take(exponent);
    for digit in int_part.bytes().chain(kept_frac) {
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(digit - b'0')))
            .ok_or_else(overflow)?;
    }
    if frac.get(exponent).is_some_and(|&d| d >= b'5') {
        minor = minor.checked_add(1).ok_or_else(overflow)?;
    }
    Ok(minor)
}

/// Formats minor units as a decimal string with exactly the currency's number of decimals.
pub fn from_minor_units(minor: i64, currency: &Currency) -> Result<String> {
    if minor < 0 {
        return Err(Error::invalid("amount", "negative amounts are not allowed"));
    }
    let exponent = currency.exponent as usize;
    if exponent == 0 {
        return Ok(minor.to_string());
    }
    let digits = format!("{minor:0>width$}", width = exponent + 1);
    let (int_part, frac_part) = digits.split_at(digits.len() - exponent);
    Ok(format!("{int_part}.{frac_part}"))
}

/// Keeps error messages short when someone feeds a megabyte as an amount.
pub(crate) fn truncate_for_message(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((idx, _)) => &s[..idx],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::currency::{find, CURRENCIES};

    fn cur(code: &str) -> &'static Currency {
        find(code).expect("test currency exists")
    }

    #[test]
    fn converts_decimal_strings_half_up_per_exponent() {
        let cases: &[(&str, &str, i64)] = &[
            ("12.34", "EUR", 1234),
            ("12.3", "EUR", 1230),
            ("12", "EUR", 1200),
            ("0", "EUR", 0),
            ("0.00", "EUR", 0),
            ("0012.3400", "EUR", 1234),
            ("10.005", "EUR", 1001),
            ("10.004", "EUR", 1000),
            ("10.0049999", "EUR", 1000),
            ("0.995", "EUR", 100),
            ("99.999", "EUR", 10000),
            ("1234", "JPY", 1234),
            ("1234.4", "JPY", 1234),
            ("1234.5", "JPY", 1235),
            ("0.5", "JPY", 1),
            ("12.345", "KWD", 12345),
            ("12.3455", "KWD", 12346),
            ("12.3454", "KWD", 12345),
            ("0.001", "KWD", 1),
            ("1.5", "TND", 1500),
            ("15000", "IDR", 15000),
        ];
        for &(amount, code, expected) in cases {
            assert_eq!(to_minor_units(amount, cur(code)), Ok(expected), "{amount} {code}");
        }
    }

    #[test]
    fn rejects_everything_that_is_not_a_plain_decimal() {
        for bad in ["", "-1", "+1", "-0", "1e3", "1E3", "12,34", "1,234.56", " 12", "12 ", "12.", ".5",
            "1.2.3", "NaN", "INF", "0x10", "１２", "12.3a", "٣"] {
            let err = to_minor_units(bad, cur("EUR")).expect_err(bad);
            assert!(matches!(err, Error::InvalidArgument { ref field, .. } if field == "amount"), "{bad}: {err}");
        }
    }

    #[test]
    fn rejects_overflow_but_accepts_the_largest_php_int() {
        assert_eq!(to_minor_units("9223372036854775807", cur("JPY")), Ok(i64::MAX));
        assert!(to_minor_units("9223372036854775808", cur("JPY")).is_err());
        assert_eq!(to_minor_units("92233720368547758.07", cur("EUR")), Ok(i64::MAX));
        assert!(to_minor_units("92233720368547758.075", cur("EUR")).is_err(), "rounding up overflows");
        assert!(to_minor_units("92233720368547758.08", cur("EUR")).is_err());
        assert!(to_minor_units(&"9".repeat(400), cur("EUR")).is_err());
    }

    #[test]
    fn formats_minor_units_with_the_currency_decimals() {
        assert_eq!(from_minor_units(1234, cur("EUR")).as_deref(), Ok("12.34"));
        assert_eq!(from_minor_units(5, cur("EUR")).as_deref(), Ok("0.05"));
        assert_eq!(from_minor_units(0, cur("EUR")).as_deref(), Ok("0.00"));
        assert_eq!(from_minor_units(1234, cur("JPY")).as_deref(), Ok("1234"));
        assert_eq!(from_minor_units(1, cur("KWD")).as_deref(), Ok("0.001"));
        assert_eq!(from_minor_units(i64::MAX, cur("EUR")).as_deref(), Ok("92233720368547758.07"));
        assert!(from_minor_units(-1, cur("EUR")).is_err());
    }

    #[test]
    fn every_currency_round_trips() {
        for currency in CURRENCIES {
            for minor in [0_i64, 1, 9, 10, 99, 100, 12345, 1_000_000_007, i64::MAX] {
                let text = from_minor_units(minor, currency).expect("formats");
                assert_eq!(to_minor_units(&text, currency), Ok(minor), "{} {text}", currency.alpha3);
            }
        }
    }

    #[test]
    fn long_inputs_are_truncated_in_messages() {
        let err = to_minor_units(&"x".repeat(10_000), cur("EUR")).expect_err("rejected");
        assert!(err.to_string().len() < 200);
    }
}
