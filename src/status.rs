//! Transaction statuses (`vads_trans_status`) and the outcome group each belongs to (protocol §3).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Pending,
    Cancelled,
    Failure,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Pending => "pending",
            Outcome::Cancelled => "cancelled",
            Outcome::Failure => "failure",
        }
    }
}

pub const SUCCESS: &[&str] = &["AUTHORISED", "CAPTURED", "ACCEPTED", "PARTIALLY_AUTHORISED"];
pub const PENDING: &[&str] = &[
    "INITIAL",
    "WAITING_AUTHORISATION",
    "WAITING_AUTHORISATION_TO_VALIDATE",
    "AUTHORISED_TO_VALIDATE",
    "UNDER_VERIFICATION",
    "PRE_AUTHORISED",
    "SUSPENDED",
];
pub const CANCELLED: &[&str] = &["ABANDONED", "NOT_CREATED", "CANCELLED"];
pub const FAILURE: &[&str] = &["REFUSED", "EXPIRED", "CAPTURE_FAILED"];

/// The group of a known status, `None` for a status this module does not know.
pub fn known_outcome(status: &str) -> Option<Outcome> {
    [(SUCCESS, Outcome::Success), (PENDING, Outcome::Pending), (CANCELLED, Outcome::Cancelled), (FAILURE, Outcome::Failure)]
        .into_iter()
        .find(|(group, _)| group.contains(&status))
        .map(|(_, outcome)| outcome)
}

/// The outcome the shop acts on. An unknown status is never a success, and it does not cancel an
/// order either (a new platform status must not destroy a paid order): it stays pending for review.
pub fn outcome(status: &str) -> Outcome {
    known_outcome(status).unwrap_or(Outcome::Pending)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_status_has_its_group() {
        for s in SUCCESS {
            assert_eq!(outcome(s), Outcome::Success, "{s}");
        }
        for s in PENDING {
            assert_eq!(outcome(s), Outcome::Pending, "{s}");
        }
        for s in CANCELLED {
            assert_eq!(outcome(s), Outcome::Cancelled, "{s}");
        }
        for s in FAILURE {
            assert_eq!(outcome(s), Outcome::Failure, "{s}");
        }
    }

    #[test]
    fn unknown_status_is_not_a_success() {
        for s in ["", "authorised", "AUTHORISED ", "PAID", "CAPTURED\0"] {
            assert_eq!(known_outcome(s), None, "{s:?}");
            assert_eq!(outcome(s), Outcome::Pending, "{s:?}");
        }
    }
}
