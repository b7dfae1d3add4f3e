//! Settings + payment data → the JSON body of `Charge/CreatePayment` (REST API V4, protocol §4), for
//! the embedded form. The same payment input as the hosted page (`payment_request`): the order id,
//! the amount and currency come from the order in the database; buyer data is cleaned to the same
//! limits; the attempt's own trans id and date travel in `metadata`, which the platform echoes in
//! every result, so that a REST result finds its attempt exactly like a form result.

use serde::Serialize;

use crate::error::Result;
use crate::field_rules::{self, BUYER_FIELDS};
use crate::input::Input;
use crate::payment_request;

pub const SETTING_KEYS: &[&str] = &["site_id", "ctx_mode", "capture_delay", "validation_mode", "threeds_min_amount", "contrib"];

const PAYMENT_KEYS: &[&str] = &["order_id", "amount", "currency", "trans_id", "trans_date", "language", "ipn_url", "ext_info"];

/// The metadata keys that carry the attempt (also read back by `rest_answer`).
pub const METADATA_TRANS_ID: &str = "systempay_trans_id";
pub const METADATA_TRANS_DATE: &str = "systempay_trans_date";

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CreatePayment {
    amount: i64,
    currency: &'static str,
    order_id: String,
    form_action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    contrib: Option<String>,
    ipn_target_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    strong_authentication: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_options: Option<TransactionOptions>,
    customer: Customer,
    /// Sorted map: the attempt, then the shop's extra information.
    metadata: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TransactionOptions {
    card_options: CardOptions,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CardOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    capture_delay: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manual_validation: Option<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Customer {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    billing_details: Details,
    #[serde(skip_serializing_if = "Details::is_empty")]
    shipping_details: Details,
}

/// `billingDetails` / `shippingDetails`: only the fields that have a value.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Details {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    legal_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    street_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zip_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell_phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

impl Details {
    fn is_empty(&self) -> bool {
        self.first_name.is_none() && self.last_name.is_none() && self.address.is_none() && self.city.is_none() && self.country.is_none()
    }
}

/// Builds the `Charge/CreatePayment` body, compact JSON.
pub fn build(settings: &Input, payment: &Input) -> Result<String> {
    settings.reject_unknown_keys(SETTING_KEYS)?;
    payment.reject_unknown_keys_with(PAYMENT_KEYS, BUYER_FIELDS.iter().map(|f| f.name))?;
    // The shop id is the REST user; checked here so that a typo is reported before any call.
    payment_request::site_id(settings)?;
    payment_request::ctx_mode(settings)?;
    let capture_delay = payment_request::capture_delay(settings)?;
    let validation_mode = payment_request::validation_mode(settings)?;
    let threeds_min_amount = payment_request::threeds_min_amount(settings)?;
    let contrib = payment_request::contrib(settings)?;

    let (order_id, amount_minor, currency) = payment_request::order_amount(payment)?;
    let (trans_id, trans_date) = payment_request::trans_id_and_date(payment)?;
    let ipn_url = payment.required_text("ipn_url")?.trim();
    if !payment_request::is_url(ipn_url) {
        return Err(payment.error("ipn_url", "must be an absolute http(s) URL of at most 1024 characters"));
    }
    let language = crate::language::resolve(payment.text("language")?, payment_request::DEFAULT_LANGUAGE, "payment[language]")?;

    let buyer = |name: &str| -> Result<Option<String>> {
        let field = field_rules::buyer_field(name).ok_or_else(|| payment.error(name, "not a buyer field"))?;
        Ok(payment.text(name)?.and_then(|v| field_rules::clean_buyer_value(field, v)))
    };
    let billing = Details {
        title: buyer("cust_title")?,
        first_name: buyer("cust_first_name")?,
        last_name: buyer("cust_last_name")?,
        legal_name: buyer("cust_legal_name")?,
        address: buyer("cust_address")?,
        address2: None,
        street_number: buyer("cust_address_number")?,
        district: buyer("cust_district")?,
        zip_code: buyer("cust_zip")?,
        city: buyer("cust_city")?,
        state: buyer("cust_state")?,
        country: buyer("cust_country")?,
        phone_number: buyer("cust_phone")?,
        cell_phone_number: buyer("cust_cell_phone")?,
        language: Some(language.to_owned()),
    };
    let shipping = Details {
        first_name: buyer("ship_to_first_name")?,
        last_name: buyer("ship_to_last_name")?,
        legal_name: buyer("ship_to_legal_name")?,
        address: buyer("ship_to_street")?,
        address2: buyer("ship_to_street2")?,
        street_number: buyer("ship_to_street_number")?,
        district: buyer("ship_to_district")?,
        zip_code: buyer("ship_to_zip")?,
        city: buyer("ship_to_city")?,
        state: buyer("ship_to_state")?,
        country: buyer("ship_to_country")?,
        phone_number: buyer("ship_to_phone_num")?,
        ..Details::default()
    };

    let strong_authentication = payment_request::below_threeds_threshold(threeds_min_amount.as_deref(), amount_minor, currency)?
        // Below the threshold ask for no authentication (frictionless); at or above it the issuer decides.
        .map(|below| if below { "DISABLED" } else { "AUTO" });
    let transaction_options = (capture_delay.is_some() || validation_mode.is_some()).then(|| TransactionOptions {
        card_options: CardOptions {
            capture_delay,
            manual_validation: validation_mode.map(|mode| if mode == "1" { "YES" } else { "NO" }),
        },
    });
    let mut metadata: std::collections::BTreeMap<String, String> =
        payment_request::ext_info(payment)?.into_iter().collect();
    metadata.insert(METADATA_TRANS_ID.to_owned(), trans_id.to_owned());
    metadata.insert(METADATA_TRANS_DATE.to_owned(), trans_date);

    let body = CreatePayment {
        amount: amount_minor,
        currency: currency.alpha3,
        order_id: order_id.to_owned(),
        form_action: "PAYMENT",
        contrib,
        ipn_target_url: ipn_url.to_owned(),
        strong_authentication,
        transaction_options,
        customer: Customer { email: buyer("cust_email")?, reference: buyer("cust_id")?, billing_details: billing, shipping_details: shipping },
        metadata,
    };
    serde_json::to_string(&body).map_err(|e| crate::error::Error::invalid("payment", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Value;

    fn input(context: &'static str, entries: &[(&str, &str)]) -> Input {
        Input::new(context, entries.iter().map(|(k, v)| (k.to_string(), Value::Text(v.to_string()))).collect())
    }

    fn settings() -> Input {
        input("settings", &[("site_id", "12345678"), ("ctx_mode", "TEST")])
    }

    fn payment(extra: &[(&str, &str)]) -> Input {
        let mut entries = vec![
            ("order_id", "42"),
            ("amount", "54.80"),
            ("currency", "EUR"),
            ("trans_id", "000123"),
            ("trans_date", "20261205101112"),
            ("ipn_url", "https://shop.example/callback/systempay/process.php"),
            ("language", "de"),
            ("cust_email", "zoe@example.com"),
            ("cust_id", "7"),
            ("cust_first_name", "Zoé"),
            ("cust_last_name", "Lefèvre-Müller"),
            ("cust_country", "de"),
        ];
        entries.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        entries.extend_from_slice(extra);
        input("payment", &entries)
    }

    fn json(settings: &Input, payment: &Input) -> serde_json::Value {
        serde_json::from_str(&build(settings, payment).expect("builds")).expect("JSON")
    }

    #[test]
    fn builds_the_body_in_minor_units_with_the_attempt_in_metadata() {
        let body = json(&settings(), &payment(&[]));
        assert_eq!(body["amount"], 5480);
        assert_eq!(body["currency"], "EUR");
        assert_eq!(body["orderId"], "42");
        assert_eq!(body["formAction"], "PAYMENT");
        assert_eq!(body["customer"]["email"], "zoe@example.com");
        assert_eq!(body["customer"]["reference"], "7");
        assert_eq!(body["customer"]["billingDetails"]["firstName"], "Zoé");
        assert_eq!(body["customer"]["billingDetails"]["country"], "DE");
        assert_eq!(body["customer"]["billingDetails"]["language"], "de");
        assert!(body["customer"].get("shippingDetails").is_none(), "no empty shipping block");
        assert_eq!(body["metadata"][METADATA_TRANS_ID], "000123");
        assert_eq!(body["metadata"][METADATA_TRANS_DATE], "20261205101112");
        assert!(body.get("strongAuthentication").is_none());
        assert!(body.get("transactionOptions").is_none());
    }

    #[test]
    fn zero_and_three_decimal_currencies() {
        assert_eq!(json(&settings(), &payment(&[("currency", "JPY"), ("amount", "5480")]))["amount"], 5480);
        assert_eq!(json(&settings(), &payment(&[("currency", "KWD"), ("amount", "1.234")]))["amount"], 1234);
    }

    #[test]
    fn three_ds_threshold_capture_and_validation() {
        let mut with = settings();
        with.entries.push(("threeds_min_amount".into(), Value::Text("100".into())));
        with.entries.push(("capture_delay".into(), Value::Text("3".into())));
        with.entries.push(("validation_mode".into(), Value::Text("1".into())));
        let body = json(&with, &payment(&[]));
        assert_eq!(body["strongAuthentication"], "DISABLED");
        assert_eq!(body["transactionOptions"]["cardOptions"]["captureDelay"], 3);
        assert_eq!(body["transactionOptions"]["cardOptions"]["manualValidation"], "YES");
        let body = json(&with, &payment(&[("amount", "100.00")]));
        assert_eq!(body["strongAuthentication"], "AUTO");
    }

    #[test]
    fn buyer_data_is_cleaned_and_unicode_kept() {
        let long = "Straße ".repeat(60);
        let body = json(&settings(), &payment(&[("cust_address", &long), ("cust_email", "not an email"), ("ship_to_city", "Köln\u{0}"), ("ship_to_last_name", "Ôdile")]));
        assert_eq!(body["customer"]["billingDetails"]["address"].as_str().map(|s| s.chars().count()), Some(255), "cut at 255 characters");
        assert!(body["customer"].get("email").is_none());
        assert_eq!(body["customer"]["shippingDetails"]["city"], "Köln");
        let raw = build(&settings(), &payment(&[])).expect("builds");
        assert!(raw.contains("Lefèvre-Müller"), "UTF-8 as is, not \\u escapes");
    }

    #[test]
    fn shop_values_are_refused_with_the_field_named() {
        for (key, value, field) in [
            ("amount", "0", "payment[amount]"),
            ("amount", "-1", "payment[amount]"),
            ("currency", "XXX", "payment[currency]"),
            ("order_id", "42; DROP", "payment[order_id]"),
            ("trans_id", "900000", "payment[trans_id]"),
            ("ipn_url", "javascript:alert(1)", "payment[ipn_url]"),
            ("cust_emial", "x", "payment[cust_emial]"),
        ] {
            let err = build(&settings(), &payment(&[(key, value)])).expect_err(key).to_string();
            assert!(err.contains(field), "{key}: {err}");
        }
        let err = build(&input("settings", &[("site_id", "123"), ("ctx_mode", "TEST")]), &payment(&[])).expect_err("site id").to_string();
        assert!(err.contains("settings[site_id]"), "{err}");
    }
}
