//! Amount conversion against a reference written with u128 arithmetic, for every currency.

use proptest::prelude::*;
use systempay::currency::CURRENCIES;
use systempay::money::{from_minor_units, to_minor_units};

/// Half-up rounding of `int.frac` at `exponent` decimals, done on u128 (no overflow at these sizes).
fn reference_minor(int_part: &str, frac_part: &str, exponent: usize) -> u128 {
    let padded: String = frac_part.chars().chain(std::iter::repeat('0')).take(exponent + 1).collect();
    let scaled: u128 = format!("{int_part}{}", &padded[..exponent]).parse().expect("digits");
    let round_up = padded.as_bytes()[exponent] >= b'5';
    scaled + u128::from(round_up)
}

proptest! {
    #[test]
    fn decimal_strings_convert_like_the_reference(int_part in "[0-9]{1,15}", frac_part in proptest::option::of("[0-9]{1,8}"), index in 0..CURRENCIES.len()) {
        let currency = &CURRENCIES[index];
        let text = match &frac_part { Some(f) => format!("{int_part}.{f}"), None => int_part.clone() };
        let expected = reference_minor(&int_part, frac_part.as_deref().unwrap_or(""), currency.exponent as usize);
        prop_assert_eq!(to_minor_units(&text, currency).map(u128::try_from), Ok(Ok(expected)));
    }

    #[test]
    fn minor_units_round_trip(minor in 0..i64::MAX, index in 0..CURRENCIES.len()) {
        let currency = &CURRENCIES[index];
        let text = from_minor_units(minor, currency).expect("formats");
        prop_assert_eq!(text.split('.').nth(1).map_or(0, str::len), currency.exponent as usize);
        prop_assert_eq!(to_minor_units(&text, currency), Ok(minor));
    }

    #[test]
    fn anything_else_is_refused_not_guessed(text in "[0-9.,eE+ -]{0,12}") {
        let plain = {
            let mut parts = text.splitn(2, '.');
            let int_ok = parts.next().is_some_and(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()));
            let frac_ok = parts.next().is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
            int_ok && frac_ok
        };
        let eur = CURRENCIES.iter().find(|c| c.alpha3 == "EUR").expect("EUR");
        prop_assert_eq!(to_minor_units(&text, eur).is_ok(), plain);
    }
}
