<?php
/**
 * Systempay for modified eCommerce: applies a verified result (notification or browser return) to
 * its order. One pipeline for both: the business checks, then the state machine of the extension
 * (Systempay\decide_transition) under the order's row lock, then the order status, its history row,
 * the payment details and the stock. Nothing here trusts unverified input: callers pass a
 * Systempay\Notification, which only exists once its signature has been checked.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayConfig.php';
require_once __DIR__ . '/SystempayStore.php';
require_once __DIR__ . '/SystempayLedger.php';
require_once __DIR__ . '/SystempayOperations.php';

/** The outcome of applying one result, with the platform answer that goes with it. */
class SystempayApplyResult
{
    /** @var bool the result was checked and is recorded (or was already) */
    public $handled;
    /** @var string OK-/KO- answer text for the platform */
    public $answer;
    /** @var string|null apply, duplicate, stale, reopen, revoke, review, try (a refused try of an open embedded form); null when a check failed */
    public $decision;
    /** @var string recorded outcome after this result: success, pending, failure, cancelled or none */
    public $outcome;

    public function __construct($handled, $answer, $decision = null, $outcome = 'none')
    {
        $this->handled = $handled;
        $this->answer = $answer;
        $this->decision = $decision;
        $this->outcome = $outcome;
    }
}

class SystempayPayment
{
    const ANSWER_UPDATED_SUCCESS = 'OK-Accepted payment, order has been updated.';
    const ANSWER_UPDATED_FAILURE = 'OK-Payment failure, order has been cancelled.';
    const ANSWER_UPDATED_CANCELLED = 'OK-Payment cancelled, order has been cancelled.';
    const ANSWER_UPDATED_PENDING = 'OK-Pending payment, order has been updated.';
    const ANSWER_ALREADY_SUCCESS = 'OK-Accepted payment, already registered.';
    const ANSWER_ALREADY = 'OK-Payment outcome already registered.';
    const ANSWER_STALE = 'OK-Older payment status ignored, order unchanged.';
    const ANSWER_REOPENED = 'OK-Accepted payment after cancellation, order has been updated and flagged.';
    const ANSWER_REVOKED = 'OK-Payment cancelled after acceptance, order has been updated and flagged.';
    const ANSWER_REVIEW = 'OK-Payment result recorded for review, order unchanged and flagged.';
    const ANSWER_REFUND = 'OK-Refund recorded, order has been updated.';
    const ANSWER_TRY_REFUSED = 'OK-Refused try recorded, the buyer may try again; order unchanged.';
    const ANSWER_REFUND_ALREADY = 'OK-Refund already registered.';
    const ANSWER_REFUND_CANCELLED = 'OK-Refund cancellation recorded, order flagged.';
    const ANSWER_AMOUNT_LOWERED = 'OK-Lowered amount recorded, order has been updated.';
    const KO_ORDER_NOT_FOUND = 'KO-Order not found.';
    const KO_OTHER_MODULE = 'KO-Order was not placed with Systempay.';
    const KO_SITE_ID = 'KO-Unknown shop id.';
    const KO_AMOUNT = 'KO-Total paid is different from order amount.';
    const KO_TRANSACTION = 'KO-Unknown transaction for this order.';
    const KO_MODE = 'KO-Payment mode differs from the payment request, order unchanged.';
    const KO_NOT_PAID = 'KO-Refund for an order that was not paid.';

    /**
     * Checks and records $n for its order. Throws SystempayStoreException when the result could not
     * be recorded (database error, lock timeout): the caller must then answer so that it is retried;
     * the retry finishes whatever this request left half-done (SystempayLedger).
     * $ownOperation: the systempay_operation row whose answer $n is (the admin's action from the
     * order page); a notification finds it itself (SystempayOperations::explaining). $byAdmin: the
     * admin took the platform's state in: no owner alert about what they are looking at.
     */
    public static function apply(Systempay\Notification $n, ?array $ownOperation = null, $byAdmin = false)
    {
        $ordersId = (int) $n->orderId();
        if ($ordersId <= 0 || (string) $ordersId !== (string) $n->orderId()) {
            return new SystempayApplyResult(true, self::KO_ORDER_NOT_FOUND);
        }
        // Only what never changes is read before the lock; the status is read under it.
        $order = SystempayStore::fetch("SELECT orders_id, payment_class, currency FROM " . TABLE_ORDERS . " WHERE orders_id = " . $ordersId);
        if ($order === null) {
            return new SystempayApplyResult(true, self::KO_ORDER_NOT_FOUND);
        }
        if ($order['payment_class'] !== 'systempay') {
            return new SystempayApplyResult(true, self::KO_OTHER_MODULE);
        }
        if ($n->siteId() !== SystempayConfig::siteId()) {
            return new SystempayApplyResult(true, self::KO_SITE_ID);
        }
        $own = static function () use ($n, $ordersId, $ownOperation) {
            return $ownOperation !== null ? $ownOperation : SystempayOperations::explaining($ordersId, $n);
        };
        if ($n->isCredit()) {
            return SystempayLedger::withOrder($ordersId, static function () use ($n, $ordersId, $own, $byAdmin) {
                return SystempayStore::withOrderLock($ordersId, static function (array $attempts) use ($n, $ordersId, $own, $byAdmin) {
                    return self::recordRefund($n, $ordersId, $attempts, $own(), $byAdmin);
                });
            });
        }
        // The order's total, or the amount the shop itself lowered the payment to from the order page.
        if (!self::amountMatches($n, $ordersId, $order['currency']) && SystempayOperations::lowering($ordersId, $n->transUuid(), $n->amountMinor()) === null) {
            return new SystempayApplyResult(true, self::KO_AMOUNT);
        }
        return SystempayLedger::withOrder($ordersId, static function () use ($n, $ordersId, $own, $byAdmin) {
            return SystempayStore::withOrderLock($ordersId, static function (array $attempts) use ($n, $ordersId, $own, $byAdmin) {
                return self::recordResult($n, $ordersId, $attempts, $own(), $byAdmin);
            });
        });
    }

    /**
     * The attempt a result names. A notification or a return: its trans id and day, in its channel (a
     * REST result only ever names an embedded-form attempt, a form result a hosted one). The answer of
     * the shop's own back-office call (or the platform's state it took in): see below.
     */
    private static function attemptFor(Systempay\Notification $n, array $attempts)
    {
        $sameDay = static function (array $row) use ($n) {
            return $row['trans_id'] === $n->transId() && substr($row['trans_date'], 0, 8) === substr((string) $n->field('vads_trans_date'), 0, 8);
        };
        if ($n->field('kr_operation_answer') === null) {
            foreach ($attempts as $row) {
                if ($sameDay($row) && $row['channel'] === ($n->isRest() ? 'REST' : 'FORM')) {
                    return $row;
                }
            }
            return null;
        }
        // The shop's own call (or the platform's state taken in): the payment's uuid first, then its
        // trans id and whole trans date (a result that never arrived, or a second payment of the attempt).
        foreach ($attempts as $row) {
            if ((string) $row['trans_uuid'] !== '' && $row['trans_uuid'] === $n->transUuid()) {
                return $row;
            }
        }
        foreach ($attempts as $row) {
            if ($row['trans_id'] === $n->transId() && $row['trans_date'] === (string) $n->field('vads_trans_date')) {
                return $row;
            }
        }
        return null;
    }

    /** The current order status, read under the order's lock. */
    private static function currentStatusId($ordersId)
    {
        $row = SystempayStore::fetch("SELECT orders_status FROM " . TABLE_ORDERS . " WHERE orders_id = " . (int) $ordersId);
        return $row === null ? 0 : (int) $row['orders_status'];
    }

    private static function recordResult(Systempay\Notification $n, $ordersId, array $attempts, ?array $own = null, $byAdmin = false)
    {
        $attempt = self::attemptFor($n, $attempts);
        if ($attempt === null) {
            return new SystempayApplyResult(true, self::KO_TRANSACTION);
        }
        // Mode isolation: the TEST key is shared with agencies and staging copies and test payments
        // cost nothing, so a TEST result must never touch an attempt made in PRODUCTION (or back).
        if ($n->ctxMode() !== $attempt['ctx_mode']) {
            return new SystempayApplyResult(true, self::KO_MODE);
        }
        // The embedded form lets the buyer try again after a refusal: while the platform says the order
        // is still OPEN, a refused try is not the payment's result (the order keeps its stock) — as long
        // as nothing final is recorded and it is the payment's own result.
        $undecided = $attempt['status'] === null || $attempt['status'] === '' || $attempt['outcome'] === 'pending';
        if ($n->field('kr_try_refused') === '1' && $undecided && in_array($n->source(), array('PAY', 'RETRY', 'RETURN'), true)) {
            return new SystempayApplyResult(true, self::ANSWER_TRY_REFUSED, 'try', $attempt['outcome']);
        }
        $plan = Systempay\transition_plan($attempt['status'], $n->status(), $n->source(), $n->isSourceSigned());
        $decision = $plan['decision'];
        $secondPayment = $attempt['outcome'] === 'success' && Systempay\outcome_of($n->status()) === 'success'
            && (string) $attempt['trans_uuid'] !== '' && $n->transUuid() !== null && $n->transUuid() !== $attempt['trans_uuid'];
        if ($secondPayment) {
            // Another transaction paid the same attempt (a second try of a form already paid): the buyer
            // may have been charged twice. Never merged into the first one; the admin decides.
            $plan = array('decision' => 'review', 'order' => null, 'stock' => null, 'history' => true, 'alert' => true);
            $decision = SystempayStore::wasReviewed($attempt, 'UUID:' . $n->transUuid()) ? 'duplicate' : 'review';
        }
        if ($decision === 'review' && !$secondPayment && SystempayStore::wasReviewed($attempt, $n->status())) {
            $decision = 'duplicate'; // already put up for review: once is enough
        }
        // The admin lowered the amount of a payment not captured yet (this result may be its answer, its
        // notification, or a later one such as the capture): the attempt takes the new amount once.
        $lowering = $n->amountMinor() === (int) $attempt['amount_minor'] ? null
            : ($own !== null && $own['kind'] === 'lower' ? $own : SystempayOperations::lowering($ordersId, $n->transUuid(), $n->amountMinor()));
        $lowered = $lowering !== null;
        if ($lowered && $decision === 'duplicate') {
            self::recordLoweredAmount($n, $ordersId, $attempt, $lowering);
            return new SystempayApplyResult(true, self::ANSWER_AMOUNT_LOWERED, 'apply', $attempt['outcome']);
        }
        if ($decision === 'duplicate' || $decision === 'stale') {
            $answer = $attempt['outcome'] === 'success' ? self::ANSWER_ALREADY_SUCCESS : ($decision === 'duplicate' ? self::ANSWER_ALREADY : self::ANSWER_STALE);
            return new SystempayApplyResult(true, $answer, $decision, $attempt['outcome']);
        }
        if ($lowered) {
            self::recordLoweredAmount($n, $ordersId, $attempt, $lowering);
        }
        $statusId = self::currentStatusId($ordersId);
        $targets = array(
            'paid' => SystempayConfig::acceptedStatusId(),
            'cancelled' => SystempayConfig::cancelledStatusId(),
            'revoked' => SystempayConfig::revokedStatusId(),
        );
        $effects = array();
        if ($plan['order'] !== null) {
            // The admin's own cancellation cancels the order (not "revoked": nothing to look into).
            $statusId = $targets[$plan['order'] === 'revoked' && $own !== null && $own['kind'] === 'cancel' ? 'cancelled' : $plan['order']];
            $effects[] = array('type' => 'status', 'status_id' => $statusId);
        }
        $notes = array('reopen' => 'paid after ' . $attempt['status'], 'revoke' => 'after a successful payment', 'review' => 'left for review, order unchanged');
        $note = isset($notes[$decision]) ? $notes[$decision] : null;
        if ($own !== null) {
            $done = array('cancel' => 'cancelled', 'validate' => 'validated', 'lower' => 'amount lowered', 'refund' => 'refunded');
            $note = self::ownNote($own, $done[$own['kind']] . ' from the shop admin');
        }
        $mail = $plan['alert'] && !$byAdmin; // the admin taking the platform's state in is looking at it: flagged, not mailed
        if ($own !== null) {
            $plan['alert'] = $mail = false; // the admin did it
        }
        if ($secondPayment) {
            $note = 'a second payment (transaction ' . $n->transUuid() . ') for an order already paid by ' . $attempt['trans_uuid'] . ': check for a double charge';
        }
        $effects[] = array('type' => 'history', 'status_id' => $statusId, 'comment' => self::comment($n, $note, $own !== null),
            'tag' => 'Systempay ' . $attempt['trans_id'] . ' ' . $n->status() . ($decision === 'review' ? ' review' : '') . ($secondPayment ? ' ' . $n->transUuid() : ''));
        if ($plan['stock'] !== null) {
            $effects[] = array('type' => 'stock', 'to' => $plan['stock']);
        }
        if ($plan['order'] === 'paid' && $n->isServerNotification()) {
            // The buyer may never come back to let the shop empty the cart (the return path does it).
            $effects[] = array('type' => 'basket');
        }
        $flag = null;
        if ($plan['alert']) {
            $flag = 'status ' . $n->status() . ' (' . $n->source() . ') ' . $note;
        }
        if ($mail) {
            $effects[] = self::alert($ordersId, $decision, $n->status() . ' (' . $n->source() . ')', self::comment($n, $note));
        }
        if ($decision === 'review') {
            SystempayStore::markForReview($attempt, $secondPayment ? 'UUID:' . $n->transUuid() : $n->status(), $flag);
            $outcome = $attempt['outcome'];
            $answer = self::ANSWER_REVIEW;
        } else {
            $outcome = $n->outcome();
            SystempayStore::saveResult($attempt['id'], $n, $outcome, $flag);
            $answer = self::answerFor($decision, $outcome);
        }
        SystempayLedger::writeJournal($ordersId, $effects);
        return new SystempayApplyResult(true, $answer, $decision, $outcome);
    }

    /** A lowered amount: the attempt's amount and a history row, once (its tag names the new amount). */
    private static function recordLoweredAmount(Systempay\Notification $n, $ordersId, array $attempt, array $own)
    {
        $money = self::money($attempt['currency']);
        SystempayStore::query("UPDATE " . SystempayStore::TRANSACTIONS . " SET amount_minor = " . (int) $n->amountMinor() . ", updated_at = UTC_TIMESTAMP() WHERE id = " . (int) $attempt['id']);
        $note = self::ownNote($own, 'amount lowered from ' . $money((int) $attempt['amount_minor']) . ' to ' . $money($n->amountMinor()) . ' from the shop admin');
        SystempayLedger::writeJournal($ordersId, array(array('type' => 'history', 'status_id' => self::currentStatusId($ordersId),
            'comment' => self::comment($n, $note, true), 'tag' => 'Systempay ' . $attempt['trans_id'] . ' amount ' . $n->amountMinor())));
    }

    /** The admin's reason, when they gave one, after what was done. */
    private static function ownNote(array $own, $what)
    {
        return $what . ((string) $own['comment'] !== '' ? ', reason: ' . $own['comment'] : '');
    }

    /** Formats minor units of a currency (numeric or alpha-3 code) as "12.50 EUR". */
    public static function money($currencyCode)
    {
        $currency = Systempay\currency_info((string) $currencyCode);
        return static function ($minor) use ($currencyCode, $currency) {
            return Systempay\from_minor_units((int) $minor, (string) $currencyCode) . ' ' . ($currency === null ? $currencyCode : $currency['alpha3']);
        };
    }

    private static function answerFor($decision, $outcome)
    {
        if ($decision === 'reopen') {
            return self::ANSWER_REOPENED;
        }
        if ($decision === 'revoke') {
            return self::ANSWER_REVOKED;
        }
        $answers = array('success' => self::ANSWER_UPDATED_SUCCESS, 'failure' => self::ANSWER_UPDATED_FAILURE, 'cancelled' => self::ANSWER_UPDATED_CANCELLED);
        return isset($answers[$outcome]) ? $answers[$outcome] : self::ANSWER_UPDATED_PENDING;
    }

    /** The journal effect that mails the shop owner about order $ordersId. */
    private static function alert($ordersId, $kind, $what, $details)
    {
        $subject = sprintf('Systempay: order %d needs your attention (%s)', $ordersId, $kind);
        $body = "Order $ordersId: $what.\n$details\n\nPlease check the order in the shop admin (Systempay panel) and the Systempay back office before shipping or refunding.";
        return array('type' => 'alert', 'subject' => $subject, 'body' => $body);
    }

    /**
     * A refund (CREDIT): its own transaction, recorded on the order it names. Partial refunds add a
     * history row with their amounts; the refund that makes it whole moves the order to the refunded
     * status and tells the owner; a refund cancelled after its acceptance is taken out of the sum, and
     * flagged and mailed, the status left to the admin. The stock is left to the admin (refunded goods
     * may not come back).
     */
    private static function recordRefund(Systempay\Notification $n, $ordersId, array $attempts, ?array $own = null, $byAdmin = false)
    {
        $paid = null;
        foreach ($attempts as $row) {
            if ($row['outcome'] === 'success') {
                $paid = $row;
                break;
            }
        }
        if ($paid === null) {
            return new SystempayApplyResult(true, self::KO_NOT_PAID);
        }
        if ($n->ctxMode() !== $paid['ctx_mode']) {
            return new SystempayApplyResult(true, self::KO_MODE);
        }
        if ($n->currency() !== $paid['currency'] || $n->amountMinor() <= 0) {
            return new SystempayApplyResult(true, self::KO_AMOUNT);
        }
        $existing = SystempayStore::refundRow($n);
        $recorded = $existing === null ? null : $existing['status'];
        $decision = Systempay\decide_transition($recorded, $n->status(), $n->source());
        if ($existing !== null && (int) $existing['orders_id'] !== (int) $ordersId) {
            return new SystempayApplyResult(true, self::KO_TRANSACTION);
        }
        // A refund cancelled after it was accepted (before the platform paid it out): the money stays
        // with the shop, so the sum is made again and the owner is told.
        $cancelled = $decision === 'revoke';
        if ($decision !== 'apply' && !$cancelled) {
            return new SystempayApplyResult(true, self::ANSWER_REFUND_ALREADY, $decision === 'duplicate' ? 'duplicate' : 'stale', 'refund');
        }
        SystempayStore::saveRefund($existing, $ordersId, $n);
        $statusId = self::currentStatusId($ordersId);
        $effects = array();
        $money = self::money($paid['currency']);
        $note = null;
        $alert = false;
        if ($n->outcome() === 'success' || $cancelled) {
            $amounts = array();
            foreach (SystempayStore::refundRows($ordersId) as $refund) {
                if ($refund['outcome'] === 'success') {
                    $amounts[] = (int) $refund['amount_minor'];
                }
            }
            $summary = Systempay\refund_summary((int) $paid['amount_minor'], $amounts);
            if ($cancelled) {
                $note = 'refund ' . $money($n->amountMinor()) . ' cancelled, ' . $money($summary['refunded']) . ' refunded in all, '
                    . $money($summary['remaining']) . ' left; order status left as it is';
                $alert = true;
            } else {
                $note = 'refund ' . $money($n->amountMinor()) . ', ' . ($summary['full'] ? 'fully refunded' : 'partial, ' . $money($summary['remaining']) . ' left')
                    . ($summary['over'] ? ', MORE THAN PAID' : '');
                $alert = $summary['full'] || $summary['over'];
                if ($own !== null) {
                    $note = self::ownNote($own, $note . ', from the shop admin');
                    $alert = $summary['over']; // the admin's own refund: only the impossible is worth a mail
                }
                if ($summary['full']) {
                    $statusId = SystempayConfig::refundedStatusId();
                    $effects[] = array('type' => 'status', 'status_id' => $statusId);
                }
            }
        }
        $effects[] = array('type' => 'history', 'status_id' => $statusId, 'comment' => self::comment($n, $note, $own !== null),
            'tag' => 'Systempay refund ' . $n->transId() . ' ' . $n->status());
        if ($alert) {
            SystempayStore::flagOrder($ordersId, $note);
            if (!$byAdmin || $summary['over']) { // taken in by the admin: flagged, mailed only when more than paid
                $effects[] = self::alert($ordersId, $cancelled ? 'refund cancelled' : 'refund', $note, self::comment($n, $note));
            }
        }
        SystempayLedger::writeJournal($ordersId, $effects);
        return new SystempayApplyResult(true, $cancelled ? self::ANSWER_REFUND_CANCELLED : self::ANSWER_REFUND, $cancelled ? 'revoke' : 'apply', 'refund');
    }

    /**
     * An order placed for Systempay whose payment could never start (no form token): cancelled with
     * its stock put back, through the ledger like any result, so that a retry does it once.
     */
    public static function cancelUnpaidOrder($ordersId, $comment)
    {
        $ordersId = (int) $ordersId;
        SystempayLedger::withOrder($ordersId, static function () use ($ordersId, $comment) {
            SystempayStore::withOrderLock($ordersId, static function (array $attempts) use ($ordersId, $comment) {
                foreach ($attempts as $attempt) {
                    if ($attempt['status'] !== null && $attempt['status'] !== '') {
                        return; // a result exists: the state machine owns this order
                    }
                }
                $statusId = SystempayConfig::cancelledStatusId();
                SystempayLedger::writeJournal($ordersId, array(
                    array('type' => 'status', 'status_id' => $statusId),
                    array('type' => 'history', 'status_id' => $statusId, 'comment' => $comment, 'tag' => 'Systempay not started'),
                    array('type' => 'stock', 'to' => 'restored'),
                ));
            });
        });
    }

    /** Amount and currency equal the order's ot_total, in minor units of the order's currency. */
    private static function amountMatches(Systempay\Notification $n, $ordersId, $orderCurrency)
    {
        $total = SystempayStore::orderTotal($ordersId);
        $currency = Systempay\currency_info((string) $orderCurrency);
        if ($total === null || $currency === null) {
            return false;
        }
        try {
            $expected = Systempay\to_minor_units(self::decimalText($total), $currency['alpha3']);
        } catch (Systempay\Exception $e) {
            return false;
        }
        return $n->amountMinor() === $expected && $n->currency() === $currency['numeric'];
    }

    /** A DECIMAL column as plain decimal text (the driver may hand back a string or a number). */
    public static function decimalText($value)
    {
        return is_string($value) ? trim($value) : number_format((float) $value, 4, '.', '');
    }

    /**
     * "Systempay: AUTHORISED (trans 000123, CB 497010XXXXXX0014, 3DS Y)" — readable, no secrets.
     * $own: the admin's own action, told the same way whether its answer or its notification (whose
     * details differ) arrives first.
     */
    public static function comment(Systempay\Notification $n, $note = null, $own = false)
    {
        if ($own) {
            return 'Systempay: ' . $n->status() . ($note !== null ? ' (' . $note . ')' : '') . ' (trans ' . $n->transId()
                . ($n->isCredit() ? ', CREDIT' : '') . ', shop admin' . ($n->ctxMode() === 'TEST' ? ', TEST mode' : '') . ')';
        }
        $details = array('trans ' . $n->transId());
        if ($n->cardBrand() !== null) {
            $details[] = trim($n->cardBrand() . ' ' . (string) $n->maskedCardNumber());
        }
        if ($n->threeDsStatus() !== null) {
            $details[] = '3DS ' . $n->threeDsStatus();
        }
        if ($n->result() !== null) {
            $details[] = 'result ' . $n->result();
        }
        if ($n->isCredit()) {
            $details[] = 'CREDIT';
        }
        $source = $n->isServerNotification() ? 'notification ' . $n->source() : 'return';
        $details[] = $source;
        if ($n->ctxMode() === 'TEST') {
            $details[] = 'TEST mode';
        }
        return 'Systempay: ' . $n->status() . ($note !== null ? ' (' . $note . ')' : '') . ' (' . implode(', ', $details) . ')';
    }
}
