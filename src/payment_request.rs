//! Settings + payment data → every field of the hosted-payment-page form, signed (protocol §1, §5).
//!
//! Shop-controlled values (site id, order id, trans id, URLs, amounts) are validated and refused
//! with an error naming the field; buyer data is cleaned to the platform's limits (see
//! `field_rules`), because a buyer cannot fix a refused street name.

use crate::currency::Currency;
use crate::error::Result;
use crate::field_rules::{self, BUYER_FIELDS};
use crate::input::Input;
use crate::signature::{self, Algorithm};
use crate::{language, money, utc_time};

pub const SETTING_KEYS: &[&str] = &[
    "site_id",
    "ctx_mode",
    "key_test",
    "key_production",
    "sign_algorithm",
    "default_language",
    "available_languages",
    "capture_delay",
    "validation_mode",
    "payment_cards",
    "threeds_min_amount",
    "redirect_enabled",
    "redirect_success_timeout",
    "redirect_success_message",
    "redirect_error_timeout",
    "redirect_error_message",
    "return_mode",
    "contrib",
];

const PAYMENT_KEYS: &[&str] = &[
    "order_id", "amount", "currency", "trans_id", "trans_date", "language", "url_return", "url_success",
    "url_refused", "url_cancel", "url_error", "ext_info",
];

/// The seed's default message before an automatic redirection.
pub const DEFAULT_REDIRECT_MESSAGE: &str = "Redirection vers la boutique dans quelques instants";
pub const DEFAULT_LANGUAGE: &str = "fr";

/// The fields to post, `vads_*` sorted by name, then `signature`.
pub type Fields = Vec<(String, String)>;

/// The validated merchant configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub site_id: String,
    pub ctx_mode: &'static str,
    key: String,
    pub algorithm: Algorithm,
    pub default_language: &'static str,
    pub available_languages: Vec<String>,
    pub capture_delay: Option<u32>,
    pub validation_mode: Option<&'static str>,
    pub payment_cards: Vec<String>,
    pub threeds_min_amount: Option<String>,
    pub redirect: Option<Redirect>,
    pub return_mode: &'static str,
    pub contrib: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Redirect {
    pub success_timeout: u32,
    pub success_message: String,
    pub error_timeout: u32,
    pub error_message: String,
}

impl Settings {
    pub fn from_input(input: &Input) -> Result<Settings> {
        input.reject_unknown_keys(SETTING_KEYS)?;
        let site_id = site_id(input)?;
        let ctx_mode = ctx_mode(input)?;
        let key_name = if ctx_mode == "TEST" { "key_test" } else { "key_production" };
        let key = input.text(key_name)?.map(str::trim).unwrap_or("");
        if key.is_empty() {
            return Err(input.error(key_name, format!("is required in {ctx_mode} mode")));
        }
        let algorithm = match input.text("sign_algorithm")? {
            None => Algorithm::HmacSha256,
            Some(name) => Algorithm::parse(name.trim()).map_err(|_| input.error("sign_algorithm", "must be SHA-1 or HMAC-SHA-256"))?,
        };
        let default_language = language::resolve(None, input.text("default_language")?.unwrap_or(DEFAULT_LANGUAGE), "settings[default_language]")?;
        let available_languages = input.list("available_languages")?;
        if let Some(bad) = available_languages.iter().find(|code| !language::is_supported(code)) {
            return Err(input.error("available_languages", format!("{bad:?} is not a payment page language")));
        }
        let capture_delay = capture_delay(input)?;
        let validation_mode = validation_mode(input)?;
        let payment_cards = input.list("payment_cards")?;
        if let Some(bad) = payment_cards.iter().find(|card| !card.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')) {
            return Err(input.error("payment_cards", format!("{:?} is not a card brand code", money::truncate_for_message(bad))));
        }
        let threeds_min_amount = threeds_min_amount(input)?;
        let redirect = if input.flag("redirect_enabled")? {
            let message = |key: &str| -> Result<String> {
                let text = field_rules::clean_text(input.text(key)?.unwrap_or(""), field_rules::MAX_MESSAGE_CHARS);
                Ok(if text.is_empty() { DEFAULT_REDIRECT_MESSAGE.to_owned() } else { text })
            };
            Some(Redirect {
                success_timeout: input.int_in("redirect_success_timeout", 0..=300, 5)?,
                success_message: message("redirect_success_message")?,
                error_timeout: input.int_in("redirect_error_timeout", 0..=300, 5)?,
                error_message: message("redirect_error_message")?,
            })
        } else {
            None
        };
        let return_mode = match input.text("return_mode")?.map(str::trim) {
            None | Some("GET") => "GET",
            Some("POST") => "POST",
            Some(_) => return Err(input.error("return_mode", "must be GET or POST")),
        };
        let contrib = contrib(input)?;
        Ok(Settings {
            site_id,
            ctx_mode,
            key: key.to_owned(),
            algorithm,
            default_language,
            available_languages,
            capture_delay,
            validation_mode,
            payment_cards,
            threeds_min_amount,
            redirect,
            return_mode,
            contrib,
        })
    }
}

/// Any 2-decimal currency, to validate a configured amount before the order currency is known.
const PLAIN_DECIMAL: Currency = Currency { alpha3: "EUR", numeric: "978", exponent: 2 };

pub fn is_site_id(s: &str) -> bool {
    s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `000000`–`899999`: the range the platform accepts from a shop.
pub fn is_request_trans_id(s: &str) -> bool {
    s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) && s.as_bytes()[0] != b'9'
}

pub fn is_order_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= field_rules::MAX_ORDER_ID_CHARS && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

// Settings shared by the hosted page and the REST API (`rest_payment`).

pub(crate) fn site_id(input: &Input) -> Result<String> {
    let site_id = input.required_text("site_id")?.trim().to_owned();
    if !is_site_id(&site_id) {
        return Err(input.error("site_id", "must be exactly 8 digits"));
    }
    Ok(site_id)
}

pub(crate) fn ctx_mode(input: &Input) -> Result<&'static str> {
    match input.required_text("ctx_mode")?.trim() {
        "TEST" => Ok("TEST"),
        "PRODUCTION" => Ok("PRODUCTION"),
        _ => Err(input.error("ctx_mode", "must be TEST or PRODUCTION")),
    }
}

pub(crate) fn capture_delay(input: &Input) -> Result<Option<u32>> {
    match input.text("capture_delay")? {
        None => Ok(None),
        Some(_) => Ok(Some(input.int_in("capture_delay", 0..=365, 0)?)),
    }
}

/// `None` (the back office's default), `"0"` (automatic) or `"1"` (manual validation).
pub(crate) fn validation_mode(input: &Input) -> Result<Option<&'static str>> {
    match input.text("validation_mode")?.map(str::trim) {
        None | Some("") => Ok(None),
        Some("0") => Ok(Some("0")),
        Some("1") => Ok(Some("1")),
        Some(_) => Err(input.error("validation_mode", "must be empty (back-office default), 0 (automatic) or 1 (manual)")),
    }
}

pub(crate) fn threeds_min_amount(input: &Input) -> Result<Option<String>> {
    match input.text("threeds_min_amount")?.map(str::trim) {
        None | Some("") => Ok(None),
        Some(amount) => {
            // Checked against a 2-decimal currency here; applied in the order's currency later.
            if money::to_minor_units(amount, &PLAIN_DECIMAL).is_err() {
                return Err(input.error("threeds_min_amount", "must be a decimal amount such as 30 or 30.00"));
            }
            Ok(Some(amount.to_owned()))
        }
    }
}

/// True when the amount is below the 3-D Secure threshold: ask for no challenge (frictionless).
pub(crate) fn below_threeds_threshold(threshold: Option<&str>, amount_minor: i64, currency: &Currency) -> Result<Option<bool>> {
    match threshold {
        None => Ok(None),
        Some(threshold) => Ok(Some(amount_minor < money::to_minor_units(threshold, currency)?)),
    }
}

pub(crate) fn contrib(input: &Input) -> Result<Option<String>> {
    Ok(input.text("contrib")?.map(|c| field_rules::clean_text(c, field_rules::MAX_CONTRIB_CHARS)).filter(|c| !c.is_empty()))
}

/// The order id, amount (minor units > 0) and currency of a payment input.
pub(crate) fn order_amount(payment: &Input) -> Result<(&str, i64, &'static Currency)> {
    let order_id = payment.required_text("order_id")?.trim();
    if !is_order_id(order_id) {
        return Err(payment.error("order_id", "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -"));
    }
    let currency = money::currency_for(payment.required_text("currency")?, "payment[currency]")?;
    let amount_minor = money::to_minor_units(payment.required_text("amount")?.trim(), currency)
        .map_err(|e| payment.error("amount", e.to_string()))?;
    if amount_minor <= 0 {
        return Err(payment.error("amount", "must be greater than zero"));
    }
    Ok((order_id, amount_minor, currency))
}

pub(crate) fn trans_id_and_date(payment: &Input) -> Result<(&str, String)> {
    let trans_id = payment.required_text("trans_id")?.trim();
    if !is_request_trans_id(trans_id) {
        return Err(payment.error("trans_id", "must be 6 digits from 000000 to 899999"));
    }
    let trans_date = match payment.text("trans_date")? {
        Some(date) if utc_time::is_valid_trans_date(date) => date.to_owned(),
        Some(_) => return Err(payment.error("trans_date", "must be a UTC date YYYYMMDDHHMMSS")),
        None => utc_time::now_trans_date(),
    };
    Ok((trans_id, trans_date))
}

/// `ext_info` entries with checked names and cleaned values.
pub(crate) fn ext_info(payment: &Input) -> Result<Vec<(String, String)>> {
    let mut entries = Vec::new();
    for (name, value) in payment.map("ext_info")? {
        let valid_name = !name.is_empty()
            && name.len() <= field_rules::MAX_EXT_INFO_NAME_CHARS
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid_name {
            return Err(payment.error("ext_info", format!("{:?} is not a valid extra-info name (A-Z, a-z, 0-9, _)", money::truncate_for_message(name))));
        }
        entries.push((name.clone(), field_rules::clean_text(value, field_rules::MAX_EXT_INFO_CHARS)));
    }
    Ok(entries)
}

pub(crate) fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() > "https://".len()
        && s.chars().count() <= field_rules::MAX_URL_CHARS
        && !s.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Builds and signs the form.
pub fn build(settings_input: &Input, payment: &Input) -> Result<Fields> {
    let settings = Settings::from_input(settings_input)?;
    payment.reject_unknown_keys_with(PAYMENT_KEYS, BUYER_FIELDS.iter().map(|f| f.name))?;

    let (order_id, amount_minor, currency) = order_amount(payment)?;
    let (trans_id, trans_date) = trans_id_and_date(payment)?;
    let page_language = language::resolve(payment.text("language")?, settings.default_language, "settings[default_language]")?;

    let mut fields: Fields = Vec::with_capacity(64);
    let mut put = |name: &str, value: String| fields.push((format!("vads_{name}"), value));
    put("site_id", settings.site_id.clone());
    put("ctx_mode", settings.ctx_mode.to_owned());
    put("trans_id", trans_id.to_owned());
    put("trans_date", trans_date);
    put("amount", amount_minor.to_string());
    put("currency", currency.numeric.to_owned());
    put("action_mode", "INTERACTIVE".to_owned());
    put("page_action", "PAYMENT".to_owned());
    put("payment_config", "SINGLE".to_owned());
    put("version", "V2".to_owned());
    put("order_id", order_id.to_owned());
    put("language", page_language.to_owned());
    put("return_mode", settings.return_mode.to_owned());
    if !settings.available_languages.is_empty() {
        put("available_languages", settings.available_languages.join(";"));
    }
    if let Some(days) = settings.capture_delay {
        put("capture_delay", days.to_string());
    }
    if let Some(mode) = settings.validation_mode {
        put("validation_mode", mode.to_owned());
    }
    if !settings.payment_cards.is_empty() {
        put("payment_cards", settings.payment_cards.join(";"));
    }
    if let Some(below) = below_threeds_threshold(settings.threeds_min_amount.as_deref(), amount_minor, currency)? {
        // Below the threshold ask for frictionless (`2`); at or above it let the issuer decide.
        put("threeds_mpi", if below { "2" } else { "" }.to_owned());
    }
    if let Some(redirect) = &settings.redirect {
        put("redirect_success_timeout", redirect.success_timeout.to_string());
        put("redirect_success_message", redirect.success_message.clone());
        put("redirect_error_timeout", redirect.error_timeout.to_string());
        put("redirect_error_message", redirect.error_message.clone());
    }
    if let Some(contrib) = &settings.contrib {
        put("contrib", contrib.clone());
    }
    for key in ["url_return", "url_success", "url_refused", "url_cancel", "url_error"] {
        if let Some(url) = payment.text(key)?.map(str::trim) {
            if !is_url(url) {
                return Err(payment.error(key, "must be an absolute http(s) URL of at most 1024 characters"));
            }
            put(key, url.to_owned());
        }
    }
    for field in BUYER_FIELDS {
        if let Some(value) = payment.text(field.name)?.and_then(|v| field_rules::clean_buyer_value(field, v)) {
            put(field.name, value);
        }
    }
    for (name, value) in ext_info(payment)? {
        put(&format!("ext_info_{name}"), value);
    }

    fields.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let signature = signature::sign(fields.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes())), settings.key.as_bytes(), settings.algorithm);
    fields.push(("signature".to_owned(), signature));
    Ok(fields)
}
