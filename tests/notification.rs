//! `notification::parse_body` / `parse_fields`: authentication first, then field validation.

use systempay::error::Error;
use systempay::notification::{parse_body, parse_fields, Keys};
use systempay::signature::{self, Algorithm};
use systempay::status::Outcome;

const TEST_KEY: &[u8] = b"1122334455667788";
const PROD_KEY: &[u8] = b"9988776655443322";

fn keys() -> Keys<'static> {
    Keys { test: Some(TEST_KEY), production: Some(PROD_KEY) }
}

fn base_fields(mode: &str, status: &str) -> Vec<(String, String)> {
    [
        ("vads_site_id", "12345678"),
        ("vads_ctx_mode", mode),
        ("vads_trans_id", "000123"),
        ("vads_trans_uuid", "0123456789abcdef0123456789abcdef"),
        ("vads_trans_status", status),
        ("vads_result", "00"),
        ("vads_amount", "1234"),
        ("vads_currency", "978"),
        ("vads_order_id", "42"),
        ("vads_card_brand", "CB"),
        ("vads_card_number", "497010XXXXXX0014"),
        ("vads_threeds_status", "Y"),
        ("vads_cust_first_name", "Zoë O'Brien & co"),
        ("vads_hash", "5a1b"),
        ("vads_url_check_src", "PAY"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

fn signed(mut fields: Vec<(String, String)>, key: &[u8], algorithm: Algorithm) -> Vec<(String, String)> {
    let sig = signature::sign(fields.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes())), key, algorithm);
    fields.push(("signature".into(), sig));
    fields
}

fn encode(fields: &[(String, String)]) -> Vec<u8> {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(n, v)| format!("{}={}", enc(n), enc(v))).collect::<Vec<_>>().join("&").into_bytes()
}

fn body(mode: &str, status: &str) -> Vec<u8> {
    let key = if mode == "TEST" { TEST_KEY } else { PROD_KEY };
    encode(&signed(base_fields(mode, status), key, Algorithm::HmacSha256))
}

#[test]
fn a_signed_notification_exposes_its_typed_fields() {
    let n = parse_body(&body("TEST", "AUTHORISED"), keys(), Algorithm::HmacSha256).expect("valid");
    assert_eq!(n.outcome(), Outcome::Success);
    assert_eq!(n.status(), "AUTHORISED");
    assert!(n.is_server_notification());
    assert_eq!(n.order_id(), Some("42"));
    assert_eq!(n.trans_id(), "000123");
    assert_eq!(n.trans_uuid(), Some("0123456789abcdef0123456789abcdef"));
    assert_eq!(n.site_id(), "12345678");
    assert_eq!(n.ctx_mode(), "TEST");
    assert_eq!(n.amount_minor(), 1234);
    assert_eq!(n.currency(), "978");
    assert_eq!(n.card_brand(), Some("CB"));
    assert_eq!(n.masked_card_number().as_deref(), Some("497010XXXXXX0014"));
    assert_eq!(n.threeds_status(), Some("Y"));
    assert_eq!(n.field("vads_cust_first_name"), Some("Zoë O'Brien & co"));
    assert_eq!(n.field("nope"), None);
}

#[test]
fn outcomes_follow_the_status_groups() {
    for (status, outcome) in [("CAPTURED", Outcome::Success), ("WAITING_AUTHORISATION", Outcome::Pending), ("ABANDONED", Outcome::Cancelled), ("REFUSED", Outcome::Failure), ("SOMETHING_NEW", Outcome::Pending)] {
        let n = parse_body(&body("TEST", status), keys(), Algorithm::HmacSha256).expect("valid");
        assert_eq!(n.outcome(), outcome, "{status}");
        assert_eq!(n.is_known_status(), status != "SOMETHING_NEW");
    }
}

#[test]
fn a_browser_return_has_no_hash() {
    let fields: Vec<_> = base_fields("TEST", "AUTHORISED").into_iter().filter(|(n, _)| n != "vads_hash" && n != "vads_url_check_src").collect();
    let n = parse_body(&encode(&signed(fields, TEST_KEY, Algorithm::Sha1)), keys(), Algorithm::Sha1).expect("valid");
    assert!(!n.is_server_notification());
    assert_eq!(n.url_check_src(), None);
}

#[test]
fn the_key_is_chosen_by_the_notified_mode() {
    assert!(parse_body(&body("PRODUCTION", "AUTHORISED"), keys(), Algorithm::HmacSha256).is_ok());
    // A PRODUCTION notification signed with the TEST key is refused.
    let forged = encode(&signed(base_fields("PRODUCTION", "AUTHORISED"), TEST_KEY, Algorithm::HmacSha256));
    assert!(matches!(parse_body(&forged, keys(), Algorithm::HmacSha256), Err(Error::SignatureMismatch(m)) if m == "PRODUCTION"));
    let only_test = Keys { test: Some(TEST_KEY), production: None };
    assert!(matches!(parse_body(&body("PRODUCTION", "AUTHORISED"), only_test, Algorithm::HmacSha256), Err(Error::NoKeyForMode(_))));
    let blank = Keys { test: Some(b"  "), production: None };
    assert!(matches!(parse_body(&body("TEST", "AUTHORISED"), blank, Algorithm::HmacSha256), Err(Error::NoKeyForMode(_))));
}

#[test]
fn tampering_and_bad_signatures_are_refused() {
    let good = signed(base_fields("TEST", "REFUSED"), TEST_KEY, Algorithm::HmacSha256);
    let with = |name: &str, value: &str| -> Vec<u8> {
        let mut f = good.clone();
        f.iter_mut().filter(|(n, _)| n == name).for_each(|(_, v)| *v = value.to_owned());
        encode(&f)
    };
    let sig = good.last().map(|(_, v)| v.clone()).expect("signed");
    for tampered in [
        with("vads_trans_status", "AUTHORISED"),
        with("vads_amount", "1"),
        with("signature", ""),
        with("signature", &sig[..43]),
        with("signature", &format!("{sig}=")),
        encode(&good[..good.len() - 1]),
    ] {
        assert!(matches!(parse_body(&tampered, keys(), Algorithm::HmacSha256), Err(Error::SignatureMismatch(_))));
    }
    assert!(matches!(parse_body(&encode(&good), keys(), Algorithm::Sha1), Err(Error::SignatureMismatch(_))), "wrong algorithm");
}

#[test]
fn malformed_input_is_refused_before_or_after_the_signature() {
    // Without a mode there is no key to check with.
    let no_mode: Vec<_> = base_fields("TEST", "AUTHORISED").into_iter().filter(|(n, _)| n != "vads_ctx_mode").collect();
    assert!(matches!(parse_body(&encode(&no_mode), keys(), Algorithm::HmacSha256), Err(Error::Malformed { field, .. }) if field == "vads_ctx_mode"));
    // Duplicate names are refused outright.
    let mut dup = body("TEST", "AUTHORISED");
    dup.extend_from_slice(b"&vads_amount=1");
    assert!(matches!(parse_body(&dup, keys(), Algorithm::HmacSha256), Err(Error::Malformed { .. })));
    // Signed but unusable fields.
    for (name, value) in [("vads_amount", "12.34"), ("vads_amount", ""), ("vads_currency", "EUR"), ("vads_site_id", "123"), ("vads_trans_id", "12"), ("vads_trans_uuid", "xyz"), ("vads_trans_status", "")] {
        let mut f = base_fields("TEST", "AUTHORISED");
        f.iter_mut().filter(|(n, _)| n == name).for_each(|(_, v)| *v = value.to_owned());
        let result = parse_body(&encode(&signed(f, TEST_KEY, Algorithm::HmacSha256)), keys(), Algorithm::HmacSha256);
        assert!(matches!(result, Err(Error::Malformed { ref field, .. }) if field == name), "{name}={value:?}: {result:?}");
    }
}

#[test]
fn non_utf8_values_are_verified_as_bytes_then_refused() {
    let mut raw: Vec<(Vec<u8>, Vec<u8>)> = base_fields("TEST", "AUTHORISED").into_iter().map(|(n, v)| (n.into_bytes(), v.into_bytes())).collect();
    raw.push((b"vads_cust_last_name".to_vec(), vec![b'M', 0xfc, b'l']));
    let sig = signature::sign(raw.iter().map(|(n, v)| (n.as_slice(), v.as_slice())), TEST_KEY, Algorithm::HmacSha256);
    raw.push((b"signature".to_vec(), sig.into_bytes()));
    assert!(matches!(parse_fields(raw, keys(), Algorithm::HmacSha256), Err(Error::Malformed { field, .. }) if field == "vads_cust_last_name"));
}

#[test]
fn decoded_fields_verify_like_the_raw_body() {
    let raw: Vec<(Vec<u8>, Vec<u8>)> = signed(base_fields("TEST", "CAPTURED"), TEST_KEY, Algorithm::HmacSha256)
        .into_iter()
        .map(|(n, v)| (n.into_bytes(), v.into_bytes()))
        .collect();
    assert_eq!(parse_fields(raw, keys(), Algorithm::HmacSha256).expect("valid").outcome(), Outcome::Success);
}
