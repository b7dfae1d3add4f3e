//! Reading the platform's JSON answers: a scalar at a path, as text.

use serde_json::Value;

/// The scalar at `path` as text (numbers and booleans too: `expiryMonth` is a number); `None` when
/// absent, null, empty or not a scalar.
pub fn text(value: &Value, path: &[&str]) -> Option<String> {
    let mut current = value;
    for key in path {
        current = current.get(key)?;
    }
    match current {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_at_a_path() {
        let v = serde_json::json!({"a": {"b": "x", "n": 6, "t": true, "e": "", "z": null, "o": {}}});
        assert_eq!(text(&v, &["a", "b"]).as_deref(), Some("x"));
        assert_eq!(text(&v, &["a", "n"]).as_deref(), Some("6"));
        assert_eq!(text(&v, &["a", "t"]).as_deref(), Some("true"));
        for missing in [&["a", "e"][..], &["a", "z"], &["a", "o"], &["a", "q"], &["b"]] {
            assert_eq!(text(&v, missing), None);
        }
    }
}
