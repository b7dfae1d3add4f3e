//! The form-API signature (protocol §2): every `vads_*` field, sorted by name byte-wise, each value
//! followed by `+`, then the key; SHA-1 as lowercase hex or HMAC-SHA-256 as Base64.
//!
//! Fields are taken as borrowed `(name, value)` byte pairs so the PHP binding can hand over the
//! array's own buffers without copying; values are signed exactly as given (no trim, no decoding).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::{Digest, Sha1};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};

/// The exact, lowercase prefix of signed field names.
pub const SIGNED_PREFIX: &[u8] = b"vads_";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// Legacy: lowercase hex SHA-1 of `values+key`.
    Sha1,
    /// Default since 2016: Base64 HMAC-SHA-256 of `values+key`, keyed with the key.
    HmacSha256,
}

impl Algorithm {
    pub const ALL: [Algorithm; 2] = [Algorithm::HmacSha256, Algorithm::Sha1];

    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "HMAC-SHA-256" => Ok(Algorithm::HmacSha256),
            "SHA-1" => Ok(Algorithm::Sha1),
            other => Err(Error::UnsupportedAlgorithm(crate::money::truncate_for_message(other).to_owned())),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA-1",
            Algorithm::HmacSha256 => "HMAC-SHA-256",
        }
    }

    /// Length of a well-formed signature: 40 hex digits or 44 Base64 characters.
    pub fn signature_len(self) -> usize {
        match self {
            Algorithm::Sha1 => 40,
            Algorithm::HmacSha256 => 44,
        }
    }
}

/// True for the field names that take part in the signature.
pub fn is_signed_field(name: &[u8]) -> bool {
    name.starts_with(SIGNED_PREFIX)
}

/// The key as configured, without surrounding whitespace (admins paste keys with trailing spaces).
pub fn normalise_key(key: &[u8]) -> &[u8] {
    key.trim_ascii()
}

/// Computes the signature of `fields` (any order; non-`vads_` fields are ignored).
pub fn sign<'a, I>(fields: I, key: &[u8], algorithm: Algorithm) -> String
where
    I: IntoIterator<Item = (&'a [u8], &'a [u8])>,
{
    let mut signed: Vec<(&[u8], &[u8])> = fields.into_iter().filter(|(name, _)| is_signed_field(name)).collect();
    signed.sort_unstable_by(|a, b| a.0.cmp(b.0));
    sign_sorted(&signed, key, algorithm)
}

/// Signs fields already filtered to `vads_*` and sorted by name.
fn sign_sorted(signed: &[(&[u8], &[u8])], key: &[u8], algorithm: Algorithm) -> String {
    let key = normalise_key(key);
    match algorithm {
        Algorithm::Sha1 => {
            let mut hasher = Sha1::new();
            for (_, value) in signed {
                hasher.update(value);
                hasher.update(b"+");
            }
            hasher.update(key);
            to_lower_hex(&hasher.finalize())
        }
        Algorithm::HmacSha256 => {
            // HMAC accepts keys of any length, so this cannot fail.
            let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
                Ok(mac) => mac,
                Err(_) => unreachable_hmac_key(),
            };
            for (_, value) in signed {
                mac.update(value);
                mac.update(b"+");
            }
            mac.update(key);
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
    }
}

#[cold]
fn unreachable_hmac_key() -> ! {
    // `Hmac::new_from_slice` only fails for MACs with fixed key sizes, never for HMAC.
    panic!("HMAC rejected a key length")
}

/// Checks `provided` against the signature of `fields`, in constant time. An empty, truncated or
/// over-long signature is rejected before any comparison; so is any case or padding variant.
pub fn verify<'a, I>(fields: I, provided: &[u8], key: &[u8], algorithm: Algorithm) -> bool
where
    I: IntoIterator<Item = (&'a [u8], &'a [u8])>,
{
    if provided.len() != algorithm.signature_len() {
        return false;
    }
    let expected = sign(fields, key, algorithm);
    constant_time_eq(expected.as_bytes(), provided)
}

/// Constant-time equality for secrets of public length.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

pub(crate) fn to_lower_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
    out
}
