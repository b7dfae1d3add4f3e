//! One error type for the whole core. The PHP binding maps each variant onto one exception class,
//! so no function body decides which exception to throw. Messages name fields, never key material.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    /// A setting or payment value the caller passed is unusable (names the field).
    #[error("invalid {field}: {reason}")]
    InvalidArgument { field: String, reason: String },

    /// The signature algorithm named by the caller is not one the platform uses.
    #[error("unsupported signature algorithm {0:?} (expected \"SHA-1\" or \"HMAC-SHA-256\")")]
    UnsupportedAlgorithm(String),

    /// A notification or return whose signature does not match the key for its mode.
    #[error("signature mismatch for {0} mode")]
    SignatureMismatch(String),

    /// No key is configured for the mode a notification claims, so it cannot be authenticated.
    #[error("no key is configured for {0} mode")]
    NoKeyForMode(String),

    /// A notification or return that lacks a required field or carries an unusable one.
    #[error("malformed notification: {field}: {reason}")]
    Malformed { field: String, reason: String },
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidArgument { field: field.into(), reason: reason.into() }
    }

    pub fn malformed(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Malformed { field: field.into(), reason: reason.into() }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
