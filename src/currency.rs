//! The currency table (ISO 4217): alpha-3 code, numeric code and minor-unit exponent.
//! One source of truth: the module asks the extension whether a currency is supported and how many
//! decimals it has, instead of keeping its own list.

/// One currency as the payment platform knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 alpha-3 code (`EUR`), used by the REST API.
    pub alpha3: &'static str,
    /// ISO 4217 numeric code (`978`), used by `vads_currency`.
    pub numeric: &'static str,
    /// Number of decimals of the minor unit (EUR 2, JPY 0, KWD 3).
    pub exponent: u32,
}

const fn c(alpha3: &'static str, numeric: &'static str, exponent: u32) -> Currency {
    Currency { alpha3, numeric, exponent }
}

/// Exponents follow ISO 4217, except IDR which the platform treats as a 0-decimal currency.
pub const CURRENCIES: &[Currency] = &[
    c("AED", "784", 2),
    c("ARS", "032", 2),
    c("AUD", "036", 2),
    c("BGN", "975", 2),
    c("BHD", "048", 3),
    c("BRL", "986", 2),
    c("CAD", "124", 2),
    c("CHF", "756", 2),
    c("CLP", "152", 0),
    c("CNY", "156", 2),
    c("COP", "170", 2),
    c("CZK", "203", 2),
    c("DKK", "208", 2),
    c("DZD", "012", 2),
    c("EGP", "818", 2),
    c("EUR", "978", 2),
    c("GBP", "826", 2),
    c("HKD", "344", 2),
    c("HUF", "348", 2),
    c("IDR", "360", 0),
    c("ILS", "376", 2),
    c("INR", "356", 2),
    c("IQD", "368", 3),
    c("ISK", "352", 0),
    c("JOD", "400", 3),
    c("JPY", "392", 0),
    c("KHR", "116", 2),
    c("KRW", "410", 0),
    c("KWD", "414", 3),
    c("LYD", "434", 3),
    c("MAD", "504", 2),
    c("MGA", "969", 2),
    c("MUR", "480", 2),
    c("MXN", "484", 2),
    c("MYR", "458", 2),
    c("NOK", "578", 2),
    c("NZD", "554", 2),
    c("OMR", "512", 3),
    c("PEN", "604", 2),
    c("PHP", "608", 2),
    c("PLN", "985", 2),
    c("QAR", "634", 2),
    c("RON", "946", 2),
    c("RSD", "941", 2),
    c("RUB", "643", 2),
    c("SAR", "682", 2),
    c("SEK", "752", 2),
    c("SGD", "702", 2),
    c("THB", "764", 2),
    c("TND", "788", 3),
    c("TRY", "949", 2),
    c("TWD", "901", 2),
    c("UAH", "980", 2),
    c("USD", "840", 2),
    c("VND", "704", 0),
    c("XAF", "950", 0),
    c("XOF", "952", 0),
    c("XPF", "953", 0),
    c("ZAR", "710", 2),
];

/// Finds a currency by alpha-3 code (case-insensitive, `EUR`) or numeric code (exactly 3 digits, `978`).
pub fn find(code: &str) -> Option<&'static Currency> {
    let code = code.trim();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        return CURRENCIES.iter().find(|cur| cur.numeric == code);
    }
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return CURRENCIES.iter().find(|cur| cur.alpha3.eq_ignore_ascii_case(code));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        for (i, a) in CURRENCIES.iter().enumerate() {
            assert_eq!(a.alpha3.len(), 3);
            assert!(a.alpha3.bytes().all(|b| b.is_ascii_uppercase()), "{}", a.alpha3);
            assert_eq!(a.numeric.len(), 3);
            assert!(a.numeric.bytes().all(|b| b.is_ascii_digit()), "{}", a.numeric);
            assert!(a.exponent <= 3);
            for b in &CURRENCIES[i + 1..] {
                assert_ne!(a.alpha3, b.alpha3);
                assert_ne!(a.numeric, b.numeric);
            }
        }
    }

    #[test]
    fn finds_by_alpha3_and_numeric() {
        assert_eq!(find("EUR").map(|c| c.numeric), Some("978"));
        assert_eq!(find("eur").map(|c| c.numeric), Some("978"));
        assert_eq!(find("978").map(|c| c.alpha3), Some("EUR"));
        assert_eq!(find("392").map(|c| c.exponent), Some(0));
        assert_eq!(find("KWD").map(|c| c.exponent), Some(3));
        assert_eq!(find("IDR").map(|c| c.exponent), Some(0));
        assert_eq!(find("XXX"), None);
        assert_eq!(find("999"), None);
        assert_eq!(find("EU"), None);
        assert_eq!(find(""), None);
        assert_eq!(find("9780"), None);
    }
}
