//! What a new result does to the payment already recorded for an order: the one state machine the
//! notification endpoint and the browser return both follow. States only move forward: a late or
//! repeated message never undoes a later one.

use crate::status::{known_outcome, outcome, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Record the new status and apply its outcome to the order.
    Apply,
    /// The same status again: change nothing (answer "already registered").
    Duplicate,
    /// Older than what is recorded (a pending after a success, an authorisation after a capture):
    /// change nothing.
    Stale,
    /// A success after a cancellation or refusal (the buyer paid on a retry, or the merchant
    /// reactivated it): record it, move the order to paid, and flag it for the admin.
    Reopen,
    /// A cancellation or failure after a success (cancelled in the back office, capture failed):
    /// record it and flag it for the admin, but leave the order for the admin to handle (it may
    /// already be shipped).
    Revoke,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Apply => "apply",
            Decision::Duplicate => "duplicate",
            Decision::Stale => "stale",
            Decision::Reopen => "reopen",
            Decision::Revoke => "revoke",
        }
    }
}

/// Order of the statuses within the success group: a capture comes after an authorisation.
fn success_rank(status: &str) -> u8 {
    if status == "CAPTURED" {
        2
    } else {
        1
    }
}

/// `recorded`: the last `vads_trans_status` stored for the transaction (`None` before any result).
pub fn decide(recorded: Option<&str>, incoming: &str) -> Decision {
    let Some(recorded) = recorded.filter(|s| !s.is_empty()) else {
        return Decision::Apply;
    };
    if recorded == incoming {
        return Decision::Duplicate;
    }
    let incoming_outcome = outcome(incoming);
    match outcome(recorded) {
        Outcome::Pending => {
            // An unknown status (treated as pending) never replaces a known one.
            if known_outcome(incoming).is_none() && known_outcome(recorded).is_some() {
                Decision::Stale
            } else {
                Decision::Apply
            }
        }
        Outcome::Success => match incoming_outcome {
            Outcome::Success if success_rank(incoming) > success_rank(recorded) => Decision::Apply,
            Outcome::Success | Outcome::Pending => Decision::Stale,
            Outcome::Cancelled | Outcome::Failure => Decision::Revoke,
        },
        Outcome::Cancelled | Outcome::Failure => match incoming_outcome {
            Outcome::Success => Decision::Reopen,
            _ => Decision::Stale,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::*;

    #[test]
    fn first_result_is_applied() {
        for s in ["AUTHORISED", "REFUSED", "ABANDONED", "WAITING_AUTHORISATION", "NEW_THING"] {
            assert_eq!(decide(None, s), Apply, "{s}");
            assert_eq!(decide(Some(""), s), Apply, "{s}");
        }
    }

    #[test]
    fn states_only_move_forward() {
        let cases = [
            ("AUTHORISED", "AUTHORISED", Duplicate),
            ("AUTHORISED", "CAPTURED", Apply),
            ("CAPTURED", "AUTHORISED", Stale),
            ("CAPTURED", "WAITING_AUTHORISATION", Stale),
            ("AUTHORISED", "INITIAL", Stale),
            ("AUTHORISED", "CANCELLED", Revoke),
            ("CAPTURED", "CAPTURE_FAILED", Revoke),
            ("WAITING_AUTHORISATION", "AUTHORISED", Apply),
            ("WAITING_AUTHORISATION", "REFUSED", Apply),
            ("WAITING_AUTHORISATION", "UNDER_VERIFICATION", Apply),
            ("WAITING_AUTHORISATION", "NEW_THING", Stale),
            ("NEW_THING", "AUTHORISED", Apply),
            ("REFUSED", "AUTHORISED", Reopen),
            ("ABANDONED", "CAPTURED", Reopen),
            ("REFUSED", "REFUSED", Duplicate),
            ("REFUSED", "ABANDONED", Stale),
            ("ABANDONED", "WAITING_AUTHORISATION", Stale),
            ("CANCELLED", "EXPIRED", Stale),
        ];
        for (recorded, incoming, expected) in cases {
            assert_eq!(decide(Some(recorded), incoming), expected, "{recorded} -> {incoming}");
        }
    }
}
