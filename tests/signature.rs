//! Signature vectors (data file, one loop) and property tests against a straightforward
//! reimplementation of protocol §2 written here, independent of `src/signature.rs`.

use std::collections::BTreeMap;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use sha1::{Digest, Sha1};
use sha2::Sha256;
use systempay::signature::{self, Algorithm};

#[derive(serde::Deserialize)]
struct Vector {
    name: String,
    algorithm: String,
    key: String,
    fields: BTreeMap<String, String>,
    signature: String,
}

fn vectors() -> Vec<Vector> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/signature_vectors.json");
    let text = std::fs::read_to_string(path).expect("vector file is readable");
    serde_json::from_str(&text).expect("vector file is valid JSON")
}

fn pairs(fields: &BTreeMap<String, String>) -> impl Iterator<Item = (&[u8], &[u8])> {
    fields.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes()))
}

#[test]
fn every_vector_signs_and_verifies() {
    let vectors = vectors();
    assert!(vectors.len() >= 15, "official and own vectors present");
    for v in &vectors {
        let algorithm = Algorithm::parse(&v.algorithm).expect("known algorithm");
        assert_eq!(signature::sign(pairs(&v.fields), v.key.as_bytes(), algorithm), v.signature, "{}", v.name);
        assert!(signature::verify(pairs(&v.fields), v.signature.as_bytes(), v.key.as_bytes(), algorithm), "{}", v.name);
    }
}

#[test]
fn truncated_empty_overlong_and_case_variants_are_rejected() {
    for v in vectors() {
        let algorithm = Algorithm::parse(&v.algorithm).expect("known algorithm");
        let sig = v.signature.as_bytes();
        let key = v.key.as_bytes();
        let mut longer = sig.to_vec();
        longer.push(b'0');
        let swapped: Vec<u8> = sig.iter().map(|b| if b.is_ascii_lowercase() { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }).collect();
        for bad in [&b""[..], &sig[..sig.len() - 1], &sig[..1], &longer, &swapped] {
            assert!(!signature::verify(pairs(&v.fields), bad, key, algorithm), "{}: {:?}", v.name, String::from_utf8_lossy(bad));
        }
        assert!(!signature::verify(pairs(&v.fields), sig, b"wrong key", algorithm), "{}", v.name);
        let other = if algorithm == Algorithm::Sha1 { Algorithm::HmacSha256 } else { Algorithm::Sha1 };
        assert!(!signature::verify(pairs(&v.fields), sig, key, other), "{}", v.name);
    }
}

#[test]
fn a_tampered_value_or_an_added_field_breaks_the_signature() {
    for v in vectors() {
        let algorithm = Algorithm::parse(&v.algorithm).expect("known algorithm");
        let mut tampered = v.fields.clone();
        tampered.insert("vads_amount".into(), "1".into());
        assert!(!signature::verify(pairs(&tampered), v.signature.as_bytes(), v.key.as_bytes(), algorithm), "{}", v.name);
        let mut added = v.fields.clone();
        added.insert("vads_zzz".into(), "".into());
        assert!(!signature::verify(pairs(&added), v.signature.as_bytes(), v.key.as_bytes(), algorithm), "{}: an empty field counts", v.name);
    }
}

#[test]
fn unknown_algorithms_are_refused() {
    for name in ["", "sha-1", "HMAC-SHA256", "SHA-256", "MD5", "HMAC-SHA-256 "] {
        assert!(Algorithm::parse(name).is_err(), "{name:?}");
    }
}

/// Protocol §2 written out the obvious way: filter, sort, join with `+`, append the key.
fn reference_signature(fields: &[(Vec<u8>, Vec<u8>)], key: &[u8], algorithm: Algorithm) -> String {
    let key = key.trim_ascii();
    let mut signed: Vec<&(Vec<u8>, Vec<u8>)> = fields.iter().filter(|(n, _)| n.starts_with(b"vads_")).collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut message = Vec::new();
    for (_, value) in signed {
        message.extend_from_slice(value);
        message.push(b'+');
    }
    message.extend_from_slice(key);
    match algorithm {
        Algorithm::Sha1 => Sha1::digest(&message).iter().map(|b| format!("{b:02x}")).collect(),
        Algorithm::HmacSha256 => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
            mac.update(&message);
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
    }
}

fn field_name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        "vads_[a-z_]{1,20}".prop_map(String::into_bytes),
        "[a-zA-Z_-]{1,12}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 1..12),
    ]
}

fn fields() -> impl Strategy<Value = Vec<(Vec<u8>, Vec<u8>)>> {
    proptest::collection::btree_map(field_name(), proptest::collection::vec(any::<u8>(), 0..40), 0..60)
        .prop_map(|map| map.into_iter().collect())
}

proptest! {
    #[test]
    fn matches_the_reference_for_any_fields(fields in fields(), key in "[ -~]{0,48}", sha1 in any::<bool>()) {
        let algorithm = if sha1 { Algorithm::Sha1 } else { Algorithm::HmacSha256 };
        let expected = reference_signature(&fields, key.as_bytes(), algorithm);
        let pairs = || fields.iter().map(|(n, v)| (n.as_slice(), v.as_slice()));
        prop_assert_eq!(&signature::sign(pairs(), key.as_bytes(), algorithm), &expected);
        prop_assert!(signature::verify(pairs(), expected.as_bytes(), key.as_bytes(), algorithm));
    }

    #[test]
    fn field_order_never_matters(mut fields in fields(), seed in any::<u64>()) {
        let before = signature::sign(fields.iter().map(|(n, v)| (n.as_slice(), v.as_slice())), b"k", Algorithm::HmacSha256);
        let len = fields.len().max(1);
        fields.rotate_left((seed as usize) % len);
        fields.reverse();
        let after = signature::sign(fields.iter().map(|(n, v)| (n.as_slice(), v.as_slice())), b"k", Algorithm::HmacSha256);
        prop_assert_eq!(before, after);
    }
}
