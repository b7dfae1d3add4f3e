//! PHP values → the core's input types, with errors that name the offending key.

use std::borrow::Cow;

use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};

use super::arrays::{self, field_bytes, for_each_entry, key_text, Key, Scalar};
use crate::error::Error;
use crate::form_encoding::RawFields;
use crate::input::{Input, Value};
use crate::notification::Keys;

/// Signed (`vads_*`) fields borrowed from a PHP array, and the `signature` entry if any.
pub struct SignedFields<'a> {
    pub fields: Vec<(&'a [u8], Cow<'a, [u8]>)>,
    pub signature: Option<&'a [u8]>,
}

impl SignedFields<'_> {
    pub fn pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.fields.iter().map(|(name, value)| (*name, value.as_ref()))
    }
}

pub fn signed_fields(array: &ZendHashTable) -> Result<SignedFields<'_>, PhpException> {
    let mut out = SignedFields { fields: Vec::with_capacity(array.len()), signature: None };
    for_each_entry(array, true, |key, value| {
        let Key::Str(name) = key else { return Ok::<(), PhpException>(()) };
        if crate::signature::is_signed_field(name) {
            let bytes = field_bytes(value).map_err(|type_name| bad_type("fields", &key_text(&Key::Str(name)), type_name))?;
            out.fields.push((name, bytes));
        } else if name == b"signature" {
            // A non-string signature can never match; verify() answers false for it.
            out.signature = Some(match arrays::scalar(value) {
                Scalar::Bytes(bytes) => bytes,
                _ => b"",
            });
        }
        Ok(())
    })?;
    Ok(out)
}

fn bad_type(context: &str, key: &str, type_name: &str) -> PhpException {
    Error::invalid(format!("{context}[{key}]"), format!("expected a string, int or null, got {type_name}")).into()
}

/// All fields of an already-decoded notification (`$_POST`), as owned bytes.
pub fn raw_fields(array: &ZendHashTable) -> Result<RawFields, PhpException> {
    let mut out = Vec::with_capacity(array.len());
    for_each_entry(array, false, |key, value| {
        let name = match key {
            Key::Str(name) => name.to_vec(),
            Key::Int(n) => n.to_string().into_bytes(),
        };
        let bytes = field_bytes(value).map_err(|type_name| {
            PhpException::from(Error::malformed(String::from_utf8_lossy(&name), format!("expected a string, got {type_name}")))
        })?;
        out.push((name, bytes.into_owned()));
        Ok::<(), PhpException>(())
    })?;
    Ok(out)
}

/// `['TEST' => key, 'PRODUCTION' => key]`, borrowed.
pub fn keys(array: &ZendHashTable) -> Result<Keys<'_>, PhpException> {
    let mut keys = Keys::default();
    for_each_entry(array, false, |key, value| {
        let slot = match key {
            Key::Str(b"TEST") => &mut keys.test,
            Key::Str(b"PRODUCTION") => &mut keys.production,
            other => {
                return Err(Error::invalid(format!("keys[{}]", key_text(&other)), "expected only TEST and PRODUCTION").into());
            }
        };
        *slot = match arrays::scalar(value) {
            Scalar::Bytes(bytes) => Some(bytes),
            Scalar::Null => None,
            Scalar::Int(_) | Scalar::Other(_) => return Err(Error::invalid("keys", "each key must be a string or null").into()),
        };
        Ok::<(), PhpException>(())
    })?;
    Ok(keys)
}

/// A settings or payment array → `Input` (text, lists and one level of name => value maps).
pub fn input(context: &'static str, array: &ZendHashTable) -> Result<Input, PhpException> {
    let mut entries = Vec::with_capacity(array.len());
    for_each_entry(array, false, |key, value| {
        let name = match key {
            Key::Str(bytes) => utf8(context, "", bytes)?,
            Key::Int(n) => return Err(Error::invalid(format!("{context}[{n}]"), "keys must be names").into()),
        };
        let converted = convert_value(context, &name, value)?;
        entries.push((name, converted));
        Ok::<(), PhpException>(())
    })?;
    Ok(Input::new(context, entries))
}

fn convert_value(context: &str, name: &str, value: &Zval) -> Result<Value, PhpException> {
    let value = value.dereference();
    if let Some(array) = value.array() {
        let mut list = Vec::new();
        let mut map = Vec::new();
        for_each_entry(array, false, |key, item| {
            let text = scalar_text(context, name, item)?;
            match key {
                Key::Int(_) => list.push(text),
                Key::Str(bytes) => map.push((utf8(context, name, bytes)?, text)),
            }
            Ok::<(), PhpException>(())
        })?;
        return Ok(match (list.is_empty(), map.is_empty()) {
            (_, true) => Value::List(list),
            (true, false) => Value::Map(map),
            (false, false) => return Err(Error::invalid(format!("{context}[{name}]"), "mixes a list and named entries").into()),
        });
    }
    if value.is_null() {
        return Ok(Value::Null);
    }
    scalar_text(context, name, value).map(Value::Text)
}

fn scalar_text(context: &str, name: &str, value: &Zval) -> Result<String, PhpException> {
    let value = value.dereference();
    if let Some(flag) = value.bool() {
        return Ok(if flag { "1" } else { "0" }.to_owned());
    }
    match arrays::scalar(value) {
        Scalar::Bytes(bytes) => utf8(context, name, bytes),
        Scalar::Int(n) => Ok(n.to_string()),
        Scalar::Null => Ok(String::new()),
        Scalar::Other("float") => Err(Error::invalid(format!("{context}[{name}]"), "floats are not accepted: pass amounts as decimal strings").into()),
        Scalar::Other(type_name) => Err(Error::invalid(format!("{context}[{name}]"), format!("expected a string, int, bool or null, got {type_name}")).into()),
    }
}

fn utf8(context: &str, name: &str, bytes: &[u8]) -> Result<String, PhpException> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        let field = if name.is_empty() { context.to_owned() } else { format!("{context}[{name}]") };
        Error::invalid(field, "is not valid UTF-8").into()
    })
}
