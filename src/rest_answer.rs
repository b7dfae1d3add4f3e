//! A REST result (embedded form: browser return or REST IPN, protocol §4) → the same verified
//! [`Notification`] a form result gives, so that one pipeline (checks, state machine, mails) serves
//! both wire formats.
//!
//! Order of checks, as for the form API: nothing is parsed before `kr-hash` is verified over the
//! raw `kr-answer` bytes. `kr-hash-key` says which pair of keys signed it: `sha256_hmac` (the
//! HMAC-SHA-256 keys: a browser return) or `password` (the REST passwords: a notification). The key
//! that matches gives the mode, and the answer must claim that same mode: a message signed with the
//! TEST key never passes for a PRODUCTION one. The hosted page's keys are never tried.
//!
//! The result is mapped onto the form API's field names (`vads_trans_status` ← `detailedStatus`,
//! `vads_amount` ← the transaction's amount, …). The attempt's own trans id and date come back in
//! the transaction's `metadata` (set by `rest_payment`); a refund made in the back office, which has
//! no such metadata, is named by the platform's `legacyTransId`/`legacyTransDate`.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::form_encoding::{self, RawFields};
use crate::json_path::text;
use crate::notification::{Keys, Notification};
use crate::rest::verify_hash;
use crate::rest_payment::{METADATA_TRANS_DATE, METADATA_TRANS_ID};

/// The HMAC-SHA-256 keys (browser return) and the REST passwords (notification), per mode.
#[derive(Clone, Copy, Default)]
pub struct RestKeys<'a> {
    pub hmac: Keys<'a>,
    pub password: Keys<'a>,
}

/// Field marking a result that came as a REST message (its `kr-answer-type`).
pub const FORMAT_FIELD: &str = "kr_answer_type";
/// Field marking the answer of the shop's own back-office call (see [`from_operation`]).
pub const OPERATION_FIELD: &str = "kr_operation_answer";

pub fn parse_body(body: &[u8], keys: RestKeys<'_>) -> Result<Notification> {
    parse_fields(form_encoding::parse(body)?, keys)
}

pub fn parse_fields(raw: RawFields, keys: RestKeys<'_>) -> Result<Notification> {
    form_encoding::reject_duplicates(&raw)?;
    let raw_value = |name: &str| raw.iter().find(|(n, _)| n == name.as_bytes()).map(|(_, v)| v.as_slice());
    let required = |name: &'static str| raw_value(name).filter(|v| !v.is_empty()).ok_or_else(|| Error::malformed(name, "is missing"));

    if required("kr-hash-algorithm")? != b"sha256_hmac" {
        return Err(Error::malformed("kr-hash-algorithm", "must be sha256_hmac"));
    }
    let (pair, is_notification) = match required("kr-hash-key")? {
        b"sha256_hmac" => (keys.hmac, false),
        b"password" => (keys.password, true),
        _ => return Err(Error::malformed("kr-hash-key", "must be sha256_hmac or password")),
    };
    let answer = required("kr-answer")?;
    let hash = raw_value("kr-hash").unwrap_or(b"");
    let configured: Vec<&str> = ["TEST", "PRODUCTION"].into_iter().filter(|mode| pair.for_mode(mode).is_some()).collect();
    if configured.is_empty() {
        return Err(Error::NoKeyForMode(if is_notification { "REST password" } else { "HMAC-SHA-256 key" }.to_owned()));
    }
    // Every configured key is tried, so the time taken does not say which mode matched.
    let matching: Vec<&str> = configured
        .into_iter()
        .filter(|mode| pair.for_mode(mode).is_some_and(|key| verify_hash(answer, hash, key)))
        .collect();
    if matching.is_empty() {
        return Err(Error::SignatureMismatch("REST".to_owned()));
    }
    if required("kr-answer-type")? != b"V4/Payment" {
        return Err(Error::malformed("kr-answer-type", "must be V4/Payment"));
    }

    // Authenticated: now it may be read.
    let answer: Value = serde_json::from_slice(answer).map_err(|_| Error::malformed("kr-answer", "is not JSON"))?;
    let mode = text(&answer, &["orderDetails", "mode"]).ok_or_else(|| Error::malformed("kr-answer", "orderDetails.mode is missing"))?;
    if !matching.contains(&mode.as_str()) {
        // Signed with the other mode's key.
        return Err(Error::SignatureMismatch(mode));
    }
    let transaction = answer
        .get("transactions")
        .and_then(Value::as_array)
        .and_then(|list| list.first())
        .ok_or_else(|| Error::malformed("kr-answer", "has no transaction"))?;
    let sender = if is_notification {
        Sender::Notification {
            hash: String::from_utf8_lossy(hash).into_owned(),
            src: raw_value("kr-src").filter(|v| !v.is_empty()).map(|v| String::from_utf8_lossy(v).into_owned()),
        }
    } else {
        Sender::Return
    };
    map_payment(&answer, transaction, mode, sender)
}

/// Who handed the shop a REST result.
enum Sender {
    /// The buyer's browser (kr-hash with the HMAC key).
    Return,
    /// The platform's notification (kr-hash with the password); `src` is `kr-src`, outside the hash.
    Notification { hash: String, src: Option<String> },
    /// The answer of a back-office call the shop itself made over HTTPS with its password.
    Operation,
}

/// The transaction a back-office operation answered with (`Transaction/CancelOrRefund`, `Update`,
/// `Validate`: a `V4/Transaction` with its `orderDetails`), as a result of the shop's own action in the
/// back office (`MERCH_BO`). It came over the shop's authenticated HTTPS call in `mode`, so it needs no
/// hash, and its source is the shop's own: the notification that follows is then a duplicate.
pub fn from_operation(transaction_json: &str, mode: &str) -> Result<Notification> {
    let transaction: Value = serde_json::from_str(transaction_json).map_err(|_| Error::malformed("answer", "is not JSON"))?;
    let claimed = text(&transaction, &["orderDetails", "mode"]);
    if claimed.as_deref().is_some_and(|claimed| claimed != mode) {
        return Err(Error::malformed("answer", "orderDetails.mode is not the mode of the call"));
    }
    map_payment(&transaction, &transaction, mode.to_owned(), Sender::Operation)
}

/// The form API's fields of a REST payment result. `order` holds `shopId`, `orderDetails`,
/// `orderStatus` and `orderCycle` (the `V4/Payment` answer, or the transaction itself).
fn map_payment(order: &Value, transaction: &Value, mode: String, sender: Sender) -> Result<Notification> {
    let mut fields: Vec<(String, String)> = Vec::with_capacity(24);
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            fields.push((name.to_owned(), value));
        }
    };
    put("vads_site_id", text(order, &["shopId"]));
    put("vads_ctx_mode", Some(mode));
    put("vads_order_id", text(order, &["orderDetails", "orderId"]));
    put("vads_trans_status", text(transaction, &["detailedStatus"]));
    let amount = transaction.get("amount").and_then(Value::as_i64).filter(|a| *a >= 0);
    put("vads_amount", Some(amount.ok_or_else(|| Error::malformed("kr-answer", "transactions[0].amount must be a whole number of minor units"))?.to_string()));
    let currency = text(transaction, &["currency"]).and_then(|code| crate::currency::find(&code)).ok_or_else(|| Error::malformed("kr-answer", "transactions[0].currency is not a known currency"))?;
    put("vads_currency", Some(currency.numeric.to_owned()));
    put("vads_trans_uuid", text(transaction, &["uuid"]));
    let operation = text(transaction, &["operationType"]).unwrap_or_else(|| "DEBIT".to_owned());
    let card = |key: &str| text(transaction, &["transactionDetails", "cardDetails", key]);
    let (trans_id, trans_date) = match (text(transaction, &["metadata", METADATA_TRANS_ID]), text(transaction, &["metadata", METADATA_TRANS_DATE])) {
        _ if operation != "DEBIT" => (card("legacyTransId"), card("legacyTransDate").and_then(|date| trans_date_of(&date))),
        (Some(id), Some(date)) => (Some(id), Some(date)),
        // The shop's own call on a payment of the hosted page: the platform's legacy id is the
        // vads_trans_id the shop chose (the shop matches it by its uuid first, see SystempayPayment).
        _ if matches!(sender, Sender::Operation) => (card("legacyTransId"), card("legacyTransDate").and_then(|date| trans_date_of(&date))),
        // A payment this shop did not ask for (made in the back office, or another shop's): its
        // platform id would share the namespace of the shop's own trans ids, so it names no attempt.
        _ => return Err(Error::malformed("kr-answer", "a payment without the shop's attempt in its metadata")),
    };
    put("vads_trans_id", trans_id);
    put("vads_trans_date", trans_date);
    put("vads_operation_type", Some(operation));
    put("vads_card_brand", card("effectiveBrand"));
    put("vads_card_number", card("pan"));
    put("vads_expiry_month", card("expiryMonth"));
    put("vads_expiry_year", card("expiryYear"));
    put("vads_threeds_status", text(transaction, &["transactionDetails", "cardDetails", "threeDSResponse", "authenticationResultData", "transStatus"]));
    put("vads_auth_result", text(transaction, &["transactionDetails", "cardDetails", "authorizationResponse", "authorizationResult"]));
    put("kr_order_status", text(order, &["orderStatus"]));
    // OPEN: the buyer may still try again with the same form, so a refusal of this try is not the
    // payment's result (a cancellation or expiry is: only the payment itself is refused or abandoned).
    let cycle = text(order, &["orderCycle"]);
    let try_refused = cycle.as_deref() == Some("OPEN")
        && text(transaction, &["detailedStatus"]).is_some_and(|status| crate::transition::classify(&status) == crate::transition::Class::NotPaid);
    put("kr_order_cycle", cycle);
    put("kr_try_refused", try_refused.then(|| "1".to_owned()));
    put("kr_error_code", text(transaction, &["errorCode"]));
    put("kr_detailed_error_code", text(transaction, &["detailedErrorCode"]));
    put("kr_legacy_trans_id", card("legacyTransId"));
    // A refund's payment: lets the shop tell which of its payments a REST refund result is about.
    put("kr_parent_uuid", text(transaction, &["transactionDetails", "parentTransactionUuid"]).filter(|uuid| crate::rest_operations::is_uuid(uuid)));
    put(FORMAT_FIELD, Some("V4/Payment".to_owned()));
    match sender {
        Sender::Return => {}
        Sender::Notification { hash, src } => {
            // What makes it a server notification in the pipeline, and who sent it.
            put("vads_hash", Some(hash));
            put("vads_url_check_src", src);
        }
        Sender::Operation => {
            put("vads_hash", Some("operation".to_owned()));
            put("vads_url_check_src", Some("MERCH_BO".to_owned()));
            put(OPERATION_FIELD, Some("1".to_owned()));
        }
    }
    fields.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Notification::validated(fields)
}

/// `2026-12-05T10:11:12+00:00` (UTC, as the platform writes it) → `20261205101112`.
fn trans_date_of(iso: &str) -> Option<String> {
    let digits: String = iso.chars().take(19).filter(char::is_ascii_digit).collect();
    (digits.len() == 14).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    const HMAC_TEST: &[u8] = b"hmac-test-key";
    const HMAC_PROD: &[u8] = b"hmac-prod-key";
    const PASSWORD_TEST: &[u8] = b"testpassword_x";
    const PASSWORD_PROD: &[u8] = b"prodpassword_x";

    fn keys() -> RestKeys<'static> {
        RestKeys {
            hmac: Keys { test: Some(HMAC_TEST), production: Some(HMAC_PROD) },
            password: Keys { test: Some(PASSWORD_TEST), production: Some(PASSWORD_PROD) },
        }
    }

    fn answer(mode: &str, status: &str) -> String {
        format!(
            r#"{{"shopId":"12345678","orderCycle":"CLOSED","orderStatus":"PAID","orderDetails":{{"orderTotalAmount":5480,"orderCurrency":"EUR","mode":"{mode}","orderId":"42","_type":"V4\/OrderDetails"}},"customer":{{"billingDetails":{{"firstName":"Zoé"}}}},"transactions":[{{"uuid":"0123456789abcdef0123456789abcdef","amount":5480,"currency":"EUR","status":"PAID","detailedStatus":"{status}","operationType":"DEBIT","errorCode":null,"metadata":{{"systempay_trans_id":"000123","systempay_trans_date":"20261205101112"}},"transactionDetails":{{"cardDetails":{{"effectiveBrand":"CB","pan":"497010XXXXXX0055","expiryMonth":6,"expiryYear":2030,"legacyTransId":"912345","legacyTransDate":"2026-12-05T10:11:30+00:00","threeDSResponse":{{"authenticationResultData":{{"transStatus":"Y"}}}}}}}}}}],"_type":"V4\/Payment"}}"#
        )
    }

    fn hash(answer: &str, key: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
        mac.update(answer.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn post(answer: &str, key: &[u8], kind: &str, src: Option<&str>) -> RawFields {
        let mut fields = vec![
            (b"kr-hash".to_vec(), hash(answer, key).into_bytes()),
            (b"kr-hash-algorithm".to_vec(), b"sha256_hmac".to_vec()),
            (b"kr-hash-key".to_vec(), kind.as_bytes().to_vec()),
            (b"kr-answer-type".to_vec(), b"V4/Payment".to_vec()),
            (b"kr-answer".to_vec(), answer.as_bytes().to_vec()),
        ];
        if let Some(src) = src {
            fields.push((b"kr-src".to_vec(), src.as_bytes().to_vec()));
        }
        fields
    }

    #[test]
    fn a_browser_return_maps_onto_the_form_fields() {
        let n = parse_fields(post(&answer("TEST", "AUTHORISED"), HMAC_TEST, "sha256_hmac", None), keys()).expect("verifies");
        assert_eq!(n.status(), "AUTHORISED");
        assert_eq!(n.ctx_mode(), "TEST");
        assert_eq!(n.order_id(), Some("42"));
        assert_eq!(n.amount_minor(), 5480);
        assert_eq!(n.currency(), "978");
        assert_eq!(n.trans_id(), "000123", "the attempt's own id, from metadata");
        assert_eq!(n.field("vads_trans_date"), Some("20261205101112"));
        assert_eq!(n.trans_uuid(), Some("0123456789abcdef0123456789abcdef"));
        assert_eq!(n.card_brand(), Some("CB"));
        assert_eq!(n.masked_card_number().as_deref(), Some("497010XXXXXX0055"));
        assert_eq!(n.threeds_status(), Some("Y"));
        assert_eq!(n.field("vads_expiry_month"), Some("6"));
        assert!(!n.is_server_notification());
        assert_eq!(n.source(), "RETURN");
        assert_eq!(n.field(FORMAT_FIELD), Some("V4/Payment"));
        assert_eq!(n.field("kr_order_cycle"), Some("CLOSED"));
        assert_eq!(n.field("kr_try_refused"), None);
        let open = answer("TEST", "REFUSED").replace("\"orderCycle\":\"CLOSED\"", "\"orderCycle\":\"OPEN\"");
        let n = parse_fields(post(&open, HMAC_TEST, "sha256_hmac", None), keys()).expect("verifies");
        assert_eq!(n.field("kr_try_refused"), Some("1"));
        // A cancellation is never a refused try, whatever the cycle says.
        let cancelled = answer("TEST", "CANCELLED").replace("\"orderCycle\":\"CLOSED\"", "\"orderCycle\":\"OPEN\"");
        let n = parse_fields(post(&cancelled, PASSWORD_TEST, "password", None), keys()).expect("verifies");
        assert_eq!(n.field("kr_try_refused"), None);
    }

    #[test]
    fn a_notification_is_hashed_with_the_password_and_says_who_sent_it() {
        let n = parse_fields(post(&answer("PRODUCTION", "CAPTURED"), PASSWORD_PROD, "password", Some("BATCH")), keys()).expect("verifies");
        assert!(n.is_server_notification());
        assert_eq!(n.source(), "BATCH");
        assert_eq!(n.ctx_mode(), "PRODUCTION");
        let n = parse_fields(post(&answer("TEST", "AUTHORISED"), PASSWORD_TEST, "password", None), keys()).expect("verifies");
        assert_eq!(n.source(), "PAY");
    }

    #[test]
    fn the_key_of_one_mode_never_signs_the_other() {
        // A TEST key (shared with agencies) on an answer claiming PRODUCTION.
        let err = parse_fields(post(&answer("PRODUCTION", "AUTHORISED"), HMAC_TEST, "sha256_hmac", None), keys()).expect_err("mode");
        assert_eq!(err, Error::SignatureMismatch("PRODUCTION".into()));
        let err = parse_fields(post(&answer("PRODUCTION", "AUTHORISED"), PASSWORD_TEST, "password", None), keys()).expect_err("mode");
        assert_eq!(err, Error::SignatureMismatch("PRODUCTION".into()));
    }

    #[test]
    fn the_wrong_kind_of_key_or_a_tampered_answer_fails() {
        let good = answer("TEST", "AUTHORISED");
        // A return hashed with the password, or a notification with the HMAC key.
        assert!(parse_fields(post(&good, PASSWORD_TEST, "sha256_hmac", None), keys()).is_err());
        assert!(parse_fields(post(&good, HMAC_TEST, "password", None), keys()).is_err());
        // The hosted page's key is never a REST key.
        assert!(parse_fields(post(&good, b"1122334455667788", "sha256_hmac", None), keys()).is_err());
        // One byte changed after hashing.
        let mut tampered = post(&good, HMAC_TEST, "sha256_hmac", None);
        tampered[4].1 = good.replace("5480,\"currency\":\"EUR\",\"status\"", "1,\"currency\":\"EUR\",\"status\"").into_bytes();
        assert_eq!(parse_fields(tampered, keys()).expect_err("tampered"), Error::SignatureMismatch("REST".into()));
        // Uppercase hex is not the platform's hash.
        let mut upper = post(&good, HMAC_TEST, "sha256_hmac", None);
        upper[0].1 = upper[0].1.to_ascii_uppercase();
        assert!(parse_fields(upper, keys()).is_err());
        // The escaped `\/` is part of the hashed bytes: unescaping it breaks the hash.
        let mut unescaped = post(&good, HMAC_TEST, "sha256_hmac", None);
        unescaped[4].1 = good.replace("\\/", "/").into_bytes();
        assert!(parse_fields(unescaped, keys()).is_err());
    }

    #[test]
    fn malformed_messages_are_refused_before_and_after_the_hash() {
        let good = answer("TEST", "AUTHORISED");
        let mut fields = post(&good, HMAC_TEST, "sha256_hmac", None);
        fields[1].1 = b"sha1".to_vec();
        assert!(matches!(parse_fields(fields, keys()), Err(Error::Malformed { .. })));
        let mut twice = post(&good, HMAC_TEST, "sha256_hmac", None);
        twice.push((b"kr-answer".to_vec(), b"{}".to_vec()));
        assert!(parse_fields(twice, keys()).is_err(), "duplicate field");
        let no_keys = RestKeys::default();
        assert!(matches!(parse_fields(post(&good, HMAC_TEST, "sha256_hmac", None), no_keys), Err(Error::NoKeyForMode(_))));
        let no_tx = r#"{"shopId":"12345678","orderDetails":{"mode":"TEST","orderId":"42"},"transactions":[]}"#;
        assert!(matches!(parse_fields(post(no_tx, HMAC_TEST, "sha256_hmac", None), keys()), Err(Error::Malformed { .. })));
        let bad_currency = good.replace("\"currency\":\"EUR\"", "\"currency\":\"XYZ\"");
        assert!(matches!(parse_fields(post(&bad_currency, HMAC_TEST, "sha256_hmac", None), keys()), Err(Error::Malformed { .. })));
    }

    #[test]
    fn a_back_office_refund_is_named_by_the_platform_transaction() {
        let refund = answer("TEST", "CAPTURED")
            .replace("\"operationType\":\"DEBIT\"", "\"operationType\":\"CREDIT\"")
            .replace(r#""metadata":{"systempay_trans_id":"000123","systempay_trans_date":"20261205101112"}"#, r#""metadata":null"#);
        let n = parse_fields(post(&refund, PASSWORD_TEST, "password", Some("BO")), keys()).expect("verifies");
        assert!(n.is_credit());
        assert_eq!(n.trans_id(), "912345");
        assert_eq!(n.field("vads_trans_date"), Some("20261205101130"));
    }

    #[test]
    fn a_payment_without_the_attempt_in_its_metadata_names_no_attempt() {
        let foreign = answer("TEST", "AUTHORISED").replace(r#""metadata":{"systempay_trans_id":"000123","systempay_trans_date":"20261205101112"}"#, r#""metadata":null"#);
        assert!(matches!(parse_fields(post(&foreign, PASSWORD_TEST, "password", None), keys()), Err(Error::Malformed { .. })));
        let n = parse_fields(post(&answer("TEST", "AUTHORISED"), PASSWORD_TEST, "password", Some("PAY")), keys()).expect("ours");
        assert!(!n.is_source_signed(), "kr-src is outside kr-hash");
        let n = parse_fields(post(&answer("TEST", "AUTHORISED"), HMAC_TEST, "sha256_hmac", None), keys()).expect("return");
        assert!(n.is_source_signed(), "a return's source is the key that verified it");
    }

    #[test]
    fn optional_parts_may_be_missing() {
        // No customer, no card details, no 3DS, no order status or cycle, no error fields.
        let minimal = r#"{"shopId":"12345678","orderDetails":{"mode":"TEST","orderId":"42"},"transactions":[{"uuid":"0123456789abcdef0123456789abcdef","amount":5480,"currency":"EUR","detailedStatus":"AUTHORISED","metadata":{"systempay_trans_id":"000123","systempay_trans_date":"20261205101112"}}]}"#;
        let n = parse_fields(post(minimal, HMAC_TEST, "sha256_hmac", None), keys()).expect("parses");
        assert_eq!((n.status(), n.amount_minor(), n.card_brand(), n.threeds_status()), ("AUTHORISED", 5480, None, None));
        assert_eq!(n.field("kr_order_cycle"), None);
        // Missing what the shop cannot do without: the status, the amount.
        for (from, to) in [("\"detailedStatus\":\"AUTHORISED\",", ""), ("\"amount\":5480,", "")] {
            let broken = minimal.replace(from, to);
            assert!(matches!(parse_fields(post(&broken, HMAC_TEST, "sha256_hmac", None), keys()), Err(Error::Malformed { .. })), "{from}");
        }
    }

    #[test]
    fn the_answer_of_the_shop_own_operation_is_a_signed_back_office_result() {
        let refund = r#"{"shopId":"12345678","uuid":"fedcba9876543210fedcba9876543210","amount":1000,"currency":"EUR","detailedStatus":"CAPTURED","operationType":"CREDIT","orderDetails":{"mode":"TEST","orderId":"42"},"transactionDetails":{"parentTransactionUuid":"0123456789abcdef0123456789abcdef","cardDetails":{"legacyTransId":"912346","legacyTransDate":"2026-12-05T11:00:00+00:00"}},"metadata":{"systempay_trans_id":"000123","systempay_trans_date":"20261205101112"}}"#;
        let n = from_operation(refund, "TEST").expect("maps");
        assert!(n.is_credit());
        assert!(n.is_server_notification());
        assert!(n.is_source_signed(), "the shop's own call");
        assert_eq!((n.source(), n.trans_id(), n.amount_minor(), n.order_id()), ("MERCH_BO", "912346", 1000, Some("42")));
        assert_eq!(n.field("kr_parent_uuid"), Some("0123456789abcdef0123456789abcdef"), "the payment it refunds");
        assert!(from_operation(refund, "PRODUCTION").is_err(), "answered in another mode than the call");
        assert!(from_operation("{", "TEST").is_err());
    }

    #[test]
    fn the_answer_of_an_operation_on_a_hosted_payment_is_named_by_its_legacy_trans_id() {
        // A payment of the hosted page has no attempt metadata: its legacy id is the shop's vads_trans_id.
        let cancelled = r#"{"shopId":"12345678","uuid":"0123456789abcdef0123456789abcdef","amount":5480,"currency":"EUR","detailedStatus":"CANCELLED","operationType":"DEBIT","orderDetails":{"mode":"TEST","orderId":"42"},"transactionDetails":{"cardDetails":{"legacyTransId":"000123","legacyTransDate":"2026-12-05T10:11:12+00:00"}},"metadata":null}"#;
        let n = from_operation(cancelled, "TEST").expect("maps");
        assert_eq!((n.status(), n.trans_id(), n.field("vads_trans_date")), ("CANCELLED", "000123", Some("20261205101112")));
        assert_eq!(n.trans_uuid(), Some("0123456789abcdef0123456789abcdef"));
        // Without any id at all it names nothing.
        let anonymous = cancelled.replace(r#""legacyTransId":"000123","#, "");
        assert!(from_operation(&anonymous, "TEST").is_err());
    }

    #[test]
    fn the_raw_body_is_accepted_too() {
        let good = answer("TEST", "REFUSED");
        let encode = |bytes: &[u8]| bytes.iter().map(|b| if b.is_ascii_alphanumeric() { (*b as char).to_string() } else { format!("%{b:02X}") }).collect::<String>();
        let body = post(&good, HMAC_TEST, "sha256_hmac", None).iter().map(|(n, v)| format!("{}={}", encode(n), encode(v))).collect::<Vec<_>>().join("&");
        let n = parse_body(body.as_bytes(), keys()).expect("verifies");
        assert_eq!(n.status(), "REFUSED");
    }
}
