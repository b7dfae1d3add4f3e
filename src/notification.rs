//! A notification (IPN) or browser return → a verified, typed [`Notification`] (protocol §2, §3).
//!
//! Order of checks: the claimed mode picks the key; the signature is verified over the bytes as
//! received; only then are fields decoded and validated, so nothing unauthenticated is interpreted.

use crate::error::{Error, Result};
use crate::form_encoding::{self, RawFields};
use crate::signature::{self, Algorithm};
use crate::status::{self, Outcome};

/// The merchant's two keys; the one used is chosen by `vads_ctx_mode`.
#[derive(Clone, Copy, Default)]
pub struct Keys<'a> {
    pub test: Option<&'a [u8]>,
    pub production: Option<&'a [u8]>,
}

impl Keys<'_> {
    pub(crate) fn for_mode(&self, mode: &str) -> Option<&[u8]> {
        match mode {
            "TEST" => self.test,
            "PRODUCTION" => self.production,
            _ => None,
        }
        .map(signature::normalise_key)
        .filter(|key| !key.is_empty())
    }
}

/// A notification whose signature has been verified and whose key fields are well-formed.
#[derive(Debug, Clone)]
pub struct Notification {
    /// Every received field, sorted by name (names are unique).
    fields: Vec<(String, String)>,
    amount_minor: i64,
    outcome: Outcome,
}

/// Parses and verifies a raw `application/x-www-form-urlencoded` body.
pub fn parse_body(body: &[u8], keys: Keys<'_>, algorithm: Algorithm) -> Result<Notification> {
    parse_fields(form_encoding::parse(body)?, keys, algorithm)
}

/// Verifies already-decoded fields (the `$_POST` fallback).
pub fn parse_fields(raw: RawFields, keys: Keys<'_>, algorithm: Algorithm) -> Result<Notification> {
    form_encoding::reject_duplicates(&raw)?;
    let raw_value = |name: &str| raw.iter().find(|(n, _)| n == name.as_bytes()).map(|(_, v)| v.as_slice());

    let mode = match raw_value("vads_ctx_mode") {
        Some(b"TEST") => "TEST",
        Some(b"PRODUCTION") => "PRODUCTION",
        Some(_) => return Err(Error::malformed("vads_ctx_mode", "must be TEST or PRODUCTION")),
        None => return Err(Error::malformed("vads_ctx_mode", "is missing")),
    };
    let key = keys.for_mode(mode).ok_or_else(|| Error::NoKeyForMode(mode.to_owned()))?;
    let provided = raw_value("signature").unwrap_or(b"");
    let pairs = raw.iter().map(|(n, v)| (n.as_slice(), v.as_slice()));
    if !signature::verify(pairs, provided, key, algorithm) {
        return Err(Error::SignatureMismatch(mode.to_owned()));
    }

    let mut fields = Vec::with_capacity(raw.len());
    for (name, value) in raw {
        let name = String::from_utf8(name).map_err(|e| Error::malformed(String::from_utf8_lossy(e.as_bytes()), "name is not UTF-8"))?;
        let value = String::from_utf8(value).map_err(|_| Error::malformed(name.clone(), "value is not UTF-8"))?;
        fields.push((name, value));
    }
    fields.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Notification::validated(fields)
}

impl Notification {
    pub(crate) fn validated(fields: Vec<(String, String)>) -> Result<Notification> {
        let get = |name: &str| fields.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|i| fields[i].1.as_str());
        let required = |name: &'static str| get(name).filter(|v| !v.is_empty()).ok_or_else(|| Error::malformed(name, "is missing"));

        let site_id = required("vads_site_id")?;
        if !crate::payment_request::is_site_id(site_id) {
            return Err(Error::malformed("vads_site_id", "must be 8 digits"));
        }
        let trans_id = required("vads_trans_id")?;
        if trans_id.len() != 6 || !trans_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::malformed("vads_trans_id", "must be 6 letters or digits"));
        }
        let status = required("vads_trans_status")?;
        let outcome = status::outcome(status);
        let amount = required("vads_amount")?;
        let amount_minor = amount
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| amount.parse::<i64>().ok())
            .flatten()
            .ok_or_else(|| Error::malformed("vads_amount", "must be a whole number of minor units"))?;
        let currency = required("vads_currency")?;
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::malformed("vads_currency", "must be a 3-digit ISO 4217 code"));
        }
        if let Some(uuid) = get("vads_trans_uuid").filter(|u| !u.is_empty()) {
            if uuid.len() != 32 || !uuid.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Error::malformed("vads_trans_uuid", "must be 32 hexadecimal digits"));
            }
        }
        Ok(Notification { fields, amount_minor, outcome })
    }

    /// The value of a received field (`None` when absent).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|i| self.fields[i].1.as_str())
    }

    /// A field known to be present after validation.
    fn present(&self, name: &str) -> &str {
        self.field(name).unwrap_or("")
    }

    fn non_empty(&self, name: &str) -> Option<&str> {
        self.field(name).filter(|v| !v.is_empty())
    }

    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }

    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    pub fn is_known_status(&self) -> bool {
        status::known_outcome(self.status()).is_some()
    }

    pub fn status(&self) -> &str {
        self.present("vads_trans_status")
    }

    /// Only the server-to-server notification carries `vads_hash`; a browser return never does.
    pub fn is_server_notification(&self) -> bool {
        self.field("vads_hash").is_some()
    }

    pub fn order_id(&self) -> Option<&str> {
        self.non_empty("vads_order_id")
    }

    pub fn trans_id(&self) -> &str {
        self.present("vads_trans_id")
    }

    pub fn trans_uuid(&self) -> Option<&str> {
        self.non_empty("vads_trans_uuid")
    }

    pub fn site_id(&self) -> &str {
        self.present("vads_site_id")
    }

    pub fn ctx_mode(&self) -> &str {
        self.present("vads_ctx_mode")
    }

    pub fn amount_minor(&self) -> i64 {
        self.amount_minor
    }

    /// ISO 4217 numeric code.
    pub fn currency(&self) -> &str {
        self.present("vads_currency")
    }

    pub fn result(&self) -> Option<&str> {
        self.non_empty("vads_result")
    }

    pub fn card_brand(&self) -> Option<&str> {
        self.non_empty("vads_card_brand")
    }

    /// The masked number as the platform sends it (`497010XXXXXX0014`); never a full number, since
    /// the platform masks it, but digits beyond the first 6 and last 4 are masked again here.
    pub fn masked_card_number(&self) -> Option<String> {
        self.non_empty("vads_card_number").map(mask_card_number)
    }

    pub fn threeds_status(&self) -> Option<&str> {
        self.non_empty("vads_threeds_status")
    }

    pub fn url_check_src(&self) -> Option<&str> {
        self.non_empty("vads_url_check_src")
    }

    /// `RETURN` for a browser return, else `vads_url_check_src` (`PAY` when a notification lacks it).
    pub fn source(&self) -> &str {
        if !self.is_server_notification() {
            "RETURN"
        } else {
            self.url_check_src().unwrap_or("PAY")
        }
    }

    /// False when the source comes from a field outside the signature: a REST notification's `kr-src`
    /// (the form API signs `vads_url_check_src`; a return's source is the key that verified it; the
    /// answer of the shop's own back-office call is the shop's own).
    pub fn is_source_signed(&self) -> bool {
        self.field(crate::rest_answer::OPERATION_FIELD).is_some()
            || !(self.is_server_notification() && self.field(crate::rest_answer::FORMAT_FIELD).is_some())
    }

    /// A refund: `vads_operation_type=CREDIT` (a payment is `DEBIT`, the default).
    pub fn is_credit(&self) -> bool {
        self.field("vads_operation_type") == Some("CREDIT")
    }
}

/// Keeps at most the first 6 and last 4 characters of a card number visible.
pub fn mask_card_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 10 {
        return chars.iter().map(|c| if c.is_ascii_digit() { 'X' } else { *c }).collect();
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < 6 || i >= chars.len() - 4 || !c.is_ascii_digit() { c } else { 'X' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_card_numbers_beyond_six_and_four() {
        assert_eq!(mask_card_number("4970100000000014"), "497010XXXXXX0014");
        assert_eq!(mask_card_number("497010XXXXXX0014"), "497010XXXXXX0014");
        assert_eq!(mask_card_number("1234"), "XXXX");
    }
}
