<?php
/**
 * Systempay for modified eCommerce: the admin's own operations on a payment from the order page —
 * refund (Transaction/CancelOrRefund REFUND_ONLY), cancel (CANCELLATION_ONLY), lower the amount
 * (Transaction/Update) and validate (Transaction/Validate) — and taking the platform's state into the
 * order (Order/Get).
 *
 * Every action has a row in systempay_operation named by the nonce of the form the admin confirmed
 * (UNIQUE): a double click, a reload or a retry after a timeout finds the row and never calls the
 * platform again. The row is written under the order's lock, where the refundable amount counts the
 * refunds recorded and those still under way, and at most one operation per order is under way at a
 * time (two admins at once). The platform is called without the lock (its notification may arrive
 * before its answer and must not wait for us); its answer is then applied by the same pipeline as a
 * notification (SystempayPayment::apply), as the shop's own action: the notification that follows
 * finds the same row (SystempayOperations::explaining) and writes the same history, in either order.
 * States: sending → done | refused (the platform said no: nothing happened) | unknown (no readable
 * answer: it may have happened; the refund it would be stays counted until the platform's state is
 * taken in, which settles it to done or failed).
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayConfig.php';
require_once __DIR__ . '/SystempayStore.php';
require_once __DIR__ . '/SystempayLedger.php';
require_once __DIR__ . '/SystempayRest.php';
require_once __DIR__ . '/SystempayPayment.php';

class SystempayOperations
{
    const TABLE = 'systempay_operation';
    /** A row still "sending" after this many seconds belongs to a request that died: taken as unknown. */
    const SENDING_SECONDS = 90;
    /** A refund result is taken for a refund of the shop's by its amount only this long after it was sent. */
    const MATCH_SECONDS = 3600;

    /** The REST web service of each action. */
    const SERVICES = array(
        'refund' => 'Transaction/CancelOrRefund',
        'cancel' => 'Transaction/CancelOrRefund',
        'lower' => 'Transaction/Update',
        'validate' => 'Transaction/Validate',
    );

    /** Recorded statuses of a payment not captured yet (it can be cancelled or lowered). */
    const NOT_CAPTURED = array('AUTHORISED', 'AUTHORISED_TO_VALIDATE', 'WAITING_AUTHORISATION', 'WAITING_AUTHORISATION_TO_VALIDATE');
    /** …and of one waiting for the merchant's validation (manual mode). */
    const TO_VALIDATE = array('AUTHORISED_TO_VALIDATE', 'WAITING_AUTHORISATION_TO_VALIDATE');

    public static function createTables()
    {
        SystempayStore::query("CREATE TABLE IF NOT EXISTS " . self::TABLE . " (
            id INT UNSIGNED NOT NULL AUTO_INCREMENT,
            nonce CHAR(32) NOT NULL,
            orders_id INT UNSIGNED NOT NULL,
            attempt_id INT UNSIGNED NOT NULL,
            kind VARCHAR(10) NOT NULL,
            trans_uuid CHAR(32) NOT NULL,
            ctx_mode VARCHAR(10) NOT NULL,
            amount_minor BIGINT NULL,
            currency CHAR(3) NOT NULL,
            state VARCHAR(10) NOT NULL,
            result_uuid CHAR(32) NULL,
            error_code VARCHAR(40) NULL,
            error_message VARCHAR(255) NULL,
            answer VARCHAR(255) NULL,
            admin_id INT UNSIGNED NOT NULL,
            comment VARCHAR(255) NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY uniq_nonce (nonce),
            KEY idx_orders_id (orders_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    }

    /** A new form nonce: 32 hex digits, the name of the operation the form may start. */
    public static function newNonce()
    {
        return bin2hex(random_bytes(16));
    }

    public static function isNonce($nonce)
    {
        return is_string($nonce) && preg_match('/^[0-9a-f]{32}$/', $nonce) === 1;
    }

    /** The actions the attempt's recorded status allows (the platform has the last word). */
    public static function offers(array $attempt, $refundableMinor)
    {
        // A payment the platform has (its uuid); AUTHORISED_TO_VALIDATE waits for the merchant (outcome pending).
        if ((string) $attempt['trans_uuid'] === '' || !in_array($attempt['outcome'], array('success', 'pending'), true)) {
            return array();
        }
        $status = (string) $attempt['status'];
        if ($status === 'CAPTURED') {
            return $refundableMinor > 0 ? array('refund') : array();
        }
        if (in_array($status, self::NOT_CAPTURED, true)) {
            return in_array($status, self::TO_VALIDATE, true) ? array('validate', 'lower', 'cancel') : array('lower', 'cancel');
        }
        return array();
    }

    /**
     * What is left to refund on the attempt, in minor units: its amount less the refunds recorded and
     * the refunds of the shop's own operations that are under way or whose outcome is unknown.
     */
    public static function refundable($ordersId, array $attempt)
    {
        return Systempay\refund_summary((int) $attempt['amount_minor'], self::refundedMinor($ordersId))['remaining'];
    }

    /** @return int[] amounts counted as refunded: recorded refunds + own refunds not settled yet */
    private static function refundedMinor($ordersId)
    {
        $amounts = array();
        $recorded = array();
        foreach (SystempayStore::refundRows($ordersId) as $refund) {
            // A refund the platform still processes (pending) is money on its way back: counted.
            if (in_array($refund['outcome'], array('success', 'pending'), true)) {
                $amounts[] = (int) $refund['amount_minor'];
            }
            if ((string) $refund['trans_uuid'] !== '') {
                $recorded[$refund['trans_uuid']] = true;
            }
        }
        foreach (self::rows($ordersId) as $op) {
            $pending = in_array($op['state'], array('sending', 'unknown'), true)
                || ($op['state'] === 'done' && !isset($recorded[(string) $op['result_uuid']]));
            if ($op['kind'] === 'refund' && $pending) {
                $amounts[] = (int) $op['amount_minor'];
            }
        }
        return $amounts;
    }

    /** The order's operations, newest first (age_seconds: by the database's clock). */
    public static function rows($ordersId)
    {
        SystempaySchema::ensure();
        return SystempayStore::allRows(SystempayStore::query("SELECT *, TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP()) AS age_seconds FROM " . self::TABLE
            . " WHERE orders_id = " . (int) $ordersId . " ORDER BY id DESC"));
    }

    public static function byNonce($nonce)
    {
        return self::isNonce($nonce) ? SystempayStore::fetch("SELECT * FROM " . self::TABLE . " WHERE nonce = '" . xtc_db_input($nonce) . "'") : null;
    }

    /**
     * The arguments of the action for Systempay\rest_operation_body(), from the attempt as recorded.
     * Throws Systempay\Exception when the amount is refused (above what is left, wrong decimals…).
     * @return array{operation: string, body: string, amount_minor: ?int}
     */
    public static function request($ordersId, array $attempt, $kind, $amountText, $comment)
    {
        $currency = Systempay\currency_info((string) $attempt['currency']);
        if ($currency === null || !isset(self::SERVICES[$kind])) {
            throw new InvalidArgumentException('unknown currency or action');
        }
        $args = array('uuid' => (string) $attempt['trans_uuid'], 'currency' => $currency['alpha3'], 'comment' => (string) $comment);
        if ($kind === 'refund' || $kind === 'cancel') {
            $args['resolution'] = $kind === 'refund' ? 'REFUND_ONLY' : 'CANCELLATION_ONLY';
            $args['amount'] = $kind === 'refund' ? (string) $amountText : '';
            $args['captured_minor'] = (string) (int) $attempt['amount_minor'];
            $args['refunded_minor'] = $kind === 'refund' ? array_map('strval', self::refundedMinor($ordersId)) : array();
        } elseif ($kind === 'lower') {
            $args['amount'] = (string) $amountText;
            $args['current_minor'] = (string) (int) $attempt['amount_minor'];
        }
        $request = Systempay\rest_operation_body(self::SERVICES[$kind], $args);
        return array('operation' => self::SERVICES[$kind], 'body' => $request['body'], 'amount_minor' => $request['amount_minor']);
    }

    /**
     * Runs the admin's confirmed action, once per nonce. Returns the operation row as it ends
     * (state done, refused or unknown), or the row an earlier request with the same nonce wrote.
     */
    public static function run($ordersId, $nonce, $kind, $attemptId, $amountText, $comment, $adminId)
    {
        $ordersId = (int) $ordersId;
        if (!self::isNonce($nonce) || !isset(self::SERVICES[$kind])) {
            throw new InvalidArgumentException('not an operation form');
        }
        $comment = mb_substr(trim((string) $comment), 0, 200);
        $prepared = SystempayLedger::withOrder($ordersId, static function () use ($ordersId, $nonce, $kind, $attemptId, $amountText, $comment, $adminId) {
            $existing = self::byNonce($nonce);
            if ($existing !== null) {
                return array('row' => $existing); // a double click, a reload, a retry: never sent twice
            }
            $attempt = SystempayStore::fetch("SELECT * FROM " . SystempayStore::TRANSACTIONS . " WHERE id = " . (int) $attemptId . " AND orders_id = " . $ordersId);
            $row = array('nonce' => $nonce, 'orders_id' => $ordersId, 'attempt_id' => (int) $attemptId, 'kind' => $kind,
                'trans_uuid' => $attempt === null ? '' : (string) $attempt['trans_uuid'], 'ctx_mode' => $attempt === null ? '' : (string) $attempt['ctx_mode'],
                'amount_minor' => null, 'currency' => $attempt === null ? '' : (string) $attempt['currency'], 'admin_id' => (int) $adminId, 'comment' => $comment);
            $refuse = static function ($code, $message) use ($row) {
                return array('row' => self::insert($row + array('state' => 'refused', 'error_code' => $code, 'error_message' => $message)));
            };
            if ($attempt === null || !in_array($kind, self::offers($attempt, self::refundable($ordersId, $attempt)), true)) {
                return $refuse('NOT_NOW', $attempt === null ? 'no such payment on this order' : 'status ' . $attempt['status']);
            }
            if (self::underWay($ordersId) !== null) {
                return $refuse('BUSY', 'another operation on this order is under way');
            }
            try {
                $request = self::request($ordersId, $attempt, $kind, $amountText, $comment);
            } catch (Systempay\Exception $e) {
                return $refuse('AMOUNT', $e->getMessage());
            } catch (InvalidArgumentException $e) {
                return $refuse('NOT_NOW', $e->getMessage());
            }
            $row['amount_minor'] = $request['amount_minor'];
            return array('row' => self::insert($row + array('state' => 'sending')), 'request' => $request);
        });
        if (!isset($prepared['request'])) {
            return $prepared['row'];
        }
        $started = microtime(true);
        $result = SystempayRest::send($prepared['request']['operation'], $prepared['request']['body'], $prepared['row']['ctx_mode']);
        try {
            return self::conclude($prepared['row'], $result, $started);
        } catch (Exception $e) {
            // Sent, but its outcome could not be recorded (database gone, a formatting error): the row
            // stays "sending" and counts until the notification or the platform's state settles it.
            SystempayStore::logEvent((int) $ordersId, 'ADMIN', null, strtoupper($kind), null, $kind . ' sent, not recorded: ' . $e->getMessage(), 0);
            return $prepared['row'];
        }
    }

    /** Records what the platform answered and applies a success through the notification pipeline. */
    private static function conclude(array $op, array $result, $started)
    {
        $ordersId = (int) $op['orders_id'];
        $durationMs = (int) round((microtime(true) - $started) * 1000);
        if (!$result['ok']) {
            $state = !empty($result['refused']) ? 'refused' : 'unknown';
            $named = self::byNonce($op['nonce']);
            if ($state === 'unknown' && $named !== null && (string) $named['result_uuid'] !== '') {
                $state = 'done'; // its notification came first and named the refund: done, whatever the answer
            }
            $message = trim((string) $result['error_message'] . ($result['detailed_error_message'] ? ' (' . $result['detailed_error_message'] . ')' : ''));
            self::update($op['id'], array('state' => $state, 'error_code' => (string) $result['error_code'], 'error_message' => $message), array('sending'));
            SystempayStore::logEvent($ordersId, 'ADMIN', null, strtoupper($op['kind']), $state, $op['kind'] . ' ' . $state . ': ' . $result['error_code'] . ' ' . $message, $durationMs);
            return self::byNonce($op['nonce']);
        }
        try {
            $n = Systempay\operation_result((string) $result['answer'], $op['ctx_mode']);
        } catch (Systempay\Exception $e) {
            // The platform said SUCCESS but its transaction cannot be read: whether it happened is unknown.
            self::update($op['id'], array('state' => 'unknown', 'error_code' => 'ANSWER', 'error_message' => $e->getMessage()), array('sending'));
            SystempayStore::logEvent($ordersId, 'ADMIN', null, strtoupper($op['kind']), 'unknown', $op['kind'] . ' unknown: ' . $e->getMessage(), $durationMs);
            return self::byNonce($op['nonce']);
        }
        $achieved = self::achieves($op, $n);
        if ($achieved !== null) {
            // The platform answered, but not with what was asked (a refund it refused, a cancellation
            // it did not make): nothing moved. The answer still goes through the pipeline below.
            self::update($op['id'], array('state' => 'refused', 'error_code' => 'STATUS', 'error_message' => $achieved), array('sending', 'unknown'));
        } else {
            self::update($op['id'], array('state' => 'done', 'result_uuid' => (string) $n->transUuid()), array('sending', 'unknown'));
        }
        $op['result_uuid'] = $n->transUuid();
        try {
            $applied = SystempayPayment::apply($n, $op);
            $answer = $applied->answer;
            $decision = $applied->decision;
        } catch (SystempayStoreException $e) {
            // Done at the platform; its notification (retried until recorded) will bring it into the order.
            $answer = 'not recorded yet: ' . $e->getMessage();
            $decision = null;
        }
        self::update($op['id'], array('answer' => $answer), array('done', 'refused'));
        SystempayStore::logEvent($ordersId, 'ADMIN', $n->transId(), $n->status(), $decision, $op['kind'] . ' done: ' . $answer, $durationMs);
        return self::byNonce($op['nonce']);
    }

    /**
     * Null when the transaction $n shows what the operation asked for, else why not. The answer must
     * be about the order, and: a refund a CREDIT of the payment, accepted or under way; a cancellation
     * the payment CANCELLED; a lowering the payment at the new amount; a validation the payment no
     * longer waiting for it.
     */
    private static function achieves(array $op, Systempay\Notification $n)
    {
        if ((string) $n->orderId() !== (string) (int) $op['orders_id']) {
            return 'the platform answered about order ' . $n->orderId();
        }
        $outcome = Systempay\outcome_of($n->status());
        switch ($op['kind']) {
            case 'refund':
                $ok = $n->isCredit() && in_array($outcome, array('success', 'pending'), true)
                    && in_array($n->field('kr_parent_uuid'), array(null, $op['trans_uuid']), true) && $n->amountMinor() === (int) $op['amount_minor'];
                break;
            case 'cancel':
                $ok = !$n->isCredit() && $n->transUuid() === $op['trans_uuid'] && $n->status() === 'CANCELLED';
                break;
            case 'lower':
                $ok = !$n->isCredit() && $n->transUuid() === $op['trans_uuid'] && $n->amountMinor() === (int) $op['amount_minor'];
                break;
            default:
                $ok = !$n->isCredit() && $n->transUuid() === $op['trans_uuid'] && in_array($n->status(), array('AUTHORISED', 'WAITING_AUTHORISATION', 'CAPTURED'), true);
        }
        return $ok ? null : 'the platform answered ' . ($n->isCredit() ? 'CREDIT ' : '') . $n->status() . ' ' . $n->amountMinor();
    }

    /** The order's operation now under way (sent, not answered, younger than SENDING_SECONDS), if any. */
    private static function underWay($ordersId)
    {
        return SystempayStore::fetch("SELECT * FROM " . self::TABLE . " WHERE orders_id = " . (int) $ordersId . " AND state = 'sending'
            AND created_at > UTC_TIMESTAMP() - INTERVAL " . (int) self::SENDING_SECONDS . " SECOND LIMIT 1");
    }

    /**
     * The shop's own operation a verified result comes from, if any (called under the order's lock):
     * a back-office result (BO, MERCH_BO) that is what the operation asked for. A row whose answer was
     * lost (unknown) is settled by it.
     */
    public static function explaining($ordersId, Systempay\Notification $n)
    {
        if (!in_array($n->source(), array('BO', 'MERCH_BO'), true)) {
            return null;
        }
        $uuid = (string) $n->transUuid();
        $claimed = array();
        $rows = self::rows($ordersId);
        foreach ($rows as $op) {
            if ((string) $op['result_uuid'] !== '') {
                $claimed[$op['result_uuid']] = (int) $op['id'];
            }
        }
        foreach ($rows as $op) {
            if (!in_array($op['state'], array('sending', 'unknown', 'done'), true) || $op['ctx_mode'] !== $n->ctxMode()) {
                continue;
            }
            if ($n->isCredit()) {
                // A refund: its own uuid once known; else, for a refund sent in the last hour, the same
                // amount on the same payment (when the result names its payment) and not claimed yet.
                $parent = $n->field('kr_parent_uuid');
                $matches = $op['kind'] === 'refund' && ((string) $op['result_uuid'] !== ''
                    ? $op['result_uuid'] === $uuid
                    : $op['state'] !== 'done' && (int) $op['amount_minor'] === $n->amountMinor() && !isset($claimed[$uuid])
                        && ($parent === null || $parent === $op['trans_uuid']) && (int) $op['age_seconds'] < self::MATCH_SECONDS);
            } else {
                $matches = $op['trans_uuid'] === $uuid && (
                    ($op['kind'] === 'cancel' && $n->status() === 'CANCELLED')
                    || ($op['kind'] === 'lower' && (int) $op['amount_minor'] === $n->amountMinor() && Systempay\outcome_of($n->status()) === 'success')
                    || ($op['kind'] === 'validate' && in_array($n->status(), array('AUTHORISED', 'WAITING_AUTHORISATION'), true)));
            }
            if (!$matches) {
                continue;
            }
            if ($op['state'] !== 'done') {
                // Settled by the platform's own word, whatever becomes of the answer.
                self::update($op['id'], array('state' => 'done', 'result_uuid' => $uuid), array($op['state']));
                $op['result_uuid'] = $uuid;
            }
            return $op;
        }
        return null;
    }

    /**
     * The shop's own lowering (Transaction/Update) of the payment $uuid to $amountMinor, done, under
     * way or of unknown outcome, or null: the amount a result for that payment may carry.
     */
    public static function lowering($ordersId, $uuid, $amountMinor)
    {
        if ((string) $uuid === '') {
            return null;
        }
        SystempaySchema::ensure(); // called before the order's lock: the table may be new
        return SystempayStore::fetch("SELECT * FROM " . self::TABLE . " WHERE orders_id = " . (int) $ordersId . " AND kind = 'lower'
            AND trans_uuid = '" . xtc_db_input($uuid) . "' AND amount_minor = " . (int) $amountMinor . " AND state IN ('sending', 'unknown', 'done')
            ORDER BY id DESC LIMIT 1");
    }

    /**
     * The transactions of an Order/Get answer that are this order's: payments named by an attempt
     * (its uuid, or its trans id and whole trans date), and refunds of those.
     * Others with the same order number (a test copy of the shop, a reinstalled shop, a payment made
     * by hand in the back office) are left out: never shown as this order's, never taken in.
     * @return array{0: list<array>, 1: int} the order's transactions, and how many were left out
     */
    public static function ofOrder(array $transactions, array $attempts)
    {
        $uuids = array();
        foreach ($transactions as $tx) {
            if ($tx['operation_type'] === 'CREDIT') {
                continue;
            }
            try {
                $n = Systempay\operation_result($tx['json'], $attempts ? (string) $attempts[0]['ctx_mode'] : 'TEST');
            } catch (Systempay\Exception $e) {
                continue;
            }
            foreach ($attempts as $attempt) {
                // Its uuid, or its trans id and whole trans date (a second payment of the same attempt is
                // the order's too: the pipeline puts it up for review as a possible double charge).
                $named = $attempt['trans_uuid'] === $tx['uuid']
                    || ($attempt['trans_id'] === $n->transId() && $attempt['trans_date'] === (string) $n->field('vads_trans_date'));
                if ($named) {
                    $uuids[$tx['uuid']] = true;
                }
            }
        }
        $ours = array();
        foreach ($transactions as $tx) {
            if (isset($uuids[$tx['uuid']]) || ($tx['operation_type'] === 'CREDIT' && isset($uuids[(string) $tx['parent_uuid']]))) {
                $ours[] = $tx;
            }
        }
        return array($ours, count($transactions) - count($ours));
    }

    /**
     * Takes the platform's state into the order: every transaction Order/Get lists goes through the
     * notification pipeline as a back-office result; then the shop's operations whose outcome was
     * unknown are settled (done when the platform shows their effect, failed when it does not).
     * @return array{ok: bool, applied: list<array>, error: ?string}
     */
    public static function takePlatformState($ordersId, $mode)
    {
        $ordersId = (int) $ordersId;
        $mode = $mode === 'PRODUCTION' || $mode === 'TEST' ? $mode : SystempayConfig::ctxMode();
        $result = SystempayRest::call('Order/Get', array('order_id' => (string) $ordersId), $mode);
        if (!$result['ok']) {
            return array('ok' => false, 'applied' => array(), 'error' => trim($result['error_code'] . ' ' . $result['error_message']));
        }
        try {
            $transactions = Systempay\rest_transactions((string) $result['answer']);
        } catch (Systempay\Exception $e) {
            return array('ok' => false, 'applied' => array(), 'error' => $e->getMessage());
        }
        $listed = $transactions;
        list($transactions) = self::ofOrder($transactions, SystempayStore::attempts($ordersId));
        // Rows of unknown outcome first: a refund settled as done is not offered again below.
        self::settleUnknown($ordersId, $listed, $mode);
        $applied = array();
        // Payments first, then refunds: a refund is recorded on a paid order.
        usort($transactions, static function ($a, $b) {
            return ($a['operation_type'] === 'CREDIT') <=> ($b['operation_type'] === 'CREDIT');
        });
        foreach ($transactions as $tx) {
            try {
                $n = Systempay\operation_result($tx['json'], $mode);
                $done = SystempayPayment::apply($n, null, true);
                $answer = $done->answer;
                SystempayStore::logEvent($ordersId, 'ADMIN', $n->transId(), $n->status(), $done->decision, 'platform state: ' . $answer, 0);
            } catch (Systempay\Exception $e) {
                $answer = 'KO-' . $e->getMessage();
            }
            $applied[] = array('uuid' => $tx['uuid'], 'status' => $tx['detailed_status'], 'operation_type' => $tx['operation_type'], 'answer' => $answer);
        }
        return array('ok' => true, 'applied' => $applied, 'error' => null);
    }

    /**
     * Operations whose outcome is unknown (or whose request died while sending) are settled by the
     * platform's list of the order's transactions: done when it shows their effect; failed only when
     * it shows their payment without that effect; left unknown when it does not show the payment.
     * $mode: the mode the list was asked in (a row of the other mode is not settled by it).
     */
    private static function settleUnknown($ordersId, array $transactions, $mode)
    {
        $rows = SystempayStore::allRows(SystempayStore::query("SELECT * FROM " . self::TABLE . " WHERE orders_id = " . (int) $ordersId . "
            AND (state = 'unknown' OR (state = 'sending' AND created_at < UTC_TIMESTAMP() - INTERVAL " . (int) self::SENDING_SECONDS . " SECOND))
            ORDER BY id"));
        $claimed = array();
        foreach (self::rows($ordersId) as $op) {
            if ((string) $op['result_uuid'] !== '') {
                $claimed[$op['result_uuid']] = true;
            }
        }
        foreach ($rows as $op) {
            if ($op['ctx_mode'] !== $mode) {
                continue;
            }
            $payment = null;
            $effect = null;
            foreach ($transactions as $tx) {
                if ($tx['uuid'] === $op['trans_uuid']) {
                    $payment = $tx;
                }
                // A refund: a CREDIT of the payment, of its amount, made after the row, claimed by no other row.
                $created = str_replace(' ', 'T', (string) $op['created_at']);
                if ($op['kind'] === 'refund' && $tx['operation_type'] === 'CREDIT' && $tx['parent_uuid'] === $op['trans_uuid']
                    && (int) $tx['amount_minor'] === (int) $op['amount_minor'] && !isset($claimed[$tx['uuid']])
                    && substr((string) $tx['creation_date'], 0, 19) >= substr($created, 0, 19)) {
                    $effect = $tx;
                }
            }
            if ($payment === null) {
                continue; // the platform does not show the payment: nothing can be said
            }
            if ($op['kind'] === 'refund') {
                $shown = $effect !== null;
            } elseif ($op['kind'] === 'cancel') {
                $shown = $payment['detailed_status'] === 'CANCELLED';
            } elseif ($op['kind'] === 'lower') {
                $shown = (int) $payment['amount_minor'] === (int) $op['amount_minor'];
            } else {
                $shown = in_array($payment['detailed_status'], array('AUTHORISED', 'WAITING_AUTHORISATION', 'CAPTURED'), true);
            }
            if ($shown) {
                $uuid = $effect !== null ? $effect['uuid'] : $op['trans_uuid'];
                $claimed[$uuid] = true;
                self::update($op['id'], array('state' => 'done', 'result_uuid' => $uuid), array($op['state']));
            } else {
                self::update($op['id'], array('state' => 'failed', 'error_message' => 'not done at the platform'), array($op['state']));
            }
        }
    }

    private static function insert(array $row)
    {
        $value = static function ($v) {
            return $v === null ? 'NULL' : "'" . xtc_db_input((string) $v) . "'";
        };
        $columns = array('nonce', 'orders_id', 'attempt_id', 'kind', 'trans_uuid', 'ctx_mode', 'amount_minor', 'currency', 'state', 'error_code',
            'error_message', 'admin_id', 'comment');
        $values = array();
        foreach ($columns as $column) {
            $values[] = $value(isset($row[$column]) ? $row[$column] : null);
        }
        SystempayStore::query("INSERT INTO " . self::TABLE . " (" . implode(', ', $columns) . ", created_at, updated_at)
            VALUES (" . implode(', ', $values) . ", UTC_TIMESTAMP(), UTC_TIMESTAMP())");
        return self::byNonce($row['nonce']);
    }

    /** Updates the row only while it is in one of $fromStates: state only moves forward. */
    private static function update($id, array $set, array $fromStates)
    {
        $assignments = array();
        foreach ($set as $column => $v) {
            $limits = array('error_message' => 255, 'answer' => 255, 'error_code' => 40);
            $v = isset($limits[$column]) ? mb_substr((string) $v, 0, $limits[$column]) : (string) $v;
            $assignments[] = $column . " = '" . xtc_db_input($v) . "'";
        }
        $states = implode(', ', array_map(static function ($state) {
            return "'" . xtc_db_input($state) . "'";
        }, $fromStates));
        SystempayStore::query("UPDATE " . self::TABLE . " SET " . implode(', ', $assignments) . ", updated_at = UTC_TIMESTAMP()
            WHERE id = " . (int) $id . " AND state IN ($states)");
    }
}
