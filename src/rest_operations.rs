//! The back-office operations the shop admin runs on a payment through the REST API (protocol §4):
//! the request bodies of `Transaction/Get`, `Order/Get`, `Transaction/CancelOrRefund`,
//! `Transaction/Update`, `Transaction/Validate` and `Charge/SDKTest`, the amounts they may carry, and
//! a typed view of the transactions the platform answers with. Amounts are minor units of the
//! payment's currency; an admin's decimal entry is converted here, and a refund is never more than
//! what is left to refund.

use serde::Serialize;
use serde_json::Value;

use crate::json_path::text;

use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::money;

/// A platform transaction uuid: 32 lowercase hex digits.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn checked_uuid(uuid: &str) -> Result<&str> {
    if is_uuid(uuid) {
        Ok(uuid)
    } else {
        Err(Error::invalid("uuid", "must be 32 lowercase hexadecimal digits"))
    }
}

fn comment(text: Option<&str>) -> Option<String> {
    text.map(|c| crate::field_rules::clean_text(c, crate::field_rules::MAX_MESSAGE_CHARS)).filter(|c| !c.is_empty())
}

/// An amount the admin typed, in the payment's currency: `12.50` or `12,50`, never more decimals than
/// the currency has (a refund is not rounded behind the admin's back).
pub fn admin_amount(text: &str, currency: &Currency) -> Result<i64> {
    let text = text.trim().replacen(',', ".", 1);
    if let Some((_, fraction)) = text.split_once('.') {
        if u32::try_from(fraction.len()).map_or(true, |digits| digits > currency.exponent) {
            return Err(Error::invalid("amount", format!("{} has {} decimals", currency.alpha3, currency.exponent)));
        }
    }
    money::to_minor_units(&text, currency).map_err(|e| Error::invalid("amount", e.to_string()))
}

fn to_json(body: &impl Serialize) -> Result<String> {
    serde_json::to_string(body).map_err(|e| Error::invalid("body", e.to_string()))
}

#[derive(Serialize)]
struct Uuid<'a> {
    uuid: &'a str,
}

pub fn transaction_get(uuid: &str) -> Result<String> {
    to_json(&Uuid { uuid: checked_uuid(uuid)? })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrderGet<'a> {
    order_id: &'a str,
}

pub fn order_get(order_id: &str) -> Result<String> {
    if !crate::payment_request::is_order_id(order_id) {
        return Err(Error::invalid("orderId", "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -"));
    }
    to_json(&OrderGet { order_id })
}

/// What is left to refund of a captured amount after the refunds so far.
pub fn refundable(captured_minor: i64, refunded_minor: &[i64]) -> Result<i64> {
    Ok(crate::refund::summarise(captured_minor, refunded_minor)?.remaining_minor)
}

/// Which side of `Transaction/CancelOrRefund` the admin asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// A captured payment: money goes back to the buyer.
    RefundOnly,
    /// A payment not captured yet: it is cancelled, nothing is charged.
    CancellationOnly,
}

impl Resolution {
    pub fn parse(name: &str) -> Result<Resolution> {
        match name {
            "REFUND_ONLY" => Ok(Resolution::RefundOnly),
            "CANCELLATION_ONLY" => Ok(Resolution::CancellationOnly),
            _ => Err(Error::invalid("resolutionMode", "must be REFUND_ONLY or CANCELLATION_ONLY")),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Resolution::RefundOnly => "REFUND_ONLY",
            Resolution::CancellationOnly => "CANCELLATION_ONLY",
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CancelOrRefund<'a> {
    uuid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<i64>,
    currency: &'static str,
    resolution_mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

/// A refund of `amount` (the admin's decimal entry in the payment's currency; `None` = all that is
/// left) or the cancellation of the whole payment. Returns the body and the amount in minor units.
pub fn cancel_or_refund(
    uuid: &str,
    resolution: Resolution,
    amount: Option<&str>,
    currency: &'static Currency,
    captured_minor: i64,
    refunded_minor: &[i64],
    note: Option<&str>,
) -> Result<(String, i64)> {
    let uuid = checked_uuid(uuid)?;
    let left = refundable(captured_minor, refunded_minor)?;
    let amount_minor = match (resolution, amount.map(str::trim).filter(|a| !a.is_empty())) {
        (Resolution::CancellationOnly, None) => captured_minor,
        (Resolution::CancellationOnly, Some(_)) => {
            return Err(Error::invalid("amount", "a cancellation is always of the whole payment (lower the amount instead)"))
        }
        (Resolution::RefundOnly, None) => left,
        (Resolution::RefundOnly, Some(text)) => admin_amount(text, currency)?,
    };
    if amount_minor <= 0 {
        return Err(Error::invalid("amount", if left == 0 { "nothing is left to refund" } else { "must be greater than zero" }));
    }
    if resolution == Resolution::RefundOnly && amount_minor > left {
        return Err(Error::invalid("amount", format!("at most {} {} is left to refund", money::from_minor_units(left, currency)?, currency.alpha3)));
    }
    let body = CancelOrRefund {
        uuid,
        amount: (resolution == Resolution::RefundOnly).then_some(amount_minor),
        currency: currency.alpha3,
        resolution_mode: resolution.as_str(),
        comment: comment(note),
    };
    Ok((to_json(&body)?, amount_minor))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Update<'a> {
    uuid: &'a str,
    card_update: CardUpdate,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CardUpdate {
    amount: i64,
    currency: &'static str,
}

/// Lowers the amount of a payment not captured yet to `amount` (decimal, the payment's currency).
pub fn lower_amount(uuid: &str, amount: &str, currency: &'static Currency, current_minor: i64, note: Option<&str>) -> Result<(String, i64)> {
    let uuid = checked_uuid(uuid)?;
    let amount_minor = admin_amount(amount, currency)?;
    if amount_minor <= 0 || amount_minor >= current_minor {
        return Err(Error::invalid("amount", format!("must be above zero and below the current {} {}", money::from_minor_units(current_minor, currency)?, currency.alpha3)));
    }
    let body = Update { uuid, card_update: CardUpdate { amount: amount_minor, currency: currency.alpha3 }, comment: comment(note) };
    Ok((to_json(&body)?, amount_minor))
}

#[derive(Serialize)]
struct Validate<'a> {
    uuid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

/// Validates (lets the platform capture) a payment in manual validation mode.
pub fn validate(uuid: &str, note: Option<&str>) -> Result<String> {
    to_json(&Validate { uuid: checked_uuid(uuid)?, comment: comment(note) })
}

#[derive(Serialize)]
struct SdkTest<'a> {
    value: &'a str,
}

/// `Charge/SDKTest`: the platform echoes `value`; a credential check that moves no money.
pub fn sdk_test(value: &str) -> Result<String> {
    if value.is_empty() || value.len() > 64 || !value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(Error::invalid("value", "1 to 64 characters of A-Z, a-z, 0-9, - and _"));
    }
    to_json(&SdkTest { value })
}

/// True when a `Charge/SDKTest` answer echoes `value`.
pub fn sdk_test_echoes(answer: &Value, value: &str) -> bool {
    answer.get("value").and_then(Value::as_str) == Some(value)
}

/// The body of `operation` from loosely typed arguments (the PHP binding's array): the JSON body, and
/// the amount it moves in minor units (refund, cancellation, new amount), if any.
///
/// Arguments: `uuid`; `order_id` (Order/Get); `value` (Charge/SDKTest); `comment`; for
/// Transaction/CancelOrRefund `resolution` (REFUND_ONLY | CANCELLATION_ONLY), `amount` (decimal,
/// empty = all that is left), `currency`, `captured_minor`, `refunded_minor` (list); for
/// Transaction/Update `amount`, `currency`, `current_minor`.
pub fn from_input(operation: &str, args: &crate::input::Input) -> Result<(String, Option<i64>)> {
    let minor = |key: &str| -> Result<i64> {
        args.required_text(key)?.trim().parse::<i64>().map_err(|_| args.error(key, "expected a whole number of minor units"))
    };
    let currency = || money::currency_for(args.required_text("currency")?, "args[currency]");
    match operation {
        "Charge/SDKTest" => Ok((sdk_test(args.required_text("value")?)?, None)),
        "Transaction/Get" => Ok((transaction_get(args.required_text("uuid")?)?, None)),
        "Order/Get" => Ok((order_get(args.required_text("order_id")?)?, None)),
        "Transaction/Validate" => Ok((validate(args.required_text("uuid")?, args.text("comment")?)?, None)),
        "Transaction/CancelOrRefund" => {
            let refunded = args
                .list("refunded_minor")?
                .iter()
                .map(|item| item.parse::<i64>().map_err(|_| args.error("refunded_minor", "expected whole numbers of minor units")))
                .collect::<Result<Vec<i64>>>()?;
            let (body, amount) = cancel_or_refund(
                args.required_text("uuid")?,
                Resolution::parse(args.required_text("resolution")?)?,
                args.text("amount")?,
                currency()?,
                minor("captured_minor")?,
                &refunded,
                args.text("comment")?,
            )?;
            Ok((body, Some(amount)))
        }
        "Transaction/Update" => {
            let (body, amount) = lower_amount(args.required_text("uuid")?, args.required_text("amount")?, currency()?, minor("current_minor")?, args.text("comment")?)?;
            Ok((body, Some(amount)))
        }
        _ => Err(Error::invalid("operation", "not an operation of this module")),
    }
}

/// A transaction as the platform reports it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionView {
    pub uuid: String,
    /// The Form API status name (`AUTHORISED`, `CAPTURED`, `CANCELLED`…).
    pub detailed_status: String,
    pub operation_type: String,
    pub amount_minor: i64,
    /// ISO 4217 alpha-3.
    pub currency: String,
    pub order_id: Option<String>,
    pub parent_uuid: Option<String>,
    pub creation_date: Option<String>,
    pub legacy_trans_id: Option<String>,
    pub error_code: Option<String>,
}

/// One `V4/Transaction` (the answer of `Transaction/Get`, `CancelOrRefund`, `Update`, `Validate`).
pub fn transaction_view(transaction: &Value) -> Result<TransactionView> {
    let required = |key: &'static str| text(transaction, &[key]).ok_or_else(|| Error::malformed(format!("transaction.{key}"), "is missing"));
    let uuid = required("uuid")?;
    if !is_uuid(&uuid) {
        return Err(Error::malformed("transaction.uuid", "must be 32 hexadecimal digits"));
    }
    let amount_minor = transaction
        .get("amount")
        .and_then(Value::as_i64)
        .filter(|a| *a >= 0)
        .ok_or_else(|| Error::malformed("transaction.amount", "must be a whole number of minor units"))?;
    let currency = required("currency")?;
    if crate::currency::find(&currency).is_none() {
        return Err(Error::malformed("transaction.currency", "is not a known currency"));
    }
    Ok(TransactionView {
        uuid,
        detailed_status: required("detailedStatus")?,
        operation_type: text(transaction, &["operationType"]).unwrap_or_else(|| "DEBIT".to_owned()),
        amount_minor,
        currency,
        order_id: text(transaction, &["orderDetails", "orderId"]),
        parent_uuid: text(transaction, &["transactionDetails", "parentTransactionUuid"]),
        creation_date: text(transaction, &["creationDate"]),
        legacy_trans_id: text(transaction, &["transactionDetails", "cardDetails", "legacyTransId"]),
        error_code: text(transaction, &["errorCode"]),
    })
}

/// Every transaction of an `Order/Get` answer (`{"transactions": [...]}`), payments and refunds.
pub fn order_transactions(answer: &Value) -> Result<Vec<TransactionView>> {
    answer
        .get("transactions")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::malformed("answer.transactions", "is missing"))?
        .iter()
        .map(transaction_view)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const UUID: &str = "0123456789abcdef0123456789abcdef";

    fn eur() -> &'static Currency {
        crate::currency::find("EUR").expect("EUR")
    }

    #[test]
    fn refunds_never_exceed_what_is_left() {
        let (body, minor) = cancel_or_refund(UUID, Resolution::RefundOnly, Some("10.00"), eur(), 5480, &[1000], Some("goods back")).expect("refund");
        assert_eq!(minor, 1000);
        let json: Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(json["amount"], 1000);
        assert_eq!(json["currency"], "EUR");
        assert_eq!(json["resolutionMode"], "REFUND_ONLY");
        assert_eq!(json["comment"], "goods back");
        // All that is left by default.
        assert_eq!(cancel_or_refund(UUID, Resolution::RefundOnly, None, eur(), 5480, &[1000], None).expect("rest").1, 4480);
        let err = cancel_or_refund(UUID, Resolution::RefundOnly, Some("44.81"), eur(), 5480, &[1000], None).expect_err("over").to_string();
        assert!(err.contains("at most 44.80 EUR"), "{err}");
        assert!(cancel_or_refund(UUID, Resolution::RefundOnly, None, eur(), 5480, &[5480], None).expect_err("none left").to_string().contains("nothing is left"));
        for bad in ["0", "-1", "1.234", "abc", "1e3"] {
            assert!(cancel_or_refund(UUID, Resolution::RefundOnly, Some(bad), eur(), 5480, &[], None).is_err(), "{bad}");
        }
        assert!(cancel_or_refund("not-a-uuid", Resolution::RefundOnly, None, eur(), 5480, &[], None).is_err());
        // A German admin's comma; a yen amount has no decimals.
        assert_eq!(cancel_or_refund(UUID, Resolution::RefundOnly, Some("10,50"), eur(), 5480, &[], None).expect("comma").1, 1050);
        let jpy = crate::currency::find("JPY").expect("JPY");
        assert_eq!(admin_amount("500", jpy).expect("yen"), 500);
        assert!(admin_amount("500.5", jpy).is_err());
    }

    #[test]
    fn a_cancellation_is_of_the_whole_payment() {
        let (body, minor) = cancel_or_refund(UUID, Resolution::CancellationOnly, None, eur(), 5480, &[], None).expect("cancel");
        assert_eq!(minor, 5480);
        let json: Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(json["resolutionMode"], "CANCELLATION_ONLY");
        assert!(json.get("amount").is_none());
        assert!(cancel_or_refund(UUID, Resolution::CancellationOnly, Some("1.00"), eur(), 5480, &[], None).is_err());
    }

    #[test]
    fn the_amount_is_only_ever_lowered() {
        let (body, minor) = lower_amount(UUID, "40", eur(), 5480, None).expect("lower");
        assert_eq!(minor, 4000);
        let json: Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(json["cardUpdate"]["amount"], 4000);
        assert!(lower_amount(UUID, "54.80", eur(), 5480, None).is_err());
        assert!(lower_amount(UUID, "60", eur(), 5480, None).is_err());
        assert!(lower_amount(UUID, "0", eur(), 5480, None).is_err());
    }

    #[test]
    fn bodies_of_the_simple_calls() {
        assert_eq!(transaction_get(UUID).expect("get"), format!(r#"{{"uuid":"{UUID}"}}"#));
        assert!(transaction_get("0123456789ABCDEF0123456789ABCDEF").is_err());
        assert_eq!(order_get("42").expect("order"), r#"{"orderId":"42"}"#);
        assert_eq!(validate(UUID, Some(" ok\n")).expect("validate"), format!(r#"{{"uuid":"{UUID}","comment":"ok"}}"#));
        assert_eq!(sdk_test("shop-check_1").expect("sdk"), r#"{"value":"shop-check_1"}"#);
        assert!(sdk_test("<script>").is_err());
        assert!(sdk_test_echoes(&serde_json::json!({"value": "x1"}), "x1"));
        assert!(!sdk_test_echoes(&serde_json::json!({"value": "x2"}), "x1"));
    }

    #[test]
    fn bodies_from_loose_arguments() {
        use crate::input::{Input, Value as V};
        let args = |pairs: &[(&str, V)]| Input::new("args", pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect());
        let t = |s: &str| V::Text(s.to_owned());
        let (body, amount) = from_input("Transaction/CancelOrRefund", &args(&[("uuid", t(UUID)), ("resolution", t("REFUND_ONLY")), ("amount", t("5")),
            ("currency", t("978")), ("captured_minor", t("5480")), ("refunded_minor", V::List(vec!["1000".into()]))])).expect("refund");
        assert_eq!(amount, Some(500));
        assert!(body.contains(r#""currency":"EUR""#));
        assert!(from_input("Transaction/CancelOrRefund", &args(&[("uuid", t(UUID)), ("resolution", t("REFUND_ONLY")), ("amount", t("45")),
            ("currency", t("EUR")), ("captured_minor", t("5480")), ("refunded_minor", V::List(vec!["1000".into()]))])).is_err());
        assert_eq!(from_input("Charge/SDKTest", &args(&[("value", t("abc"))])).expect("sdk").1, None);
        assert!(from_input("Charge/Other", &args(&[])).is_err());
        assert!(from_input("Transaction/Update", &args(&[("uuid", t(UUID)), ("amount", t("10")), ("currency", t("EUR")), ("current_minor", t("x"))])).is_err());
    }

    #[test]
    fn reads_transactions_as_the_platform_reports_them() {
        let answer = serde_json::json!({"transactions": [
            {"uuid": UUID, "amount": 5480, "currency": "EUR", "detailedStatus": "CAPTURED", "operationType": "DEBIT",
             "creationDate": "2026-12-05T10:11:12+00:00", "orderDetails": {"orderId": "42"},
             "transactionDetails": {"cardDetails": {"legacyTransId": "912345"}}},
            {"uuid": "fedcba9876543210fedcba9876543210", "amount": 1000, "currency": "EUR", "detailedStatus": "CAPTURED", "operationType": "CREDIT",
             "transactionDetails": {"parentTransactionUuid": UUID}}
        ]});
        let list = order_transactions(&answer).expect("reads");
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].detailed_status, "CAPTURED");
        assert_eq!(list[0].order_id.as_deref(), Some("42"));
        assert_eq!(list[0].legacy_trans_id.as_deref(), Some("912345"));
        assert_eq!(list[1].operation_type, "CREDIT");
        assert_eq!(list[1].parent_uuid.as_deref(), Some(UUID));
        assert!(transaction_view(&serde_json::json!({"uuid": UUID, "amount": -1, "currency": "EUR", "detailedStatus": "X"})).is_err());
        assert!(transaction_view(&serde_json::json!({"uuid": UUID, "amount": 1, "currency": "XYZ", "detailedStatus": "X"})).is_err());
        assert!(order_transactions(&serde_json::json!({})).is_err());
    }
}
