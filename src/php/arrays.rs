//! Reading PHP arrays without copying: the string keys and string values are borrowed straight from
//! the engine's buckets (copying 52 fields into a `HashMap<String, String>` costs more than the
//! whole pure-PHP signature).

use std::borrow::Cow;

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendHashTable, ZendStr, Zval};

/// `HASH_FLAG_PACKED` (Zend/zend_hash.h): a list with integer keys only.
const HASH_FLAG_PACKED: u32 = 1 << 2;

/// A key as PHP holds it.
pub enum Key<'a> {
    Str(&'a [u8]),
    Int(i64),
}

/// Calls `visit` for every live entry, in the array's order. A packed array (a plain list) has no
/// string keys, so callers that only want named fields may skip it (`named_only`).
pub fn for_each_entry<'a, E>(
    array: &'a ZendHashTable,
    named_only: bool,
    mut visit: impl FnMut(Key<'a>, &'a Zval) -> Result<(), E>,
) -> Result<(), E> {
    // SAFETY: reading the flags word of a live hash table the engine lent us for this call.
    let flags = unsafe { array.u.flags };
    let used = array.nNumUsed as usize;
    if flags & HASH_FLAG_PACKED != 0 {
        if named_only {
            return Ok(());
        }
        for (index, value) in array.values().enumerate() {
            visit(Key::Int(index as i64), value)?;
        }
        return Ok(());
    }
    if used == 0 {
        // An empty array may be the engine's shared `zend_empty_array`, whose `arData` points into a
        // static `uint32_t` hash slot: only 4-byte aligned, so even an empty `&[Bucket]` built from it
        // would be undefined behaviour.
        return Ok(());
    }
    // SAFETY: a non-packed table with `nNumUsed > 0` stores `nNumUsed` initialised, properly
    // aligned buckets at `arData`; deleted slots are IS_UNDEF.
    let buckets = unsafe { std::slice::from_raw_parts(array.__bindgen_anon_1.arData, used) };
    for bucket in buckets {
        let value: &Zval = &bucket.val;
        // SAFETY: as in `scalar`; deleted slots are IS_UNDEF.
        if u32::from(unsafe { value.u1.v.type_ }) == ffi::IS_UNDEF {
            continue;
        }
        // SAFETY: a non-null bucket key is a live zend_string owned by the table.
        let key = match unsafe { bucket.key.as_ref() } {
            Some(key) => Key::Str(ZendStr::as_bytes(key)),
            None => Key::Int(bucket.h as i64),
        };
        visit(key, value)?;
    }
    Ok(())
}

/// What a PHP value holds, for converting a field value to bytes.
pub enum Scalar<'a> {
    Bytes(&'a [u8]),
    Int(i64),
    Null,
    /// Anything else, with its PHP type name for the message.
    Other(&'static str),
}

pub fn scalar(value: &Zval) -> Scalar<'_> {
    let value = value.dereference();
    // The raw type byte: `Zval::get_type()` builds a full `DataType` and costs more than the
    // rest of this function, which runs once per field on the signing hot path.
    // SAFETY: the type byte of an initialised zval is always readable.
    match u32::from(unsafe { value.u1.v.type_ }) {
        ffi::IS_STRING => value.zend_str().map_or(Scalar::Other("string"), |s| Scalar::Bytes(s.as_bytes())),
        ffi::IS_LONG => value.long().map_or(Scalar::Other("int"), Scalar::Int),
        ffi::IS_NULL | ffi::IS_UNDEF => Scalar::Null,
        ffi::IS_DOUBLE => Scalar::Other("float"),
        ffi::IS_TRUE | ffi::IS_FALSE => Scalar::Other("bool"),
        ffi::IS_ARRAY => Scalar::Other("array"),
        ffi::IS_OBJECT => Scalar::Other("object"),
        _ => Scalar::Other("resource or other value"),
    }
}

/// A field value as bytes: strings are borrowed, ints are written in decimal, null is empty.
pub fn field_bytes<'a>(value: &'a Zval) -> Result<Cow<'a, [u8]>, &'static str> {
    match scalar(value) {
        Scalar::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
        Scalar::Int(n) => Ok(Cow::Owned(n.to_string().into_bytes())),
        Scalar::Null => Ok(Cow::Borrowed(&[])),
        Scalar::Other(type_name) => Err(type_name),
    }
}

pub fn key_text(key: &Key<'_>) -> String {
    match key {
        Key::Str(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Key::Int(n) => n.to_string(),
    }
}
