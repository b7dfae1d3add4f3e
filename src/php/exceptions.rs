//! The `Systempay\…` exception classes, and the one place that decides which class an error gets.
//!
//! ```text
//! \RuntimeException
//!  └─ Systempay\Exception                 (also thrown for an internal error, e.g. a caught panic)
//!      ├─ Systempay\InvalidArgumentException  bad settings, payment data, amount or argument type
//!      ├─ Systempay\SignatureException        wrong signature, or no key for the notified mode
//!      └─ Systempay\MalformedException        notification fields missing or unusable
//! ```
//!
//! They are plain engine classes (no Rust object behind them), so they keep `\Exception`'s own
//! constructor and PHP code can throw and extend them like any other exception.

use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::builders::ClassBuilder;
use ext_php_rs::exception::PhpException;
use ext_php_rs::ffi::zend_class_entry;
use ext_php_rs::zend::{ce, ClassEntry};

use crate::error::Error;

extern "C" {
    // Exported by PHP itself (SPL is always compiled in and starts before any shared extension).
    static spl_ce_RuntimeException: *mut zend_class_entry;
}

#[derive(Clone, Copy)]
pub enum Kind {
    Base,
    InvalidArgument,
    Signature,
    Malformed,
}

const CLASSES: [(Kind, &str); 4] = [
    (Kind::Base, "Systempay\\Exception"),
    (Kind::InvalidArgument, "Systempay\\InvalidArgumentException"),
    (Kind::Signature, "Systempay\\SignatureException"),
    (Kind::Malformed, "Systempay\\MalformedException"),
];

static REGISTERED: [AtomicPtr<ClassEntry>; 4] = [
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
];

fn runtime_exception() -> &'static ClassEntry {
    // SAFETY: set by SPL's startup, which runs before ours; null falls back to \Exception.
    unsafe { spl_ce_RuntimeException.as_ref() }.unwrap_or_else(ce::exception)
}

/// The class entry of `kind`, falling back to the base class and then to `\RuntimeException`.
pub fn class_entry(kind: Kind) -> &'static ClassEntry {
    let load = |k: Kind| {
        // SAFETY: pointers stored here come from the engine's class table and live until shutdown.
        unsafe { REGISTERED[k as usize].load(Ordering::Acquire).as_ref() }
    };
    load(kind).or_else(|| load(Kind::Base)).unwrap_or_else(runtime_exception)
}

fn base_class() -> &'static ClassEntry {
    class_entry(Kind::Base)
}

/// Registers the four classes; called from the module's startup (MINIT).
pub fn register() -> ext_php_rs::error::Result<()> {
    for (kind, name) in CLASSES {
        let parent: (fn() -> &'static ClassEntry, &'static str) = match kind {
            Kind::Base => (runtime_exception, "\\RuntimeException"),
            _ => (base_class, "\\Systempay\\Exception"),
        };
        let store: fn(&'static mut ClassEntry, ext_php_rs::args::ArgInfoTables) = match kind {
            Kind::Base => |ce, tables| keep(Kind::Base, ce, tables),
            Kind::InvalidArgument => |ce, tables| keep(Kind::InvalidArgument, ce, tables),
            Kind::Signature => |ce, tables| keep(Kind::Signature, ce, tables),
            Kind::Malformed => |ce, tables| keep(Kind::Malformed, ce, tables),
        };
        ClassBuilder::new(name).extends(parent).registration(store).register()?;
    }
    Ok(())
}

fn keep(kind: Kind, ce: &'static mut ClassEntry, tables: ext_php_rs::args::ArgInfoTables) {
    REGISTERED[kind as usize].store(ce, Ordering::Release);
    // The engine may point into the (empty) argument tables for the life of the process.
    std::mem::forget(tables);
}

impl From<Error> for PhpException {
    fn from(err: Error) -> Self {
        let kind = match err {
            Error::InvalidArgument { .. } | Error::UnsupportedAlgorithm(_) => Kind::InvalidArgument,
            Error::SignatureMismatch(_) | Error::NoKeyForMode(_) => Kind::Signature,
            Error::Malformed { .. } => Kind::Malformed,
        };
        PhpException::new(err.to_string(), 0, class_entry(kind))
    }
}

/// The exception for a failure inside the extension itself (never the caller's data).
pub fn internal_error(what: &str) -> PhpException {
    PhpException::new(format!("internal error in the systempay extension: {what}"), 0, class_entry(Kind::Base))
}
