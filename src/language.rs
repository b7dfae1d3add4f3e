//! Languages of the payment page (protocol §6) and the mapping from the shop's language code.

use crate::error::{Error, Result};

/// Codes the payment page can show, in the platform's order.
pub const SUPPORTED: &[&str] = &["de", "en", "zh", "es", "fr", "it", "ja", "nl", "pl", "pt", "ru", "sv", "tr"];

pub fn is_supported(code: &str) -> bool {
    SUPPORTED.contains(&code)
}

/// The payment-page language for a shop language code (`de`, `DE`, `de_DE`, `de-AT`), or `None`
/// when the platform has no page in that language.
pub fn from_shop_code(shop_code: &str) -> Option<&'static str> {
    let primary = shop_code.trim().split(['_', '-']).next().unwrap_or("");
    SUPPORTED.iter().copied().find(|code| code.eq_ignore_ascii_case(primary))
}

/// The shop language mapped, else the admin's default (which must itself be supported).
pub fn resolve(shop_code: Option<&str>, default_code: &str, field: &str) -> Result<&'static str> {
    if let Some(code) = shop_code.and_then(from_shop_code) {
        return Ok(code);
    }
    from_shop_code(default_code)
        .filter(|code| code.eq_ignore_ascii_case(default_code.trim()))
        .ok_or_else(|| Error::invalid(field, format!("{default_code:?} is not a payment page language")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_shop_codes_and_falls_back_to_the_default() {
        assert_eq!(from_shop_code("de"), Some("de"));
        assert_eq!(from_shop_code("DE"), Some("de"));
        assert_eq!(from_shop_code("de_DE"), Some("de"));
        assert_eq!(from_shop_code("pt-BR"), Some("pt"));
        assert_eq!(from_shop_code("da"), None);
        assert_eq!(from_shop_code(""), None);
        assert_eq!(resolve(Some("fr"), "en", "language"), Ok("fr"));
        assert_eq!(resolve(Some("da"), "en", "language"), Ok("en"));
        assert_eq!(resolve(None, "de", "language"), Ok("de"));
        assert!(resolve(Some("da"), "xx", "language").is_err());
        assert!(resolve(None, "de_DE", "language").is_err(), "the default is a platform code, not a locale");
    }
}
