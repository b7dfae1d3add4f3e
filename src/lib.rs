//! Systempay payment core for modified eCommerce, and its PHP extension (`--features php`).
//!
//! The pure modules below know nothing of PHP and are tested with plain `cargo test`; `php` is the
//! thin binding that converts PHP values, calls them and maps errors onto `Systempay\…` exceptions.

pub mod abi;
pub mod currency;
pub mod error;
pub mod field_rules;
pub mod form_encoding;
pub mod input;
pub mod json_path;
pub mod language;
pub mod money;
pub mod notification;
pub mod payment_request;
pub mod refund;
pub mod rest;
pub mod rest_answer;
pub mod rest_operations;
pub mod rest_payment;
pub mod rest_response;
pub mod signature;
pub mod status;
pub mod transition;
pub mod utc_time;

#[cfg(feature = "php")]
mod php;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
