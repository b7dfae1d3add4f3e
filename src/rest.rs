//! REST API V4 / embedded form (protocol §4): the `kr-hash` check (the answer itself is read by
//! `rest_answer`).
//!
//! `kr-hash` is the lowercase hex HMAC-SHA-256 of the raw `kr-answer` string, keyed with the
//! HMAC-SHA-256 key (browser return, `kr-hash-key=sha256_hmac`) or the REST password (IPN,
//! `kr-hash-key=password`). It is computed over the bytes as received, before any JSON parsing.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::signature::{constant_time_eq, normalise_key, to_lower_hex};

/// Checks `kr_hash` against the raw `kr_answer`, in constant time; exact lowercase hex only.
pub fn verify_hash(kr_answer: &[u8], kr_hash: &[u8], key: &[u8]) -> bool {
    if kr_hash.len() != 64 {
        return false;
    }
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(normalise_key(key)) else {
        return false;
    };
    mac.update(kr_answer);
    constant_time_eq(to_lower_hex(&mac.finalize().into_bytes()).as_bytes(), kr_hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"VgbDd550wI6W1rwODGy56QAUkUQwIEdwXG5ziDUUC72BS";
    const ANSWER: &str = r#"{"shopId":"73239078","orderCycle":"CLOSED","orderStatus":"PAID","orderDetails":{"orderTotalAmount":990,"orderCurrency":"EUR","mode":"TEST","orderId":"42"},"transactions":[{"uuid":"0123456789abcdef0123456789abcdef","status":"PAID","detailedStatus":"AUTHORISED","amount":990,"currency":"EUR"}]}"#;

    fn reference_hash(answer: &[u8], key: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
        mac.update(answer);
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn accepts_the_exact_lowercase_hash_only() {
        let hash = reference_hash(ANSWER.as_bytes(), KEY);
        assert!(verify_hash(ANSWER.as_bytes(), hash.as_bytes(), KEY));
        assert!(!verify_hash(ANSWER.as_bytes(), hash.to_uppercase().as_bytes(), KEY));
        assert!(!verify_hash(ANSWER.as_bytes(), &hash.as_bytes()[..63], KEY));
        assert!(!verify_hash(ANSWER.as_bytes(), b"", KEY));
        assert!(!verify_hash(ANSWER.replace("990", "991").as_bytes(), hash.as_bytes(), KEY));
        assert!(!verify_hash(ANSWER.as_bytes(), hash.as_bytes(), b"other key"));
    }
}
