//! Refunds (`vads_operation_type=CREDIT`) against what an order was paid: how much has gone back, how
//! much is left, and whether the order is now wholly refunded. Amounts are minor units of the
//! order's currency; the shop never adds them up itself.

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundSummary {
    /// Sum of the refunds so far.
    pub refunded_minor: i64,
    /// What is left to refund (never below zero).
    pub remaining_minor: i64,
    /// Nothing is left: the order is wholly refunded.
    pub full: bool,
    /// More was refunded than paid (the platform allows it only in exceptional cases): flagged.
    pub over: bool,
}

pub fn summarise(paid_minor: i64, refunds_minor: &[i64]) -> Result<RefundSummary> {
    if paid_minor <= 0 {
        return Err(Error::invalid("paid amount", "must be positive"));
    }
    let mut refunded: i64 = 0;
    for &amount in refunds_minor {
        if amount <= 0 {
            return Err(Error::invalid("refund amount", "must be positive"));
        }
        refunded = refunded.checked_add(amount).ok_or_else(|| Error::invalid("refund amount", "too large"))?;
    }
    Ok(RefundSummary {
        refunded_minor: refunded,
        remaining_minor: (paid_minor - refunded).max(0),
        full: refunded >= paid_minor,
        over: refunded > paid_minor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_then_full() {
        assert_eq!(summarise(5000, &[]).unwrap(), RefundSummary { refunded_minor: 0, remaining_minor: 5000, full: false, over: false });
        assert_eq!(summarise(5000, &[1234]).unwrap(), RefundSummary { refunded_minor: 1234, remaining_minor: 3766, full: false, over: false });
        assert_eq!(summarise(5000, &[1234, 3766]).unwrap(), RefundSummary { refunded_minor: 5000, remaining_minor: 0, full: true, over: false });
        assert_eq!(summarise(5000, &[5001]).unwrap(), RefundSummary { refunded_minor: 5001, remaining_minor: 0, full: true, over: true });
    }

    #[test]
    fn refuses_nonsense() {
        assert!(summarise(0, &[]).is_err());
        assert!(summarise(100, &[0]).is_err());
        assert!(summarise(100, &[-5]).is_err());
        assert!(summarise(100, &[i64::MAX, 1]).is_err());
    }
}
