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

/** The outcome of applying one result, with the platform answer that goes with it. */
class SystempayApplyResult
{
    /** @var bool the result was checked and is recorded (or was already) */
    public $handled;
    /** @var string OK-/KO- answer text for the platform */
    public $answer;
    /** @var string|null apply, duplicate, stale, reopen, revoke; null when a check failed */
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
    const ANSWER_REVOKED = 'OK-Payment cancelled after acceptance, order flagged for review.';
    const KO_ORDER_NOT_FOUND = 'KO-Order not found.';
    const KO_OTHER_MODULE = 'KO-Order was not placed with Systempay.';
    const KO_SITE_ID = 'KO-Unknown shop id.';
    const KO_AMOUNT = 'KO-Total paid is different from order amount.';
    const KO_TRANSACTION = 'KO-Unknown transaction for this order.';
    const KO_MODE = 'KO-Payment mode differs from the payment request, order unchanged.';

    /**
     * Checks and records $n for its order. Throws SystempayStoreException when the result could not
     * be recorded (database error, lock timeout): the caller must then answer so that it is retried.
     */
    public static function apply(Systempay\Notification $n)
    {
        $ordersId = (int) $n->orderId();
        if ($ordersId <= 0 || (string) $ordersId !== (string) $n->orderId()) {
            return new SystempayApplyResult(true, self::KO_ORDER_NOT_FOUND);
        }
        $order = SystempayStore::fetch("SELECT orders_id, payment_class, currency, orders_status, customers_id, language
            FROM " . TABLE_ORDERS . " WHERE orders_id = " . $ordersId);
        if ($order === null) {
            return new SystempayApplyResult(true, self::KO_ORDER_NOT_FOUND);
        }
        if ($order['payment_class'] !== 'systempay') {
            return new SystempayApplyResult(true, self::KO_OTHER_MODULE);
        }
        if ($n->siteId() !== SystempayConfig::siteId()) {
            return new SystempayApplyResult(true, self::KO_SITE_ID);
        }
        if (!self::amountMatches($n, $ordersId, $order['currency'])) {
            return new SystempayApplyResult(true, self::KO_AMOUNT);
        }

        return SystempayStore::withOrderLock($ordersId, static function (array $attempts) use ($n, $ordersId, $order) {
            $attempt = null;
            foreach ($attempts as $row) {
                if ($row['trans_id'] === $n->transId() && substr($row['trans_date'], 0, 8) === substr((string) $n->field('vads_trans_date'), 0, 8)) {
                    $attempt = $row;
                    break;
                }
            }
            if ($attempt === null) {
                return new SystempayApplyResult(true, self::KO_TRANSACTION);
            }
            // Mode isolation: the TEST key is shared with agencies and staging copies and test payments
            // cost nothing, so a TEST result must never touch an attempt made in PRODUCTION (or back).
            if ($n->ctxMode() !== $attempt['ctx_mode']) {
                return new SystempayApplyResult(true, self::KO_MODE);
            }
            $decision = Systempay\decide_transition($attempt['status'], $n->status());
            $incoming = $n->outcome();
            switch ($decision) {
                case 'duplicate':
                    return new SystempayApplyResult(true, $attempt['outcome'] === 'success' ? self::ANSWER_ALREADY_SUCCESS : self::ANSWER_ALREADY, $decision, $attempt['outcome']);
                case 'stale':
                    return new SystempayApplyResult(true, $attempt['outcome'] === 'success' ? self::ANSWER_ALREADY_SUCCESS : self::ANSWER_STALE, $decision, $attempt['outcome']);
                case 'revoke':
                    self::addHistory($ordersId, (int) $order['orders_status'], self::comment($n, 'revoked'));
                    SystempayStore::saveResult($attempt['id'], $n, $incoming, 'status ' . $n->status() . ' after a successful payment');
                    return new SystempayApplyResult(true, self::ANSWER_REVOKED, $decision, $incoming);
                case 'reopen':
                    self::setOrderStatus($ordersId, SystempayConfig::acceptedStatusId(), self::comment($n, 'reopened'));
                    SystempayStore::saveResult($attempt['id'], $n, $incoming, 'paid after ' . $attempt['status']);
                    return new SystempayApplyResult(true, self::ANSWER_REOPENED, $decision, $incoming);
            }
            // apply
            if ($incoming === 'success') {
                if ($attempt['outcome'] !== 'success') {
                    self::setOrderStatus($ordersId, SystempayConfig::acceptedStatusId(), self::comment($n));
                } else {
                    self::addHistory($ordersId, (int) $order['orders_status'], self::comment($n)); // e.g. AUTHORISED → CAPTURED
                }
                $answer = self::ANSWER_UPDATED_SUCCESS;
            } elseif ($incoming === 'failure' || $incoming === 'cancelled') {
                self::setOrderStatus($ordersId, SystempayConfig::cancelledStatusId(), self::comment($n));
                self::restock($ordersId);
                $answer = $incoming === 'failure' ? self::ANSWER_UPDATED_FAILURE : self::ANSWER_UPDATED_CANCELLED;
            } else {
                self::addHistory($ordersId, (int) $order['orders_status'], self::comment($n));
                $answer = self::ANSWER_UPDATED_PENDING;
            }
            SystempayStore::saveResult($attempt['id'], $n, $incoming);
            return new SystempayApplyResult(true, $answer, $decision, $incoming);
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

    /** UPDATE orders + one orders_status_history row, as the admin order page does. */
    public static function setOrderStatus($ordersId, $statusId, $comment)
    {
        SystempayStore::query("UPDATE " . TABLE_ORDERS . " SET orders_status = " . (int) $statusId . ", last_modified = now() WHERE orders_id = " . (int) $ordersId);
        self::addHistory($ordersId, $statusId, $comment);
    }

    public static function addHistory($ordersId, $statusId, $comment)
    {
        SystempayStore::query("INSERT INTO " . TABLE_ORDERS_STATUS_HISTORY . " (orders_id, orders_status_id, date_added, customer_notified, comments)
            VALUES (" . (int) $ordersId . ", " . (int) $statusId . ", now(), 0, '" . xtc_db_input($comment) . "')");
    }

    /** Puts the refused or cancelled order's products back in stock, the shop's way. */
    private static function restock($ordersId)
    {
        if (!function_exists('xtc_restock_order') && defined('DIR_FS_INC') && is_file(DIR_FS_INC . 'xtc_restock_order.inc.php')) {
            require_once DIR_FS_INC . 'xtc_restock_order.inc.php';
        }
        if (function_exists('xtc_restock_order')) {
            xtc_restock_order((int) $ordersId);
        }
    }

    /** "Systempay: AUTHORISED (trans 000123, CB 497010XXXXXX0014, 3DS Y)" — readable, no secrets. */
    public static function comment(Systempay\Notification $n, $note = null)
    {
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
        $source = $n->isServerNotification() ? 'notification' . ($n->urlCheckSrc() !== null ? ' ' . $n->urlCheckSrc() : '') : 'return';
        $details[] = $source;
        if ($n->ctxMode() === 'TEST') {
            $details[] = 'TEST mode';
        }
        return 'Systempay: ' . $n->status() . ($note !== null ? ' (' . $note . ')' : '') . ' (' . implode(', ', $details) . ')';
    }
}
