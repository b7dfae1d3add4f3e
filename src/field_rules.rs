//! The limits of the buyer-data fields of a payment request, in one table (protocol §1). Buyer data
//! is cleaned rather than refused, so that a long street name never sends a buyer to the platform's
//! error page: control characters become spaces, values are trimmed and cut to the platform's length,
//! and a value that cannot be fixed (a bad country code or email) is left out.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text, cut to the limit.
    Text,
    /// An email address: left out when longer than the limit or without `@` (cutting breaks it).
    Email,
    /// ISO 3166-1 alpha-2, upper-cased; left out when not two letters.
    Country,
}

#[derive(Debug, Clone, Copy)]
pub struct BuyerField {
    /// The payment-input key, also the `vads_` field name without its prefix.
    pub name: &'static str,
    pub max_chars: usize,
    pub kind: Kind,
}

const fn f(name: &'static str, max_chars: usize, kind: Kind) -> BuyerField {
    BuyerField { name, max_chars, kind }
}

pub const BUYER_FIELDS: &[BuyerField] = &[
    f("cust_id", 63, Kind::Text),
    f("cust_email", 150, Kind::Email),
    f("cust_title", 63, Kind::Text),
    f("cust_first_name", 63, Kind::Text),
    f("cust_last_name", 63, Kind::Text),
    f("cust_legal_name", 100, Kind::Text),
    f("cust_address", 255, Kind::Text),
    f("cust_address_number", 64, Kind::Text),
    f("cust_district", 127, Kind::Text),
    f("cust_zip", 64, Kind::Text),
    f("cust_city", 128, Kind::Text),
    f("cust_state", 127, Kind::Text),
    f("cust_country", 2, Kind::Country),
    f("cust_phone", 32, Kind::Text),
    f("cust_cell_phone", 32, Kind::Text),
    f("ship_to_first_name", 63, Kind::Text),
    f("ship_to_last_name", 63, Kind::Text),
    f("ship_to_legal_name", 100, Kind::Text),
    f("ship_to_street", 255, Kind::Text),
    f("ship_to_street2", 255, Kind::Text),
    f("ship_to_street_number", 64, Kind::Text),
    f("ship_to_district", 127, Kind::Text),
    f("ship_to_zip", 64, Kind::Text),
    f("ship_to_city", 128, Kind::Text),
    f("ship_to_state", 127, Kind::Text),
    f("ship_to_country", 2, Kind::Country),
    f("ship_to_phone_num", 32, Kind::Text),
];

/// Limits of the other free-text request fields.
pub const MAX_URL_CHARS: usize = 1024;
pub const MAX_ORDER_ID_CHARS: usize = 64;
pub const MAX_MESSAGE_CHARS: usize = 255;
pub const MAX_CONTRIB_CHARS: usize = 255;
pub const MAX_EXT_INFO_CHARS: usize = 255;
pub const MAX_EXT_INFO_NAME_CHARS: usize = 40;

pub fn buyer_field(name: &str) -> Option<&'static BuyerField> {
    BUYER_FIELDS.iter().find(|field| field.name == name)
}

/// Control characters to spaces, surrounding whitespace trimmed, cut to `max_chars` characters.
pub fn clean_text(value: &str, max_chars: usize) -> String {
    let cleaned: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    cleaned.trim().chars().take(max_chars).collect::<String>().trim_end().to_owned()
}

/// The value to send for a buyer field, or `None` when it is empty or cannot be made valid.
pub fn clean_buyer_value(field: &BuyerField, value: &str) -> Option<String> {
    let cleaned = match field.kind {
        Kind::Text => clean_text(value, field.max_chars),
        Kind::Email => {
            let email = value.trim();
            let plausible = email.chars().count() <= field.max_chars
                && email.contains('@')
                && !email.chars().any(|c| c.is_control() || c.is_whitespace());
            if plausible { email.to_owned() } else { String::new() }
        }
        Kind::Country => {
            let code = value.trim().to_ascii_uppercase();
            if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) { code } else { String::new() }
        }
    };
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cleaned_and_cut_by_characters_not_bytes() {
        let field = buyer_field("cust_first_name").expect("exists");
        assert_eq!(clean_buyer_value(field, "  Zoë\r\nAnn  ").as_deref(), Some("Zoë  Ann"));
        let long = "é".repeat(100);
        assert_eq!(clean_buyer_value(field, &long).map(|v| v.chars().count()), Some(63));
        assert_eq!(clean_buyer_value(field, "   "), None);
    }

    #[test]
    fn unfixable_values_are_left_out() {
        let email = buyer_field("cust_email").expect("exists");
        assert_eq!(clean_buyer_value(email, " a@b.example ").as_deref(), Some("a@b.example"));
        assert_eq!(clean_buyer_value(email, "not-an-email"), None);
        assert_eq!(clean_buyer_value(email, &format!("{}@x.example", "a".repeat(150))), None);
        let country = buyer_field("cust_country").expect("exists");
        assert_eq!(clean_buyer_value(country, "de").as_deref(), Some("DE"));
        assert_eq!(clean_buyer_value(country, "DEU"), None);
        assert_eq!(clean_buyer_value(country, "D1"), None);
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in BUYER_FIELDS.iter().enumerate() {
            assert!(BUYER_FIELDS[i + 1..].iter().all(|b| b.name != a.name), "{}", a.name);
        }
    }
}
