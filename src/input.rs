//! The loosely typed key → value maps that PHP callers pass (settings, payment data), with getters
//! that fail with an error naming the key. The binding converts PHP arrays into this shape; unknown
//! keys are refused so that a typo (`cust_emial`) is reported instead of silently dropped.

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Text(String),
    /// A PHP list (`['de', 'fr']`).
    List(Vec<String>),
    /// A PHP map (`['session' => 'abc']`), in the caller's order.
    Map(Vec<(String, String)>),
}

#[derive(Debug, Clone, Default)]
pub struct Input {
    /// What the map is, for messages (`settings` or `payment`).
    pub context: &'static str,
    pub entries: Vec<(String, Value)>,
}

impl Input {
    pub fn new(context: &'static str, entries: Vec<(String, Value)>) -> Self {
        Input { context, entries }
    }

    fn field_name(&self, key: &str) -> String {
        format!("{}[{key}]", self.context)
    }

    /// Fails on the first key not in `allowed`.
    pub fn reject_unknown_keys(&self, allowed: &[&str]) -> Result<()> {
        self.reject_unknown_keys_with(allowed, std::iter::empty())
    }

    /// Like `reject_unknown_keys`, with a second list of allowed keys.
    pub fn reject_unknown_keys_with<'a>(&self, allowed: &[&str], more: impl Iterator<Item = &'a str> + Clone) -> Result<()> {
        match self.entries.iter().find(|(key, _)| !allowed.contains(&key.as_str()) && !more.clone().any(|m| m == key)) {
            Some((key, _)) => Err(Error::invalid(self.field_name(key), "unknown key")),
            None => Ok(()),
        }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A text value; `None` when absent, null or empty.
    pub fn text(&self, key: &str) -> Result<Option<&str>> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Text(text)) if text.is_empty() => Ok(None),
            Some(Value::Text(text)) => Ok(Some(text.as_str())),
            Some(_) => Err(Error::invalid(self.field_name(key), "expected a string, got an array")),
        }
    }

    pub fn required_text(&self, key: &str) -> Result<&str> {
        self.text(key)?.ok_or_else(|| Error::invalid(self.field_name(key), "is required"))
    }

    /// A list given as a PHP list or as a `;`/`,`-separated string; empty items dropped.
    pub fn list(&self, key: &str) -> Result<Vec<String>> {
        let items: Vec<String> = match self.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Text(text)) => text.split([';', ',']).map(str::to_owned).collect(),
            Some(Value::List(items)) => items.clone(),
            Some(Value::Map(_)) => return Err(Error::invalid(self.field_name(key), "expected a list")),
        };
        Ok(items.into_iter().map(|item| item.trim().to_owned()).filter(|item| !item.is_empty()).collect())
    }

    /// A name → value map; absent or null gives an empty map.
    pub fn map(&self, key: &str) -> Result<&[(String, String)]> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Map(entries)) => Ok(entries),
            Some(Value::List(items)) if items.is_empty() => Ok(&[]),
            Some(_) => Err(Error::invalid(self.field_name(key), "expected an array of name => value")),
        }
    }

    /// A yes/no flag: `1`, `true`, `yes`, `on`, `True` (modified stores `'True'`/`'False'`) are yes.
    pub fn flag(&self, key: &str) -> Result<bool> {
        Ok(match self.text(key)? {
            None => false,
            Some(text) => match text.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" => false,
                _ => return Err(Error::invalid(self.field_name(key), "expected a yes/no value")),
            },
        })
    }

    /// An integer in `range`, or `default` when absent.
    pub fn int_in(&self, key: &str, range: std::ops::RangeInclusive<u32>, default: u32) -> Result<u32> {
        match self.text(key)? {
            None => Ok(default),
            Some(text) => text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    Error::invalid(self.field_name(key), format!("expected a whole number from {} to {}", range.start(), range.end()))
                }),
        }
    }

    pub fn error(&self, key: &str, reason: impl Into<String>) -> Error {
        Error::invalid(self.field_name(key), reason)
    }
}
