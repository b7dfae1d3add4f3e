//! `application/x-www-form-urlencoded` bodies → raw `(name, value)` byte pairs, exactly as sent.
//!
//! The notification is verified over these bytes rather than over PHP's `$_POST`, which the shop's
//! input filters rewrite (accents to entities, added slashes). Duplicate names are refused: PHP keeps
//! the last one, other parsers the first, and a signature must never be checked over one copy while
//! the order is updated from the other.

use crate::error::{Error, Result};

/// Largest body accepted; real notifications are a few kilobytes.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Most fields accepted; real notifications carry about a hundred.
pub const MAX_FIELDS: usize = 1000;

pub type RawFields = Vec<(Vec<u8>, Vec<u8>)>;

pub fn parse(body: &[u8]) -> Result<RawFields> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::malformed("body", format!("larger than {MAX_BODY_BYTES} bytes")));
    }
    let mut fields: RawFields = Vec::new();
    for pair in body.split(|&b| b == b'&').filter(|pair| !pair.is_empty()) {
        if fields.len() == MAX_FIELDS {
            return Err(Error::malformed("body", format!("more than {MAX_FIELDS} fields")));
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &[][..]),
        };
        let name = percent_decode(name)?;
        if name.is_empty() {
            return Err(Error::malformed("body", "a field has an empty name"));
        }
        fields.push((name, percent_decode(value)?));
    }
    reject_duplicates(&fields)?;
    Ok(fields)
}

/// Fails when two fields share a name.
pub fn reject_duplicates(fields: &RawFields) -> Result<()> {
    let mut names: Vec<&[u8]> = fields.iter().map(|(name, _)| name.as_slice()).collect();
    names.sort_unstable();
    match names.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(Error::malformed(String::from_utf8_lossy(w[0]), "sent more than once")),
        None => Ok(()),
    }
}

fn percent_decode(input: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |b: u8| (b as char).to_digit(16);
                let byte = input
                    .get(i + 1)
                    .and_then(|&h| hex(h))
                    .zip(input.get(i + 2).and_then(|&l| hex(l)))
                    .map(|(h, l)| (h * 16 + l) as u8)
                    .ok_or_else(|| Error::malformed("body", "invalid percent-encoding"))?;
                out.push(byte);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(body: &str) -> Vec<(String, String)> {
        parse(body.as_bytes())
            .expect("parses")
            .into_iter()
            .map(|(n, v)| (String::from_utf8(n).expect("utf8"), String::from_utf8(v).expect("utf8")))
            .collect()
    }

    #[test]
    fn decodes_plus_percent_and_utf8() {
        assert_eq!(
            pairs("vads_a=1+%2B+1&vads_b=Zo%C3%AB&vads_c=&vads_d&x=a%26b%3Dc"),
            vec![
                ("vads_a".into(), "1 + 1".into()),
                ("vads_b".into(), "Zoë".into()),
                ("vads_c".into(), "".into()),
                ("vads_d".into(), "".into()),
                ("x".into(), "a&b=c".into())
            ]
        );
        assert_eq!(pairs(""), vec![]);
        assert_eq!(pairs("&&a=1&&"), vec![("a".into(), "1".into())]);
    }

    #[test]
    fn refuses_duplicates_bad_escapes_and_huge_bodies() {
        assert!(parse(b"vads_a=1&vads_a=2").is_err());
        assert!(parse(b"vads_a=1&vads_%61=2").is_err(), "duplicates after decoding");
        assert!(parse(b"vads_a=%G1").is_err());
        assert!(parse(b"vads_a=%4").is_err());
        assert!(parse(b"=1").is_err());
        assert!(parse(&vec![b'a'; MAX_BODY_BYTES + 1]).is_err());
        let many: Vec<String> = (0..=MAX_FIELDS).map(|i| format!("f{i}=1")).collect();
        assert!(parse(many.join("&").as_bytes()).is_err());
    }

    #[test]
    fn keeps_non_utf8_bytes_for_the_caller_to_judge() {
        let fields = parse(b"vads_a=%E9t%E9").expect("parses");
        assert_eq!(fields[0].1, vec![0xe9, b't', 0xe9]);
    }
}
