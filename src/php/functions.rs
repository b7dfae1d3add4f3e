//! The `Systempay\…` functions: convert arguments, call the core, map errors. No logic lives here.

// PHP parameter names (named arguments) follow the documented API: `$krAnswer`, not `$kr_answer`;
// the attribute must cover the code the macro generates, hence module level.
#![allow(non_snake_case)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpException;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};

use super::convert;
use super::exceptions::internal_error;
use super::notification_class::PhpNotification;
use crate::error::Error;
use crate::signature::Algorithm;
use crate::transition::{self, Source};
use crate::{currency, language, money, notification, payment_request, refund, rest, rest_answer, rest_operations, rest_payment, rest_response, signature};

/// Runs a function body so that a panic becomes a `Systempay\Exception`, not a crash or an `\Error`.
pub(super) fn guarded<T>(body: impl FnOnce() -> PhpResult<T>) -> PhpResult<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| Err(internal_error("unexpected failure (panic)")))
}

fn algorithm(name: &str) -> PhpResult<Algorithm> {
    Algorithm::parse(name).map_err(PhpException::from)
}

fn string_map(entries: impl IntoIterator<Item = (String, String)>) -> PhpResult<ZBox<ZendHashTable>> {
    let mut array = ZendHashTable::new();
    for (name, value) in entries {
        array.insert(name.as_str(), value.as_str())?;
    }
    Ok(array)
}

/// Signature of the `vads_*` fields of `$fields` (other entries are ignored).
#[php_function]
#[php(name = "Systempay\\sign")]
#[php(defaults(algorithm = "\"HMAC-SHA-256\""))]
pub fn sign(fields: &ZendHashTable, key: BinarySlice<u8>, algorithm: String) -> PhpResult<String> {
    guarded(|| {
        let algorithm = self::algorithm(&algorithm)?;
        let signed = convert::signed_fields(fields)?;
        Ok(signature::sign(signed.pairs(), &key, algorithm))
    })
}

/// True when `$fields['signature']` is the signature of the `vads_*` fields (constant time).
#[php_function]
#[php(name = "Systempay\\verify")]
#[php(defaults(algorithm = "\"HMAC-SHA-256\""))]
pub fn verify(fields: &ZendHashTable, key: BinarySlice<u8>, algorithm: String) -> PhpResult<bool> {
    guarded(|| {
        let algorithm = self::algorithm(&algorithm)?;
        let signed = convert::signed_fields(fields)?;
        let provided = signed.signature.unwrap_or(b"");
        Ok(signature::verify(signed.pairs(), provided, &key, algorithm))
    })
}

/// Every field to post to the payment page, `vads_*` sorted, then `signature`.
#[php_function]
#[php(name = "Systempay\\build_payment_request")]
pub fn build_payment_request(settings: &ZendHashTable, payment: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
    guarded(|| {
        let settings = convert::input("settings", settings)?;
        let payment = convert::input("payment", payment)?;
        string_map(payment_request::build(&settings, &payment)?)
    })
}

/// A verified notification or browser return, from the raw body (preferred) or decoded fields.
#[php_function]
#[php(name = "Systempay\\parse_notification")]
pub fn parse_notification(input: &Zval, keys: &ZendHashTable, algorithm: String) -> PhpResult<PhpNotification> {
    guarded(|| {
        let algorithm = self::algorithm(&algorithm)?;
        let keys = convert::keys(keys)?;
        let input = input.dereference();
        let parsed = if let Some(body) = input.zend_str() {
            notification::parse_body(body.as_bytes(), keys, algorithm)
        } else if let Some(fields) = input.array() {
            notification::parse_fields(convert::raw_fields(fields)?, keys, algorithm)
        } else {
            Err(Error::invalid("input", "expected the raw request body (string) or the decoded fields (array)"))
        };
        Ok(PhpNotification::new(parsed?))
    })
}

/// The JSON body of `Charge/CreatePayment` for the embedded form (same payment keys as
/// `build_payment_request`, plus `ipn_url`).
#[php_function]
#[php(name = "Systempay\\build_rest_payment")]
pub fn build_rest_payment(settings: &ZendHashTable, payment: &ZendHashTable) -> PhpResult<String> {
    guarded(|| {
        let settings = convert::input("settings", settings)?;
        let payment = convert::input("payment", payment)?;
        Ok(rest_payment::build(&settings, &payment)?)
    })
}

/// The platform's error keys of a REST answer (all null on success) and its HTTP status.
fn insert_failure(array: &mut ZendHashTable, failure: Option<&rest_response::Failure>, status: u16) -> PhpResult<()> {
    array.insert("error_code", failure.map(|f| f.code.as_str()))?;
    array.insert("error_message", failure.map(|f| f.message.as_str()))?;
    array.insert("detailed_error_code", failure.and_then(|f| f.detailed_code.as_deref()))?;
    array.insert("detailed_error_message", failure.and_then(|f| f.detailed_message.as_deref()))?;
    array.insert("http_status", i64::from(status))?;
    array.insert("refused", failure.is_some_and(|f| f.refused))?;
    Ok(())
}

/// The form token of a `Charge/CreatePayment` answer, or the platform's error:
/// `['form_token' => ?string, 'error_code' => ?string, 'error_message' => ?string,
/// 'detailed_error_code' => ?string, 'detailed_error_message' => ?string, 'http_status' => int]`.
#[php_function]
#[php(name = "Systempay\\rest_form_token")]
pub fn rest_form_token(body: BinarySlice<u8>, httpStatus: i64) -> PhpResult<ZBox<ZendHashTable>> {
    guarded(|| {
        let status = u16::try_from(httpStatus).unwrap_or(0);
        let mut array = ZendHashTable::new();
        let token = rest_response::form_token(&body, status);
        array.insert("form_token", token.as_ref().ok().map(String::as_str))?;
        insert_failure(&mut array, token.err().as_ref(), status)?;
        Ok(array)
    })
}

/// The body of a back-office REST operation (`Charge/SDKTest`, `Transaction/Get`, `Order/Get`,
/// `Transaction/CancelOrRefund`, `Transaction/Update`, `Transaction/Validate`) and the amount it moves:
/// `['body' => string, 'amount_minor' => ?int]`. A refund above what is left is refused here.
#[php_function]
#[php(name = "Systempay\\rest_operation_body")]
pub fn rest_operation_body(operation: &str, args: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
    guarded(|| {
        let args = convert::input("args", args)?;
        let (body, amount) = rest_operations::from_input(operation, &args)?;
        let mut array = ZendHashTable::new();
        array.insert("body", body.as_str())?;
        array.insert("amount_minor", amount)?;
        Ok(array)
    })
}

/// Any REST answer: `['ok' => bool, 'answer' => ?string (the answer object as JSON), 'error_code' => ?string,
/// 'error_message' => ?string, 'detailed_error_code' => ?string, 'detailed_error_message' => ?string, 'http_status' => int]`.
#[php_function]
#[php(name = "Systempay\\rest_call_result")]
pub fn rest_call_result(body: BinarySlice<u8>, httpStatus: i64) -> PhpResult<ZBox<ZendHashTable>> {
    guarded(|| {
        let status = u16::try_from(httpStatus).unwrap_or(0);
        let mut array = ZendHashTable::new();
        let answer = rest_response::answer(&body, status);
        array.insert("ok", answer.is_ok())?;
        array.insert("answer", answer.as_ref().ok().map(|a| a.to_string()).as_deref())?;
        insert_failure(&mut array, answer.err().as_ref(), status)?;
        Ok(array)
    })
}

/// The transactions of an answer (`Transaction/Get`…: one; `Order/Get`: all), as arrays with
/// `uuid`, `detailed_status`, `operation_type`, `amount_minor`, `currency`, `order_id`, `parent_uuid`,
/// `creation_date`, `legacy_trans_id`, `error_code`, `json` (the transaction itself, for `operation_result`).
#[php_function]
#[php(name = "Systempay\\rest_transactions")]
pub fn rest_transactions(answerJson: &str) -> PhpResult<Vec<ZBox<ZendHashTable>>> {
    guarded(|| {
        let answer: serde_json::Value = serde_json::from_str(answerJson).map_err(|_| Error::malformed("answer", "is not JSON"))?;
        let views = if answer.get("transactions").is_some() {
            rest_operations::order_transactions(&answer)?
        } else {
            vec![rest_operations::transaction_view(&answer)?]
        };
        // Each transaction's own JSON too, for Systempay\operation_result() (taking it into the order).
        let raw: Vec<&serde_json::Value> = match answer.get("transactions").and_then(serde_json::Value::as_array) {
            Some(list) => list.iter().collect(),
            None => vec![&answer],
        };
        views
            .into_iter()
            .zip(raw)
            .map(|(view, transaction)| {
                let mut array = ZendHashTable::new();
                array.insert("uuid", view.uuid.as_str())?;
                array.insert("detailed_status", view.detailed_status.as_str())?;
                array.insert("operation_type", view.operation_type.as_str())?;
                array.insert("amount_minor", view.amount_minor)?;
                array.insert("currency", view.currency.as_str())?;
                array.insert("order_id", view.order_id.as_deref())?;
                array.insert("parent_uuid", view.parent_uuid.as_deref())?;
                array.insert("creation_date", view.creation_date.as_deref())?;
                array.insert("legacy_trans_id", view.legacy_trans_id.as_deref())?;
                array.insert("error_code", view.error_code.as_deref())?;
                array.insert("json", transaction.to_string().as_str())?;
                Ok(array)
            })
            .collect()
    })
}

/// The transaction a back-office operation answered with, as the `Notification` of the shop's own
/// back-office action (source `MERCH_BO`, signed: it came over the shop's authenticated call in `$mode`).
#[php_function]
#[php(name = "Systempay\\operation_result")]
pub fn operation_result(transactionJson: &str, mode: &str) -> PhpResult<PhpNotification> {
    guarded(|| Ok(PhpNotification::new(rest_answer::from_operation(transactionJson, mode)?)))
}

/// True when a `Charge/SDKTest` answer echoes `$value` (the credentials work).
#[php_function]
#[php(name = "Systempay\\rest_sdk_test_echoes")]
pub fn rest_sdk_test_echoes(answerJson: &str, value: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(answerJson).is_ok_and(|answer| rest_operations::sdk_test_echoes(&answer, value))
}

/// A verified REST result (embedded form: browser return hashed with the HMAC-SHA-256 key, or
/// notification hashed with the REST password) as the same `Notification` a form result gives.
/// `$hmacKeys` and `$passwords`: `['TEST' => …, 'PRODUCTION' => …]`.
#[php_function]
#[php(name = "Systempay\\parse_rest_result")]
pub fn parse_rest_result(input: &Zval, hmacKeys: &ZendHashTable, passwords: &ZendHashTable) -> PhpResult<PhpNotification> {
    guarded(|| {
        let keys = rest_answer::RestKeys { hmac: convert::keys(hmacKeys)?, password: convert::keys(passwords)? };
        let input = input.dereference();
        let parsed = if let Some(body) = input.zend_str() {
            rest_answer::parse_body(body.as_bytes(), keys)
        } else if let Some(fields) = input.array() {
            rest_answer::parse_fields(convert::raw_fields(fields)?, keys)
        } else {
            Err(Error::invalid("input", "expected the raw request body (string) or the decoded fields (array)"))
        };
        Ok(PhpNotification::new(parsed?))
    })
}

/// `"12.34"` EUR → `1234` (decimal arithmetic, half-up).
#[php_function]
#[php(name = "Systempay\\to_minor_units")]
pub fn to_minor_units(amount: &str, currency: &str) -> PhpResult<i64> {
    guarded(|| {
        let currency = money::currency_for(currency, "currency")?;
        Ok(money::to_minor_units(amount, currency)?)
    })
}

/// `1234` EUR → `"12.34"`.
#[php_function]
#[php(name = "Systempay\\from_minor_units")]
pub fn from_minor_units(minor: i64, currency: &str) -> PhpResult<String> {
    guarded(|| {
        let currency = money::currency_for(currency, "currency")?;
        Ok(money::from_minor_units(minor, currency)?)
    })
}

/// True when `$krHash` is the lowercase hex HMAC-SHA-256 of the raw `$krAnswer` (constant time).
#[php_function]
#[php(name = "Systempay\\verify_rest_hash")]
pub fn verify_rest_hash(krAnswer: BinarySlice<u8>, krHash: BinarySlice<u8>, key: BinarySlice<u8>) -> PhpResult<bool> {
    guarded(|| Ok(rest::verify_hash(&krAnswer, &krHash, &key)))
}

/// `['alpha3' => 'EUR', 'numeric' => '978', 'decimals' => 2]`, or null for an unsupported currency.
#[php_function]
#[php(name = "Systempay\\currency_info")]
pub fn currency_info(code: &str) -> PhpResult<Option<ZBox<ZendHashTable>>> {
    guarded(|| {
        let Some(found) = currency::find(code) else { return Ok(None) };
        let mut array = ZendHashTable::new();
        array.insert("alpha3", found.alpha3)?;
        array.insert("numeric", found.numeric)?;
        array.insert("decimals", i64::from(found.exponent))?;
        Ok(Some(array))
    })
}

/// The outcome group of a `vads_trans_status`: `success`, `pending`, `cancelled` or `failure`.
#[php_function]
#[php(name = "Systempay\\outcome_of")]
pub fn outcome_of(status: &str) -> &'static str {
    crate::status::outcome(status).as_str()
}

fn source_named(source: Option<&str>) -> Source {
    match source {
        Some("RETURN") => Source::Return,
        other => Source::parse(other, false),
    }
}

/// What a new status does to the one recorded for an attempt: `apply`, `duplicate`, `stale`,
/// `reopen` (success after a refusal), `revoke` (cancellation after a success) or `review` (cannot be
/// placed; flag it). `$source`: `RETURN` for the browser return, else `vads_url_check_src` (null = `PAY`).
#[php_function]
#[php(name = "Systempay\\decide_transition")]
pub fn decide_transition(recorded: Option<String>, incoming: &str, source: Option<String>) -> &'static str {
    transition::decide(recorded.as_deref(), incoming, source_named(source.as_deref())).as_str()
}

/// What that decision does to the order: `['decision' => …, 'order' => 'paid'|'cancelled'|'revoked'|null,
/// 'stock' => 'taken'|'restored'|null, 'history' => bool, 'alert' => bool]`. `$sourceSigned = false` for
/// a source the message does not sign (a REST notification's kr-src): it may not loosen a rule.
#[php_function]
#[php(name = "Systempay\\transition_plan")]
#[php(defaults(source = None, sourceSigned = true))]
pub fn transition_plan(recorded: Option<String>, incoming: &str, source: Option<String>, sourceSigned: bool) -> PhpResult<ZBox<ZendHashTable>> {
    guarded(|| {
        let plan = if sourceSigned {
            transition::plan(recorded.as_deref(), incoming, source_named(source.as_deref()))
        } else {
            transition::plan_unsigned(recorded.as_deref(), incoming)
        };
        let mut array = ZendHashTable::new();
        array.insert("decision", plan.decision.as_str())?;
        array.insert("order", plan.order.map(transition::OrderTarget::as_str))?;
        array.insert("stock", plan.stock.map(transition::StockTarget::as_str))?;
        array.insert("history", plan.history)?;
        array.insert("alert", plan.alert)?;
        Ok(array)
    })
}

/// Refunds so far against the paid amount, in minor units:
/// `['refunded' => int, 'remaining' => int, 'full' => bool, 'over' => bool]`.
#[php_function]
#[php(name = "Systempay\\refund_summary")]
pub fn refund_summary(paidMinor: i64, refundsMinor: Vec<i64>) -> PhpResult<ZBox<ZendHashTable>> {
    guarded(|| {
        let summary = refund::summarise(paidMinor, &refundsMinor)?;
        let mut array = ZendHashTable::new();
        array.insert("refunded", summary.refunded_minor)?;
        array.insert("remaining", summary.remaining_minor)?;
        array.insert("full", summary.full)?;
        array.insert("over", summary.over)?;
        Ok(array)
    })
}

/// The payment page's languages (`de`, `en`, …).
#[php_function]
#[php(name = "Systempay\\supported_languages")]
pub fn supported_languages() -> Vec<String> {
    language::SUPPORTED.iter().map(|code| (*code).to_owned()).collect()
}

/// Adds every function above to the module (the macro's wrappers are private to this file).
pub fn register(module: ModuleBuilder<'_>) -> ModuleBuilder<'_> {
    module
        .function(wrap_function!(sign))
        .function(wrap_function!(verify))
        .function(wrap_function!(build_payment_request))
        .function(wrap_function!(parse_notification))
        .function(wrap_function!(to_minor_units))
        .function(wrap_function!(from_minor_units))
        .function(wrap_function!(verify_rest_hash))
        .function(wrap_function!(currency_info))
        .function(wrap_function!(supported_languages))
        .function(wrap_function!(outcome_of))
        .function(wrap_function!(decide_transition))
        .function(wrap_function!(refund_summary))
        .function(wrap_function!(transition_plan))
        .function(wrap_function!(build_rest_payment))
        .function(wrap_function!(rest_form_token))
        .function(wrap_function!(parse_rest_result))
        .function(wrap_function!(rest_operation_body))
        .function(wrap_function!(rest_call_result))
        .function(wrap_function!(rest_transactions))
        .function(wrap_function!(rest_sdk_test_echoes))
        .function(wrap_function!(operation_result))
}
