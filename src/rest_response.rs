//! The REST API's answer envelope (protocol §4): every answer, HTTP 200 or 401 alike, is
//! `{"status": "SUCCESS"|"ERROR", "answer": {...}, ...}`. A failure keeps the platform's codes so
//! that the admin sees them; anything that is not such an envelope (a proxy's HTML page, a cut
//! connection) is a failure too, named by its HTTP status.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `errorCode` (`INT_902`, `PSP_100`…), or `HTTP_<status>` when there was no envelope.
    pub code: String,
    pub message: String,
    pub detailed_code: Option<String>,
    pub detailed_message: Option<String>,
    pub http_status: u16,
    /// The platform answered with its error envelope: it refused, so nothing was done. False when
    /// the answer is missing or unreadable (a proxy's page, a timeout): the call may have been done.
    pub refused: bool,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    status: String,
    #[serde(default)]
    answer: Value,
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned).filter(|s| !s.is_empty())
}

/// The `answer` of a successful call, or what went wrong.
pub fn answer(body: &[u8], http_status: u16) -> Result<Value, Failure> {
    let no_envelope = |what: &str| Failure {
        code: format!("HTTP_{http_status}"),
        message: what.to_owned(),
        detailed_code: None,
        detailed_message: None,
        http_status,
        refused: false,
    };
    let envelope: Envelope = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(_) if body.is_empty() => return Err(no_envelope("empty answer")),
        Err(_) => return Err(no_envelope("the answer is not a REST API envelope")),
    };
    if envelope.status == "SUCCESS" && http_status == 200 {
        return Ok(envelope.answer);
    }
    let answer = &envelope.answer;
    Err(Failure {
        code: text(answer, "errorCode").unwrap_or_else(|| format!("HTTP_{http_status}")),
        message: text(answer, "errorMessage").unwrap_or_else(|| format!("status {}", envelope.status)),
        detailed_code: text(answer, "detailedErrorCode"),
        detailed_message: text(answer, "detailedErrorMessage"),
        http_status,
        refused: envelope.status == "ERROR",
    })
}

/// `answer.formToken` of a `Charge/CreatePayment` call.
pub fn form_token(body: &[u8], http_status: u16) -> Result<String, Failure> {
    let answer = answer(body, http_status)?;
    match text(&answer, "formToken") {
        // Printable ASCII only: it ends up in an HTML attribute and a JavaScript call.
        Some(token) if token.len() <= 4096 && token.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\'' && b != b'<' && b != b'>') => Ok(token),
        _ => Err(Failure {
            code: "NO_FORM_TOKEN".to_owned(),
            message: "the answer has no usable formToken".to_owned(),
            detailed_code: None,
            detailed_message: None,
            http_status,
            refused: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_token_from_a_success() {
        let body = br#"{"webService":"Charge/CreatePayment","version":"V4","status":"SUCCESS","answer":{"formToken":"01abc-DEF_ghi.jkl","_type":"V4/Charge/PaymentForm"},"mode":"TEST","_type":"V4/WebService/Response"}"#;
        assert_eq!(form_token(body, 200), Ok("01abc-DEF_ghi.jkl".to_owned()));
    }

    #[test]
    fn errors_keep_the_platform_codes() {
        let body = br#"{"status":"ERROR","answer":{"errorCode":"INT_902","errorMessage":"web-service authentication failed","detailedErrorCode":null,"_type":"V4/WebService/WebServiceError"}}"#;
        let failure = form_token(body, 401).expect_err("401");
        assert_eq!(failure.code, "INT_902");
        assert_eq!(failure.message, "web-service authentication failed");
        assert_eq!(failure.detailed_code, None);
        assert_eq!(failure.http_status, 401);
        assert!(failure.refused, "the platform said no: nothing was done");
        let body = br#"{"status":"ERROR","answer":{"errorCode":"PSP_100","errorMessage":"no REST option","detailedErrorCode":"X","detailedErrorMessage":"Y"}}"#;
        let failure = form_token(body, 200).expect_err("error");
        assert_eq!((failure.code.as_str(), failure.detailed_code.as_deref(), failure.detailed_message.as_deref()), ("PSP_100", Some("X"), Some("Y")));
    }

    #[test]
    fn anything_else_is_a_failure_named_by_its_http_status() {
        assert_eq!(form_token(b"<html>Bad gateway</html>", 502).expect_err("html").code, "HTTP_502");
        assert_eq!(form_token(b"", 0).expect_err("no answer").code, "HTTP_0");
        assert_eq!(form_token(br#"{"status":"SUCCESS","answer":{}}"#, 200).expect_err("no token").code, "NO_FORM_TOKEN");
        assert_eq!(form_token(br#"{"status":"SUCCESS","answer":{"formToken":"a\"b"}}"#, 200).expect_err("quote").code, "NO_FORM_TOKEN");
        // A SUCCESS envelope with a non-200 status is not trusted.
        assert_eq!(form_token(br#"{"status":"SUCCESS","answer":{"formToken":"abc"}}"#, 500).expect_err("500").code, "HTTP_500");
        // None of these says the platform refused: the call may have been done.
        for (body, status) in [(&b"<html>Bad gateway</html>"[..], 502), (&b""[..], 0), (&br#"{"status":"SUCCESS","answer":{"formToken":"abc"}}"#[..], 500)] {
            assert!(!form_token(body, status).expect_err("failure").refused);
        }
    }
}
