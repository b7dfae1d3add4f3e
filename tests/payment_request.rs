//! `payment_request::build`: defaults, conversions, limits, 3DS by amount, and refusals.

use systempay::error::Error;
use systempay::input::{Input, Value};
use systempay::payment_request::build;
use systempay::signature::{self, Algorithm};

fn text(pairs: &[(&str, &str)]) -> Vec<(String, Value)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), Value::Text((*v).to_owned()))).collect()
}

fn settings(extra: &[(&str, &str)]) -> Input {
    let mut entries = text(&[("site_id", "12345678"), ("ctx_mode", "TEST"), ("key_test", "1122334455667788")]);
    for (k, v) in text(extra) {
        entries.retain(|(existing, _)| *existing != k);
        entries.push((k, v));
    }
    Input::new("settings", entries)
}

fn payment(extra: &[(&str, &str)]) -> Input {
    let mut entries = text(&[
        ("order_id", "42"),
        ("amount", "12.34"),
        ("currency", "EUR"),
        ("trans_id", "000123"),
        ("trans_date", "20170129130025"),
        ("url_return", "https://shop.example/checkout_process.php"),
    ]);
    for (k, v) in text(extra) {
        entries.retain(|(existing, _)| *existing != k);
        entries.push((k, v));
    }
    Input::new("payment", entries)
}

fn get<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn field_of_error(result: Result<Vec<(String, String)>, Error>) -> String {
    match result {
        Err(Error::InvalidArgument { field, .. }) => field,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[test]
fn fills_the_mandatory_fields_and_signs_them() {
    let fields = build(&settings(&[]), &payment(&[])).expect("builds");
    for (name, value) in [
        ("vads_action_mode", "INTERACTIVE"),
        ("vads_page_action", "PAYMENT"),
        ("vads_payment_config", "SINGLE"),
        ("vads_version", "V2"),
        ("vads_site_id", "12345678"),
        ("vads_ctx_mode", "TEST"),
        ("vads_amount", "1234"),
        ("vads_currency", "978"),
        ("vads_trans_id", "000123"),
        ("vads_trans_date", "20170129130025"),
        ("vads_order_id", "42"),
        ("vads_language", "fr"),
        ("vads_return_mode", "GET"),
    ] {
        assert_eq!(get(&fields, name), Some(value), "{name}");
    }
    let (last_name, sig) = fields.last().expect("non-empty");
    assert_eq!(last_name, "signature");
    let names: Vec<&str> = fields[..fields.len() - 1].iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "vads fields come sorted");
    let pairs = fields.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes()));
    assert!(signature::verify(pairs, sig.as_bytes(), b"1122334455667788", Algorithm::HmacSha256));
}

#[test]
fn uses_the_mode_key_and_algorithm() {
    let s = settings(&[("ctx_mode", "PRODUCTION"), ("key_production", "prodkey"), ("sign_algorithm", "SHA-1")]);
    let fields = build(&s, &payment(&[])).expect("builds");
    let sig = get(&fields, "signature").expect("signed");
    assert_eq!(sig.len(), 40);
    let pairs = fields.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes()));
    assert!(signature::verify(pairs, sig.as_bytes(), b"prodkey", Algorithm::Sha1));
    assert_eq!(field_of_error(build(&settings(&[("ctx_mode", "PRODUCTION")]), &payment(&[]))), "settings[key_production]");
}

#[test]
fn converts_amounts_in_each_currency_exponent() {
    for (amount, currency, minor, numeric) in [("12.34", "EUR", "1234", "978"), ("1500", "JPY", "1500", "392"), ("1.235", "KWD", "1235", "414"), ("10.005", "978", "1001", "978")] {
        let fields = build(&settings(&[]), &payment(&[("amount", amount), ("currency", currency)])).expect("builds");
        assert_eq!(get(&fields, "vads_amount"), Some(minor), "{amount} {currency}");
        assert_eq!(get(&fields, "vads_currency"), Some(numeric));
    }
}

#[test]
fn maps_the_shop_language_or_falls_back_to_the_default() {
    let s = settings(&[("default_language", "en")]);
    assert_eq!(get(&build(&s, &payment(&[("language", "de")])).expect("builds"), "vads_language"), Some("de"));
    assert_eq!(get(&build(&s, &payment(&[("language", "da")])).expect("builds"), "vads_language"), Some("en"));
    assert_eq!(field_of_error(build(&settings(&[("default_language", "xx")]), &payment(&[]))), "settings[default_language]");
}

#[test]
fn applies_three_ds_by_amount() {
    let s = settings(&[("threeds_min_amount", "30")]);
    assert_eq!(get(&build(&s, &payment(&[("amount", "29.99")])).expect("builds"), "vads_threeds_mpi"), Some("2"));
    assert_eq!(get(&build(&s, &payment(&[("amount", "30.00")])).expect("builds"), "vads_threeds_mpi"), Some(""));
    assert_eq!(get(&build(&settings(&[]), &payment(&[])).expect("builds"), "vads_threeds_mpi"), None);
    assert_eq!(field_of_error(build(&settings(&[("threeds_min_amount", "thirty")]), &payment(&[]))), "settings[threeds_min_amount]");
}

#[test]
fn sends_the_optional_merchant_settings() {
    let s = settings(&[
        ("available_languages", "de;fr"),
        ("capture_delay", "3"),
        ("validation_mode", "1"),
        ("payment_cards", "VISA;MASTERCARD"),
        ("redirect_enabled", "True"),
        ("redirect_success_timeout", "10"),
        ("redirect_error_timeout", "0"),
        ("return_mode", "POST"),
        ("contrib", "modified3.3.0_0.1.0/8.2"),
    ]);
    let fields = build(&s, &payment(&[])).expect("builds");
    for (name, value) in [
        ("vads_available_languages", "de;fr"),
        ("vads_capture_delay", "3"),
        ("vads_validation_mode", "1"),
        ("vads_payment_cards", "VISA;MASTERCARD"),
        ("vads_redirect_success_timeout", "10"),
        ("vads_redirect_success_message", "Redirection vers la boutique dans quelques instants"),
        ("vads_redirect_error_timeout", "0"),
        ("vads_return_mode", "POST"),
        ("vads_contrib", "modified3.3.0_0.1.0/8.2"),
    ] {
        assert_eq!(get(&fields, name), Some(value), "{name}");
    }
    let plain = build(&settings(&[("redirect_enabled", "False")]), &payment(&[])).expect("builds");
    assert_eq!(get(&plain, "vads_redirect_success_timeout"), None);
}

#[test]
fn refuses_bad_merchant_and_order_values_naming_the_field() {
    let cases: &[(&[(&str, &str)], &[(&str, &str)], &str)] = &[
        (&[("site_id", "1234567")], &[], "settings[site_id]"),
        (&[("site_id", "1234567a")], &[], "settings[site_id]"),
        (&[("ctx_mode", "test")], &[], "settings[ctx_mode]"),
        (&[("key_test", "  ")], &[], "settings[key_test]"),
        (&[("sign_algorithm", "MD5")], &[], "settings[sign_algorithm]"),
        (&[("available_languages", "de;xx")], &[], "settings[available_languages]"),
        (&[("capture_delay", "-1")], &[], "settings[capture_delay]"),
        (&[("validation_mode", "2")], &[], "settings[validation_mode]"),
        (&[("payment_cards", "VISA;<script>")], &[], "settings[payment_cards]"),
        (&[("redirect_enabled", "1"), ("redirect_success_timeout", "301")], &[], "settings[redirect_success_timeout]"),
        (&[("return_mode", "NONE")], &[], "settings[return_mode]"),
        (&[("colour", "red")], &[], "settings[colour]"),
        (&[], &[("order_id", "4 2")], "payment[order_id]"),
        (&[], &[("order_id", &"9".repeat(65))], "payment[order_id]"),
        (&[], &[("amount", "-1")], "payment[amount]"),
        (&[], &[("amount", "0")], "payment[amount]"),
        (&[], &[("amount", "1e3")], "payment[amount]"),
        (&[], &[("amount", "12,34")], "payment[amount]"),
        (&[], &[("amount", "")], "payment[amount]"),
        (&[], &[("currency", "XXX")], "payment[currency]"),
        (&[], &[("trans_id", "900000")], "payment[trans_id]"),
        (&[], &[("trans_id", "12345")], "payment[trans_id]"),
        (&[], &[("trans_date", "2017-01-29")], "payment[trans_date]"),
        (&[], &[("url_return", "javascript:alert(1)")], "payment[url_return]"),
        (&[], &[("url_success", "https://x.example/a b")], "payment[url_success]"),
        (&[], &[("cust_emial", "a@b.example")], "payment[cust_emial]"),
    ];
    for (s, p, field) in cases {
        assert_eq!(field_of_error(build(&settings(s), &payment(p))), *field, "{s:?} {p:?}");
    }
}

#[test]
fn cleans_buyer_data_to_the_platform_limits() {
    let long_street = "Rue de la République ".repeat(20);
    let fields = build(
        &settings(&[]),
        &payment(&[
            ("cust_first_name", "Zoë\r\n"),
            ("cust_address", &long_street),
            ("cust_country", "fr"),
            ("cust_email", "not an email"),
            ("cust_phone", "+33 1 23 45 67 89"),
        ]),
    )
    .expect("builds");
    assert_eq!(get(&fields, "vads_cust_first_name"), Some("Zoë"));
    assert_eq!(get(&fields, "vads_cust_address").map(|v| v.chars().count()), Some(255));
    assert_eq!(get(&fields, "vads_cust_country"), Some("FR"));
    assert_eq!(get(&fields, "vads_cust_email"), None);
    assert_eq!(get(&fields, "vads_cust_phone"), Some("+33 1 23 45 67 89"));
}

#[test]
fn sends_extra_info_fields() {
    let mut p = payment(&[]);
    p.entries.push(("ext_info".into(), Value::Map(vec![("session".into(), "abc123".into()), ("shop".into(), "Demo".into())])));
    let fields = build(&settings(&[]), &p).expect("builds");
    assert_eq!(get(&fields, "vads_ext_info_session"), Some("abc123"));
    assert_eq!(get(&fields, "vads_ext_info_shop"), Some("Demo"));
    let mut bad = payment(&[]);
    bad.entries.push(("ext_info".into(), Value::Map(vec![("bad name".into(), "x".into())])));
    assert_eq!(field_of_error(build(&settings(&[]), &bad)), "payment[ext_info]");
}

#[test]
fn fills_the_utc_date_when_none_is_given() {
    let mut p = payment(&[]);
    p.entries.retain(|(k, _)| k != "trans_date");
    let fields = build(&settings(&[]), &p).expect("builds");
    let date = get(&fields, "vads_trans_date").expect("present");
    assert!(systempay::utc_time::is_valid_trans_date(date), "{date}");
}
