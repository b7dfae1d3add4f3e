//! Public `kr-hash` vectors (tests/data/kr_hash_vectors.json: input strings and expected hashes taken
//! as data from Lyra's public examples, see the file's sources) against the core's REST checks.

use systempay::error::Error;
use systempay::notification::Keys;
use systempay::rest::verify_hash;
use systempay::rest_answer::{parse_fields, RestKeys};

fn vectors() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/kr_hash_vectors.json")).expect("vector file");
    serde_json::from_str(&text).expect("JSON")
}

fn field<'a>(vector: &'a serde_json::Value, name: &str) -> &'a str {
    vector[name].as_str().unwrap_or_else(|| panic!("{name} in {}", vector["id"]))
}

#[test]
fn every_public_vector_verifies_and_one_changed_byte_does_not() {
    let all = vectors();
    let list = all["vectors"].as_array().expect("vectors");
    assert!(list.len() >= 3);
    for vector in list {
        let (answer, hash, key) = (field(vector, "kr_answer"), field(vector, "kr_hash"), field(vector, "key"));
        assert!(verify_hash(answer.as_bytes(), hash.as_bytes(), key.as_bytes()), "{}", vector["id"]);
        let mut changed = answer.as_bytes().to_vec();
        let last = changed.len() - 2;
        changed[last] ^= 1;
        assert!(!verify_hash(&changed, hash.as_bytes(), key.as_bytes()), "{}", vector["id"]);
        assert!(!verify_hash(answer.as_bytes(), hash.to_uppercase().as_bytes(), key.as_bytes()), "{}", vector["id"]);
        // The escaped form some sources store (`\"`, `\/`) is not what the platform hashed.
        for stored in ["kr_answer_as_stored_in_source", "kr_answer_php53_variant_as_stored"] {
            if let Some(stored) = vector[stored].as_str().filter(|s| *s != answer) {
                assert!(!verify_hash(stored.as_bytes(), hash.as_bytes(), key.as_bytes()), "{} {stored}", vector["id"]);
            }
        }
    }
}

#[test]
fn the_old_v3_sha256_scheme_is_refused() {
    let all = vectors();
    for vector in all["legacy_v3_vectors"].as_array().expect("legacy") {
        let (answer, hash, key) = (field(vector, "kr_answer"), field(vector, "kr_hash"), field(vector, "key"));
        assert!(!verify_hash(answer.as_bytes(), hash.as_bytes(), key.as_bytes()), "{}", vector["id"]);
    }
}

#[test]
fn public_v4_payment_vectors_parse_as_results_of_their_mode() {
    let all = vectors();
    let mut parsed = 0;
    for vector in all["vectors"].as_array().expect("vectors") {
        if field(vector, "kr_answer_type") != "V4/Payment" {
            continue;
        }
        let answer: serde_json::Value = serde_json::from_str(field(vector, "kr_answer")).expect("JSON");
        let mode = answer["orderDetails"]["mode"].as_str().expect("mode");
        let key = field(vector, "key").as_bytes();
        let kind = field(vector, "key_kind");
        let pair = if mode == "TEST" { Keys { test: Some(key), production: None } } else { Keys { test: None, production: Some(key) } };
        let keys = if kind == "password" { RestKeys { hmac: Keys::default(), password: pair } } else { RestKeys { hmac: pair, password: Keys::default() } };
        let post = vec![
            (b"kr-hash".to_vec(), field(vector, "kr_hash").as_bytes().to_vec()),
            (b"kr-hash-algorithm".to_vec(), b"sha256_hmac".to_vec()),
            (b"kr-hash-key".to_vec(), kind.as_bytes().to_vec()),
            (b"kr-answer-type".to_vec(), b"V4/Payment".to_vec()),
            (b"kr-answer".to_vec(), field(vector, "kr_answer").as_bytes().to_vec()),
        ];
        // Verified, then read: another shop's payment carries none of this shop's attempt metadata.
        match parse_fields(post, keys) {
            Ok(n) => {
                assert_eq!(n.ctx_mode(), mode);
                assert_eq!(n.status(), answer["transactions"][0]["detailedStatus"].as_str().expect("detailedStatus"));
                assert_eq!(n.is_server_notification(), kind == "password");
            }
            Err(Error::Malformed { reason, .. }) => assert!(reason.contains("metadata"), "{}: {reason}", vector["id"]),
            Err(other) => panic!("{}: {other}", vector["id"]),
        }
        parsed += 1;
    }
    assert!(parsed >= 2, "{parsed}");
}
