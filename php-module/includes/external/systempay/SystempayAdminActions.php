<?php
/**
 * Systempay for modified eCommerce: the operations block of the admin order panel (refund, cancel,
 * lower the amount, validate, take the platform's state in) and the handler of its forms
 * (admin/orders.php?action=custom&subaction=systempay, through the shop's orders_action hook, so
 * orders.php has checked the admin's "orders" right and the shop's CSRF token first).
 *
 * Each form carries a nonce the page registered in the admin's session: a form from another session
 * (cross-site request, even with the shop's token system switched off) is refused. Two steps: "ask"
 * checks the amount and shows the confirmation; "confirm" runs the operation once per nonce
 * (SystempayOperations::run). Every step ends in a redirect to the order page (no re-POST on reload).
 */
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayOperations.php';

class SystempayAdminActions
{
    const SESSION_NONCES = 'systempay_nonces';
    const SESSION_PENDING = 'systempay_pending';
    const SESSION_SYNCED = 'systempay_synced';
    const SESSION_REFUSAL = 'systempay_refusal';
    /** Forms kept open per session (oldest dropped): enough for several tabs. */
    const MAX_NONCES = 100;
    /** A confirmation not confirmed within this many seconds has to be asked again. */
    const CONFIRM_SECONDS = 900;

    private static function h($text)
    {
        return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
    }

    private static function text($suffix, $default = '')
    {
        return defined('MODULE_PAYMENT_SYSTEMPAY_' . $suffix) ? constant('MODULE_PAYMENT_SYSTEMPAY_' . $suffix) : ($default !== '' ? $default : $suffix);
    }

    private static function money($minor, $currencyCode)
    {
        try {
            return call_user_func(SystempayPayment::money($currencyCode), $minor);
        } catch (Systempay\Exception $e) {
            return $minor . ' ' . $currencyCode;
        }
    }

    /** A new nonce registered in the admin's session for order $ordersId. */
    private static function nonceFor($ordersId)
    {
        if (!isset($_SESSION[self::SESSION_NONCES]) || !is_array($_SESSION[self::SESSION_NONCES])) {
            $_SESSION[self::SESSION_NONCES] = array();
        }
        while (count($_SESSION[self::SESSION_NONCES]) >= self::MAX_NONCES) {
            $oldest = array_key_first($_SESSION[self::SESSION_NONCES]);
            unset($_SESSION[self::SESSION_NONCES][$oldest], $_SESSION[self::SESSION_PENDING][$oldest], $_SESSION[self::SESSION_SYNCED][$oldest]);
        }
        $nonce = SystempayOperations::newNonce();
        $_SESSION[self::SESSION_NONCES][$nonce] = (int) $ordersId;
        return $nonce;
    }

    /** The confirmation the admin asked for with $nonce, if still open. */
    private static function pending($nonce)
    {
        $pending = isset($_SESSION[self::SESSION_PENDING][$nonce]) ? $_SESSION[self::SESSION_PENDING][$nonce] : null;
        return $pending !== null && $pending['at'] > time() - self::CONFIRM_SECONDS ? $pending : null;
    }

    private static function nonceIsOurs($nonce, $ordersId)
    {
        return SystempayOperations::isNonce($nonce) && isset($_SESSION[self::SESSION_NONCES][$nonce])
            && $_SESSION[self::SESSION_NONCES][$nonce] === (int) $ordersId;
    }

    private static function formOpen($ordersId, $name, $nonce, $step)
    {
        return xtc_draw_form($name, FILENAME_ORDERS, 'oID=' . (int) $ordersId . '&action=custom&subaction=systempay', 'post', 'class="systempay-op-form" id="' . self::h($name) . '"')
            . '<input type="hidden" name="systempay_nonce" value="' . self::h($nonce) . '">'
            . '<input type="hidden" name="systempay_step" value="' . self::h($step) . '">';
    }

    private static function orderPage($ordersId, $params)
    {
        return xtc_href_link(FILENAME_ORDERS, 'oID=' . (int) $ordersId . '&action=edit' . $params) . '#systempay-operations';
    }

    /** The operations block of the order panel. */
    public static function block($ordersId, array $attempts)
    {
        $ordersId = (int) $ordersId;
        $html = '<div id="systempay-operations"><h4>' . self::text('OP_TITLE') . '</h4>';
        if (implode('', SystempayConfig::restPasswords()) === '') {
            return $html . '<p>' . self::text('LIVE_NEEDS_REST') . '</p></div>';
        }
        try {
            $operations = SystempayOperations::rows($ordersId);
        } catch (SystempayStoreException $e) {
            $operations = array(); // the tables could not be brought up to date just now: shown as none
        }
        $html .= self::outcome($ordersId);
        $back = isset($_GET['systempay_back']) ? (string) $_GET['systempay_back'] : '';
        if (self::nonceIsOurs($back, $ordersId)) {
            unset($_SESSION[self::SESSION_PENDING][$back]); // the admin went back: that confirmation is closed
        }
        $confirm = isset($_GET['systempay_confirm']) ? (string) $_GET['systempay_confirm'] : '';
        if (self::nonceIsOurs($confirm, $ordersId) && self::pending($confirm) !== null) {
            return $html . self::confirmation($ordersId, $confirm, self::pending($confirm)) . self::operationsTable($operations) . '</div>';
        }
        $offered = false;
        $order = SystempayStore::fetch("SELECT orders_status FROM " . TABLE_ORDERS . " WHERE orders_id = " . $ordersId);
        $status = $order === null ? 0 : (int) $order['orders_status'];
        foreach ($attempts as $attempt) {
            try {
                $left = (string) $attempt['trans_uuid'] !== '' ? SystempayOperations::refundable($ordersId, $attempt) : 0;
            } catch (Exception $e) {
                $left = 0;
            }
            $offers = SystempayOperations::offers($attempt, $left);
            $html .= self::statusHint($status, $attempt, $offers);
            foreach ($offers as $kind) {
                $offered = true;
                $html .= self::actionForm($ordersId, $attempt, $kind, $left);
            }
        }
        if (!$offered) {
            $html .= '<p id="systempay_op_none">' . self::text('OP_NONE') . '</p>';
        }
        return $html . self::operationsTable($operations) . '</div>';
    }

    /**
     * The order set to the cancelled or refunded status in the admin while its payment still stands at
     * the platform (as modified's PayPal module does): the matching action is pointed at, never run.
     */
    private static function statusHint($orderStatus, array $attempt, array $offers)
    {
        $cancelled = in_array($orderStatus, array(SystempayConfig::cancelledStatusId(), SystempayConfig::revokedStatusId()), true);
        $refunded = $orderStatus === SystempayConfig::refundedStatusId();
        if (($cancelled || $refunded) && in_array('refund', $offers, true)) {
            $kind = 'refund';
        } elseif (($cancelled || $refunded) && in_array('cancel', $offers, true)) {
            $kind = 'cancel';
        } else {
            return '';
        }
        return '<p id="systempay_status_hint" data-kind="' . $kind . '" style="background:#fde2e2;padding:4px">'
            . sprintf(self::text('OP_HINT_' . strtoupper($kind)), self::h($attempt['status'])) . '</p>';
    }

    private static function actionForm($ordersId, array $attempt, $kind, $leftMinor)
    {
        $name = 'systempay_' . $kind . '_' . (int) $attempt['id'];
        $cell = 'style="padding:3px 6px;vertical-align:middle;border:0"';
        $html = self::formOpen($ordersId, $name, self::nonceFor($ordersId), 'ask')
            . '<input type="hidden" name="systempay_kind" value="' . self::h($kind) . '">'
            . '<input type="hidden" name="systempay_attempt" value="' . (int) $attempt['id'] . '">'
            . '<table class="systempay-op" style="border-collapse:collapse;margin:2px 0"><tr><td style="padding:3px 6px;vertical-align:middle;border:0;width:14em">'
            . '<button type="submit" class="button" id="' . self::h($name) . '_ask">' . self::text('OP_' . strtoupper($kind)) . '</button></td>'
            . '<td ' . $cell . '>' . self::h($attempt['trans_id']) . '</td>';
        $currency = Systempay\currency_info((string) $attempt['currency']);
        if ($kind === 'refund' || $kind === 'lower') {
            try {
                $default = $kind === 'refund' ? Systempay\from_minor_units((int) $leftMinor, (string) $attempt['currency']) : '';
            } catch (Systempay\Exception $e) {
                $default = '';
            }
            $html .= '<td ' . $cell . '>' . self::text('OP_AMOUNT') . ' <input type="text" name="systempay_amount" style="width:7em;display:inline-block" value="' . self::h($default) . '"> '
                . self::h($currency === null ? '' : $currency['alpha3']) . ' <small>(' . self::h(sprintf($kind === 'refund' ? self::text('OP_LEFT') : self::text('OP_CURRENT'),
                self::money($kind === 'refund' ? $leftMinor : $attempt['amount_minor'], $attempt['currency']))) . ')</small></td>';
        }
        $html .= '<td ' . $cell . '>' . self::text('OP_REASON') . ' <input type="text" name="systempay_comment" style="width:16em;display:inline-block" maxlength="200" value=""></td>'
            . '</tr></table></form>';
        return $html;
    }

    private static function confirmation($ordersId, $nonce, array $pending)
    {
        $uuid = $pending['trans_uuid'];
        $amount = self::money($pending['amount_minor'], $pending['currency']);
        switch ($pending['kind']) {
            case 'refund':
                $question = sprintf(self::text('OP_CONFIRM_REFUND'), self::h($amount), self::h($uuid));
                break;
            case 'lower':
                $question = sprintf(self::text('OP_CONFIRM_LOWER'), self::h($uuid), self::h(self::money($pending['current_minor'], $pending['currency'])), self::h($amount));
                break;
            default:
                $question = sprintf(self::text('OP_CONFIRM_' . strtoupper($pending['kind'])), self::h($uuid), self::h(self::money($pending['current_minor'], $pending['currency'])));
        }
        return '<div id="systempay_op_confirm" data-kind="' . self::h($pending['kind']) . '" style="background:#fff6e0;padding:6px;border:1px solid #e0b050">'
            . self::formOpen($ordersId, 'systempay_confirm_form', $nonce, 'confirm')
            . '<p>' . $question . ($pending['comment'] !== '' ? ' (' . self::h($pending['comment']) . ')' : '') . '</p>'
            . '<button type="submit" class="button" id="systempay_op_confirm_button">' . self::text('OP_CONFIRM') . '</button> '
            . '<a class="button" id="systempay_op_back" href="' . self::h(self::orderPage($ordersId, '&systempay_back=' . $nonce)) . '">' . self::text('OP_BACK') . '</a></form></div>';
    }

    /** What the admin's last step gave (after its redirect). */
    private static function outcome($ordersId)
    {
        if (isset($_GET['systempay_expired'])) {
            return '<p id="systempay_op_result" data-state="expired" style="color:#c00">' . self::text('OP_EXPIRED') . '</p>';
        }
        if (isset($_GET['systempay_refused'])) {
            $code = preg_replace('/[^A-Z0-9_]/', '', (string) $_GET['systempay_refused']);
            $detail = isset($_SESSION[self::SESSION_REFUSAL]) ? (string) $_SESSION[self::SESSION_REFUSAL] : '';
            unset($_SESSION[self::SESSION_REFUSAL]);
            return '<p id="systempay_op_result" data-state="refused" data-code="' . self::h($code) . '" style="color:#c00">' . self::errorText($code, $detail) . '</p>';
        }
        $nonce = isset($_GET['systempay_done']) ? (string) $_GET['systempay_done'] : (isset($_GET['systempay_synced']) ? (string) $_GET['systempay_synced'] : '');
        if (!self::nonceIsOurs($nonce, $ordersId)) {
            return '';
        }
        if (isset($_GET['systempay_synced'])) {
            $synced = isset($_SESSION[self::SESSION_SYNCED][$nonce]) ? $_SESSION[self::SESSION_SYNCED][$nonce] : null;
            if ($synced === null) {
                return '';
            }
            if (!$synced['ok']) {
                return '<p id="systempay_op_result" data-state="refused" style="color:#c00">' . self::text('LIVE_FAILED') . ' ' . self::h($synced['error']) . '</p>';
            }
            $items = '';
            foreach ($synced['applied'] as $applied) {
                $items .= '<li>' . self::h($applied['operation_type'] . ' ' . $applied['uuid'] . ' ' . $applied['status'] . ': ' . $applied['answer']) . '</li>';
            }
            return '<div id="systempay_op_result" data-state="synced"><p>' . self::text('OP_SYNCED') . '</p><ul>' . $items . '</ul></div>';
        }
        $op = SystempayOperations::byNonce($nonce);
        if ($op === null || (int) $op['orders_id'] !== $ordersId) {
            return '';
        }
        $color = $op['state'] === 'done' ? '#070' : '#c00';
        return '<p id="systempay_op_result" data-state="' . self::h($op['state']) . '" data-code="' . self::h($op['error_code']) . '" style="color:' . $color . '">'
            . self::h(ucfirst(self::text('OP_KIND_' . $op['kind']))) . ($op['amount_minor'] !== null ? ' ' . self::h(self::money($op['amount_minor'], $op['currency'])) : '') . ': '
            . self::stateText($op) . '</p>';
    }

    private static function stateText(array $op)
    {
        switch ($op['state']) {
            case 'done':
                return self::text('OP_DONE');
            case 'refused':
                return self::errorText((string) $op['error_code'], (string) $op['error_message']);
            case 'unknown':
                return self::text('OP_UNKNOWN') . ' (' . self::h(trim($op['error_code'] . ' ' . $op['error_message'])) . ')';
            case 'failed':
                return self::text('OP_FAILED');
            default:
                return self::text('OP_SENDING');
        }
    }

    /** The platform's (or the module's) refusal in the admin's language, its own words after it. */
    private static function errorText($code, $detail)
    {
        $known = defined('MODULE_PAYMENT_SYSTEMPAY_OP_ERR_' . $code);
        return self::text('OP_REFUSED') . ' ' . ($known ? constant('MODULE_PAYMENT_SYSTEMPAY_OP_ERR_' . $code) . ' ' : '')
            . '(' . self::h(trim($code . ($detail !== '' ? ' ' . $detail : ''))) . ')';
    }

    private static function operationsTable(array $operations)
    {
        if (!$operations) {
            return '';
        }
        $html = '<h4>' . self::text('OP_HISTORY') . '</h4><table class="systempay-operations" style="width:100%;border-collapse:collapse" border="1" cellpadding="2"><tr>';
        foreach (array('PANEL_DATE', 'OP_KIND', 'PANEL_UUID', 'PANEL_AMOUNT', 'OP_STATE', 'OP_MESSAGE') as $column) {
            $html .= '<th>' . self::text($column) . '</th>';
        }
        $html .= '</tr>';
        foreach (array_slice($operations, 0, 20) as $op) {
            $html .= '<tr class="systempay-op-row systempay-op-' . self::h($op['state']) . '"><td>' . self::h($op['created_at']) . ' UTC</td><td>' . self::h(self::text('OP_KIND_' . $op['kind']))
                . '</td><td>' . self::h($op['trans_uuid']) . '</td><td>' . ($op['amount_minor'] !== null ? self::h(self::money($op['amount_minor'], $op['currency'])) : '')
                . '</td><td>' . self::h($op['state']) . '</td><td>' . self::stateText($op) . ($op['comment'] !== null && $op['comment'] !== '' ? ' &mdash; ' . self::h($op['comment']) : '') . '</td></tr>';
        }
        return $html . '</table>';
    }

    /** The "take the platform's state into the order" form (shown under the live status). */
    public static function syncForm($ordersId)
    {
        return self::formOpen((int) $ordersId, 'systempay_sync_form', self::nonceFor($ordersId), 'sync')
            . '<button type="submit" class="button" id="systempay_sync">' . self::text('OP_SYNC') . '</button></form>';
    }

    /** The handler (orders_action hook): one step, then a redirect to the order page. */
    public static function handle($ordersId)
    {
        $ordersId = (int) $ordersId;
        $nonce = isset($_POST['systempay_nonce']) ? (string) $_POST['systempay_nonce'] : '';
        $step = isset($_POST['systempay_step']) ? (string) $_POST['systempay_step'] : '';
        if ($ordersId <= 0 || !self::nonceIsOurs($nonce, $ordersId)) {
            xtc_redirect(self::orderPage($ordersId, '&systempay_expired=1'));
        }
        $adminId = isset($_SESSION['customer_id']) ? (int) $_SESSION['customer_id'] : 0;
        if ($step === 'ask') {
            xtc_redirect(self::ask($ordersId, $nonce));
        }
        if ($step === 'confirm') {
            $pending = self::pending($nonce);
            if ($pending === null) {
                xtc_redirect(self::orderPage($ordersId, SystempayOperations::byNonce($nonce) !== null ? '&systempay_done=' . $nonce : '&systempay_expired=1'));
            }
            try {
                // The amount confirmed, in its exact decimals (never "all that is left" read again now).
                SystempayOperations::run($ordersId, $nonce, $pending['kind'], $pending['attempt_id'], $pending['amount'], $pending['comment'], $adminId);
            } catch (SystempayStoreException $e) {
                // Only before anything was sent (the order's lock or the database): nothing happened.
                $_SESSION[self::SESSION_REFUSAL] = $e->getMessage();
                xtc_redirect(self::orderPage($ordersId, '&systempay_refused=BUSY'));
            }
            unset($_SESSION[self::SESSION_PENDING][$nonce]); // a repeat finds the operation row instead
            xtc_redirect(self::orderPage($ordersId, '&systempay_done=' . $nonce));
        }
        if ($step === 'sync') {
            $attempt = SystempayStore::latestAttempt($ordersId);
            $mode = $attempt === null ? null : $attempt['ctx_mode'];
            try {
                $_SESSION[self::SESSION_SYNCED][$nonce] = SystempayOperations::takePlatformState($ordersId, $mode);
            } catch (SystempayStoreException $e) {
                $_SESSION[self::SESSION_SYNCED][$nonce] = array('ok' => false, 'applied' => array(), 'error' => $e->getMessage());
            }
            xtc_redirect(self::orderPage($ordersId, '&systempay_synced=' . $nonce));
        }
        xtc_redirect(self::orderPage($ordersId, '&systempay_expired=1'));
    }

    /** Checks the asked action against the payment as recorded; the confirmation page, or the refusal. */
    private static function ask($ordersId, $nonce)
    {
        if (SystempayOperations::byNonce($nonce) !== null) {
            return self::orderPage($ordersId, '&systempay_expired=1'); // this form already ran: a fresh one is on the page
        }
        $kind = isset($_POST['systempay_kind']) ? (string) $_POST['systempay_kind'] : '';
        $attemptId = isset($_POST['systempay_attempt']) ? (int) $_POST['systempay_attempt'] : 0;
        $amount = isset($_POST['systempay_amount']) ? trim((string) $_POST['systempay_amount']) : '';
        $comment = isset($_POST['systempay_comment']) ? mb_substr(trim((string) $_POST['systempay_comment']), 0, 200) : '';
        $attempt = SystempayStore::fetch("SELECT * FROM " . SystempayStore::TRANSACTIONS . " WHERE id = " . (int) $attemptId . " AND orders_id = " . (int) $ordersId);
        if ($attempt === null || !isset(SystempayOperations::SERVICES[$kind])
            || !in_array($kind, SystempayOperations::offers($attempt, SystempayOperations::refundable($ordersId, $attempt)), true)) {
            return self::orderPage($ordersId, '&systempay_refused=NOT_NOW');
        }
        try {
            $request = SystempayOperations::request($ordersId, $attempt, $kind, $amount, $comment);
        } catch (Exception $e) {
            $_SESSION[self::SESSION_REFUSAL] = $e->getMessage();
            return self::orderPage($ordersId, '&systempay_refused=AMOUNT');
        }
        if ($request['amount_minor'] !== null && ($kind === 'refund' || $kind === 'lower')) {
            // What the confirmation shows is what is sent: an empty amount ("all that is left") is fixed now.
            $amount = Systempay\from_minor_units((int) $request['amount_minor'], (string) $attempt['currency']);
        }
        $_SESSION[self::SESSION_PENDING][$nonce] = array('at' => time(), 'kind' => $kind, 'attempt_id' => (int) $attempt['id'], 'amount' => $amount, 'comment' => $comment,
            'trans_uuid' => (string) $attempt['trans_uuid'], 'amount_minor' => $request['amount_minor'] !== null ? $request['amount_minor'] : (int) $attempt['amount_minor'],
            'current_minor' => (int) $attempt['amount_minor'], 'currency' => (string) $attempt['currency']);
        return self::orderPage($ordersId, '&systempay_confirm=' . $nonce);
    }
}
