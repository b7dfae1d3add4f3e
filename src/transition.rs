//! What a new result does to the payment already recorded for an attempt: the one state machine the
//! notification endpoint and the browser return both follow. States only move forward: a late,
//! repeated or redelivered message never undoes a newer one, and what cannot be placed in time is
//! left to the admin instead of being guessed (README, "Payment state table").
//!
//! The statuses say more about time than the messages do: a refusal or an abandonment ends the
//! payment itself, so it can only come *before* a success of the same transaction (the buyer may
//! pay on a later try); a cancellation, an expiry or a failed capture needs an authorisation first,
//! so it can only come *after* one.

use crate::status::{known_outcome, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Record the new status and apply its outcome to the order.
    Apply,
    /// The same status again: change nothing (answer "already registered").
    Duplicate,
    /// Older than what is recorded (a pending after a success, a refusal of an earlier try, a
    /// redelivered success after a cancellation): change nothing.
    Stale,
    /// A success after a refusal or abandonment of the same transaction (the buyer paid on a later
    /// try): record it, move the order back to paid, take the stock again, flag it for the admin.
    Reopen,
    /// A cancellation, expiry or failed capture after a success: record it, move the order to the
    /// admin's "cancelled after payment" status, put the stock back, flag it and tell the owner.
    Revoke,
    /// A result that cannot be placed (a back-office success after a cancellation, a partial
    /// authorisation): recorded and flagged for the admin, the order is left as it is.
    Review,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Apply => "apply",
            Decision::Duplicate => "duplicate",
            Decision::Stale => "stale",
            Decision::Reopen => "reopen",
            Decision::Revoke => "revoke",
            Decision::Review => "review",
        }
    }
}

/// Where a result comes from: the buyer's browser return, or the notification's `vads_url_check_src`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The signed browser return, only accepted in the buyer's own checkout session.
    Return,
    /// `PAY`: the payment's own result, sent when the buyer pays.
    Pay,
    /// `RETRY`: a redelivery of an earlier notification that was not acknowledged; it may arrive
    /// after newer events.
    Retry,
    /// `BO`, `MERCH_BO`: an operation made in the platform's back office.
    BackOffice,
    /// `BATCH`, `BATCH_AUTO`: the platform's batches (captures, expiries).
    Batch,
    /// `REC` or anything this module does not know.
    Other,
}

impl Source {
    /// `None` for a browser return (a notification always has `vads_url_check_src`; one without it
    /// is treated as a payment result).
    pub fn parse(url_check_src: Option<&str>, is_return: bool) -> Source {
        if is_return {
            return Source::Return;
        }
        match url_check_src.unwrap_or("PAY") {
            "PAY" => Source::Pay,
            "RETRY" => Source::Retry,
            "BO" | "MERCH_BO" => Source::BackOffice,
            "BATCH" | "BATCH_AUTO" => Source::Batch,
            _ => Source::Other,
        }
    }

    /// The payment's own result, first-hand or redelivered: never newer than an event that can only
    /// follow an authorisation.
    fn carries_payment_result(self) -> bool {
        matches!(self, Source::Return | Source::Pay | Source::Retry)
    }
}

/// A status as the state machine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Success; the rank orders them (a capture follows an authorisation).
    Paid(u8),
    /// `PARTIALLY_AUTHORISED`: less than the order's amount was authorised, not paid.
    Partial,
    Pending,
    /// `REFUSED`, `ABANDONED`, `NOT_CREATED`: the payment itself failed; precedes any success.
    NotPaid,
    /// `CANCELLED`, `EXPIRED`, `CAPTURE_FAILED`: ends an authorised payment; follows a success.
    Revoked,
    /// A status this module does not know.
    Unknown,
}

pub fn classify(status: &str) -> Class {
    match status {
        "CAPTURED" => Class::Paid(2),
        "PARTIALLY_AUTHORISED" => Class::Partial,
        "CANCELLED" | "EXPIRED" | "CAPTURE_FAILED" => Class::Revoked,
        _ => match known_outcome(status) {
            Some(Outcome::Success) => Class::Paid(1),
            Some(Outcome::Pending) => Class::Pending,
            Some(Outcome::Cancelled) | Some(Outcome::Failure) => Class::NotPaid,
            None => Class::Unknown,
        },
    }
}

/// `recorded`: the last `vads_trans_status` stored for the attempt (`None` before any result).
pub fn decide(recorded: Option<&str>, incoming: &str, source: Source) -> Decision {
    use Class::*;
    use Decision::*;
    let Some(recorded) = recorded.filter(|s| !s.is_empty()) else {
        return if classify(incoming) == Partial { Review } else { Apply };
    };
    if recorded == incoming {
        return Duplicate;
    }
    match (classify(recorded), classify(incoming)) {
        // Nothing final yet: the first final result wins; a new unknown status never replaces a known one.
        (Pending | Unknown, Partial) => Review,
        (Pending, Unknown) => Stale,
        (Pending | Unknown, _) => Apply,

        (Paid(had), Paid(new)) if new > had => Apply,
        (Paid(_), Paid(_) | Partial | Pending | Unknown | NotPaid) => Stale,
        (Paid(_), Revoked) => Revoke,

        // A partial authorisation waits for the admin; what follows it is applied as usual.
        (Partial, Paid(_)) => Review,
        (Partial, Revoked | NotPaid) => Apply,
        (Partial, _) => Stale,

        // The buyer paid on a later try of the same transaction: only the payment's own result can say so.
        (NotPaid, Paid(_)) if source.carries_payment_result() => Reopen,
        (NotPaid, Paid(_) | Partial) => Review,
        (NotPaid, _) => Stale,

        // A success after a cancellation: the payment's own result is older than the cancellation
        // (a RETRY, a replayed return); one from the back office or a batch cannot be placed.
        (Revoked, Paid(_) | Partial) if source.carries_payment_result() => Stale,
        (Revoked, Paid(_) | Partial) => Review,
        (Revoked, _) => Stale,
    }
}

/// The order state a decision moves the order to; the shop maps each onto an order status the admin chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderTarget {
    Paid,
    /// Not paid: refused, abandoned, or cancelled before any success.
    Cancelled,
    /// Cancelled, expired or not captured after a success.
    Revoked,
}

/// Where the order's stock must be after the decision (the shop took it when the order was placed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockTarget {
    Taken,
    Restored,
}

/// Everything a decision does to the order, in one place so that the shop only carries it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub decision: Decision,
    /// `None`: the order status stays as it is.
    pub order: Option<OrderTarget>,
    pub stock: Option<StockTarget>,
    /// A history row on the order (every decision that records something).
    pub history: bool,
    /// Flag the attempt for the admin and mail the shop owner.
    pub alert: bool,
}

/// The decision for a source the message does not sign: the REST notification's `kr-src` is a field
/// of its own, outside `kr-hash`, so whoever replays a captured notification can change it. The
/// claimed source may then not loosen a rule: where the payment's own result and a later operation
/// would be decided differently (a success after a refusal or a cancellation), it is left for review.
pub fn decide_unsigned(recorded: Option<&str>, incoming: &str) -> Decision {
    let as_payment = decide(recorded, incoming, Source::Pay);
    let as_operation = decide(recorded, incoming, Source::BackOffice);
    if as_payment == as_operation {
        as_payment
    } else {
        Decision::Review
    }
}

pub fn plan(recorded: Option<&str>, incoming: &str, source: Source) -> Plan {
    plan_for(recorded, incoming, decide(recorded, incoming, source))
}

/// [`plan`] for a source the message does not sign (see [`decide_unsigned`]).
pub fn plan_unsigned(recorded: Option<&str>, incoming: &str) -> Plan {
    plan_for(recorded, incoming, decide_unsigned(recorded, incoming))
}

fn plan_for(recorded: Option<&str>, incoming: &str, decision: Decision) -> Plan {
    let nothing = Plan { decision, order: None, stock: None, history: false, alert: false };
    let recorded_class = recorded.filter(|s| !s.is_empty()).map(classify);
    match decision {
        Decision::Duplicate | Decision::Stale => nothing,
        Decision::Review => Plan { history: true, alert: true, ..nothing },
        Decision::Reopen => Plan { order: Some(OrderTarget::Paid), stock: Some(StockTarget::Taken), history: true, alert: true, ..nothing },
        Decision::Revoke => Plan { order: Some(OrderTarget::Revoked), stock: Some(StockTarget::Restored), history: true, alert: true, ..nothing },
        Decision::Apply => match classify(incoming) {
            // A capture after the authorisation: one more history row, the order is already paid.
            Class::Paid(_) if matches!(recorded_class, Some(Class::Paid(_))) => Plan { history: true, ..nothing },
            Class::Paid(_) => Plan { order: Some(OrderTarget::Paid), stock: Some(StockTarget::Taken), history: true, ..nothing },
            Class::NotPaid | Class::Revoked => Plan { order: Some(OrderTarget::Cancelled), stock: Some(StockTarget::Restored), history: true, ..nothing },
            Class::Partial | Class::Pending | Class::Unknown => Plan { history: true, ..nothing },
        },
    }
}

impl OrderTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderTarget::Paid => "paid",
            OrderTarget::Cancelled => "cancelled",
            OrderTarget::Revoked => "revoked",
        }
    }
}

impl StockTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            StockTarget::Taken => "taken",
            StockTarget::Restored => "restored",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::*;

    const ALL_SOURCES: [Source; 6] =
        [Source::Return, Source::Pay, Source::Retry, Source::BackOffice, Source::Batch, Source::Other];

    #[test]
    fn an_unsigned_source_never_loosens_a_rule() {
        // A refusal, then a success whose kr-src says PAY (reopen) or BO (review): review either way.
        assert_eq!(decide_unsigned(Some("REFUSED"), "AUTHORISED"), Review);
        assert_eq!(decide_unsigned(Some("CANCELLED"), "AUTHORISED"), Review);
        // Where every source agrees, the rule is the same as for a signed source.
        assert_eq!(decide_unsigned(None, "AUTHORISED"), Apply);
        assert_eq!(decide_unsigned(Some("AUTHORISED"), "CANCELLED"), Revoke);
        assert_eq!(decide_unsigned(Some("AUTHORISED"), "AUTHORISED"), Duplicate);
        assert_eq!(plan_unsigned(Some("REFUSED"), "AUTHORISED").order, None);
    }

    #[test]
    fn first_result_is_applied() {
        for s in ["AUTHORISED", "REFUSED", "ABANDONED", "WAITING_AUTHORISATION", "CANCELLED", "NEW_THING"] {
            for source in ALL_SOURCES {
                assert_eq!(decide(None, s, source), Apply, "{s}");
                assert_eq!(decide(Some(""), s, source), Apply, "{s}");
            }
        }
        assert_eq!(decide(None, "PARTIALLY_AUTHORISED", Source::Pay), Review);
    }

    #[test]
    fn states_only_move_forward_whatever_the_source() {
        let cases = [
            ("AUTHORISED", "AUTHORISED", Duplicate),
            ("AUTHORISED", "CAPTURED", Apply),
            ("CAPTURED", "AUTHORISED", Stale),
            ("CAPTURED", "WAITING_AUTHORISATION", Stale),
            ("AUTHORISED", "INITIAL", Stale),
            ("AUTHORISED", "CANCELLED", Revoke),
            ("CAPTURED", "CAPTURE_FAILED", Revoke),
            ("AUTHORISED", "EXPIRED", Revoke),
            ("AUTHORISED", "REFUSED", Stale),
            ("CAPTURED", "ABANDONED", Stale),
            ("WAITING_AUTHORISATION", "AUTHORISED", Apply),
            ("WAITING_AUTHORISATION", "REFUSED", Apply),
            ("WAITING_AUTHORISATION", "UNDER_VERIFICATION", Apply),
            ("WAITING_AUTHORISATION", "NEW_THING", Stale),
            ("NEW_THING", "AUTHORISED", Apply),
            ("REFUSED", "REFUSED", Duplicate),
            ("REFUSED", "ABANDONED", Stale),
            ("REFUSED", "CANCELLED", Stale),
            ("ABANDONED", "WAITING_AUTHORISATION", Stale),
            ("CANCELLED", "EXPIRED", Stale),
            ("CANCELLED", "REFUSED", Stale),
            ("CANCELLED", "WAITING_AUTHORISATION", Stale),
            ("WAITING_AUTHORISATION", "PARTIALLY_AUTHORISED", Review),
            ("PARTIALLY_AUTHORISED", "CANCELLED", Apply),
            ("PARTIALLY_AUTHORISED", "AUTHORISED", Review),
        ];
        for (recorded, incoming, expected) in cases {
            for source in ALL_SOURCES {
                assert_eq!(decide(Some(recorded), incoming, source), expected, "{recorded} -> {incoming} ({source:?})");
            }
        }
    }

    #[test]
    fn a_success_after_a_failure_depends_on_who_says_so() {
        for (recorded, incoming) in [("REFUSED", "AUTHORISED"), ("ABANDONED", "CAPTURED"), ("NOT_CREATED", "ACCEPTED")] {
            for source in [Source::Return, Source::Pay, Source::Retry] {
                assert_eq!(decide(Some(recorded), incoming, source), Reopen, "{recorded} -> {incoming} ({source:?})");
            }
            for source in [Source::BackOffice, Source::Batch, Source::Other] {
                assert_eq!(decide(Some(recorded), incoming, source), Review, "{recorded} -> {incoming} ({source:?})");
            }
        }
        for (recorded, incoming) in [("CANCELLED", "AUTHORISED"), ("EXPIRED", "CAPTURED"), ("CAPTURE_FAILED", "CAPTURED")] {
            for source in [Source::Return, Source::Pay, Source::Retry] {
                assert_eq!(decide(Some(recorded), incoming, source), Stale, "{recorded} -> {incoming} ({source:?})");
            }
            for source in [Source::BackOffice, Source::Batch, Source::Other] {
                assert_eq!(decide(Some(recorded), incoming, source), Review, "{recorded} -> {incoming} ({source:?})");
            }
        }
    }

    #[test]
    fn plans_carry_out_the_decision() {
        let p = plan(None, "AUTHORISED", Source::Pay);
        assert_eq!((p.order, p.stock, p.history, p.alert), (Some(OrderTarget::Paid), Some(StockTarget::Taken), true, false));
        let p = plan(Some("AUTHORISED"), "CAPTURED", Source::Batch);
        assert_eq!((p.order, p.stock, p.history, p.alert), (None, None, true, false));
        let p = plan(Some("WAITING_AUTHORISATION"), "REFUSED", Source::Pay);
        assert_eq!((p.order, p.stock), (Some(OrderTarget::Cancelled), Some(StockTarget::Restored)));
        let p = plan(Some("CAPTURED"), "CANCELLED", Source::BackOffice);
        assert_eq!((p.decision, p.order, p.stock, p.alert), (Decision::Revoke, Some(OrderTarget::Revoked), Some(StockTarget::Restored), true));
        let p = plan(Some("REFUSED"), "AUTHORISED", Source::Pay);
        assert_eq!((p.decision, p.order, p.stock, p.alert), (Decision::Reopen, Some(OrderTarget::Paid), Some(StockTarget::Taken), true));
        let p = plan(Some("CANCELLED"), "AUTHORISED", Source::BackOffice);
        assert_eq!((p.decision, p.order, p.stock, p.history, p.alert), (Decision::Review, None, None, true, true));
        let p = plan(Some("CANCELLED"), "AUTHORISED", Source::Retry);
        assert_eq!((p.decision, p.order, p.stock, p.history, p.alert), (Decision::Stale, None, None, false, false));
        let p = plan(None, "PARTIALLY_AUTHORISED", Source::Pay);
        assert_eq!((p.decision, p.order, p.history, p.alert), (Decision::Review, None, true, true));
    }

    #[test]
    fn sources_are_read_from_url_check_src() {
        assert_eq!(Source::parse(Some("RETRY"), true), Source::Return);
        assert_eq!(Source::parse(None, false), Source::Pay);
        assert_eq!(Source::parse(Some("PAY"), false), Source::Pay);
        assert_eq!(Source::parse(Some("RETRY"), false), Source::Retry);
        assert_eq!(Source::parse(Some("MERCH_BO"), false), Source::BackOffice);
        assert_eq!(Source::parse(Some("BO"), false), Source::BackOffice);
        assert_eq!(Source::parse(Some("BATCH_AUTO"), false), Source::Batch);
        assert_eq!(Source::parse(Some("REC"), false), Source::Other);
    }

    /// Every pair of statuses and every source gets a decision, and the few that change an order's
    /// paid state are exactly the ones the README's table lists.
    #[test]
    fn only_the_listed_transitions_change_the_paid_state() {
        let statuses = ["AUTHORISED", "CAPTURED", "PARTIALLY_AUTHORISED", "WAITING_AUTHORISATION", "REFUSED", "ABANDONED", "CANCELLED", "EXPIRED", "CAPTURE_FAILED", "NEW_THING"];
        for recorded in statuses {
            for incoming in statuses {
                for source in ALL_SOURCES {
                    let d = decide(Some(recorded), incoming, source);
                    if d == Reopen {
                        assert_eq!(classify(recorded), Class::NotPaid);
                        assert!(matches!(classify(incoming), Class::Paid(_)));
                        assert!(source.carries_payment_result());
                    }
                    if d == Revoke {
                        assert!(matches!(classify(recorded), Class::Paid(_)));
                        assert_eq!(classify(incoming), Class::Revoked);
                    }
                }
            }
        }
    }
}
