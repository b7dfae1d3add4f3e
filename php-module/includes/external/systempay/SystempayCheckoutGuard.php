<?php
/**
 * Systempay for modified eCommerce: keeps the shop from finishing a Systempay order without the
 * module. While the temporary order exists, modified's checkout_process.php finishes it (mails, cart
 * reset, success page) with whatever payment module the session names; posting
 * checkout_confirmation.php with another `payment`, or a session that lost `billing_zone`, used to
 * make it finish an unpaid Systempay order without ever calling before_process().
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayConfig.php';
require_once __DIR__ . '/SystempayStore.php';

class SystempayCheckoutGuard
{
    public static function check($page)
    {
        if ($page !== 'checkout_process.php' && $page !== 'checkout_confirmation.php') {
            return;
        }
        $ordersId = (int) $_SESSION['tmp_oID'];
        $customerId = isset($_SESSION['customer_id']) ? (int) $_SESSION['customer_id'] : 0;
        $order = SystempayStore::fetch("SELECT payment_class, billing_country_iso_code_2 FROM " . TABLE_ORDERS . "
            WHERE orders_id = " . $ordersId . " AND customers_id = " . $customerId);
        if ($order === null || $order['payment_class'] !== 'systempay') {
            return;
        }
        if ($page === 'checkout_confirmation.php') {
            // A new choice of payment for an order already sent to Systempay: start the choice again
            // (checkout_payment.php drops the temporary order from the session).
            if (isset($_POST['payment']) && $_POST['payment'] !== 'systempay') {
                self::toPayment('ERROR_NOT_PAID');
            }
            return;
        }
        // Only the Systempay module may finish this order: it is loaded again whatever the session lost.
        $_SESSION['payment'] = 'systempay';
        if (empty($_SESSION['billing_zone'])) {
            $_SESSION['billing_zone'] = (string) $order['billing_country_iso_code_2'];
        }
        if (self::carriesReturn() && SystempayConfig::isTrue('STATUS')) {
            return; // the module's before_process() verifies it and decides
        }
        try {
            $attempt = SystempayStore::latestAttempt($ordersId);
        } catch (SystempayStoreException $e) {
            self::toPayment('ERROR_TECHNICAL');
        }
        $verified = $attempt !== null && $attempt['status'] !== null && $attempt['status'] !== ''
            && ($attempt['outcome'] === 'success' || $attempt['outcome'] === 'pending');
        if (!$verified) {
            self::toPayment('ERROR_NOT_PAID');
        }
    }

    /** The request carries the platform's browser return (GET query or POST form; the embedded form's kr-answer). */
    public static function carriesReturn()
    {
        return strpos(isset($_SERVER['QUERY_STRING']) ? (string) $_SERVER['QUERY_STRING'] : '', 'vads_') !== false
            || ($_SERVER['REQUEST_METHOD'] === 'POST' && (isset($_POST['vads_trans_id']) || isset($_POST['kr-answer']) || isset($_POST[self::RELAY_FIELD])));
    }

    /** The field callback/systempay/return.php relays the embedded form's result in. */
    const RELAY_FIELD = 'systempay_rest_return';

    /**
     * The return's fields exactly as the platform sent them: the GET query, the POST body, or the
     * embedded form's result that return.php relayed base64url-encoded (so that the shop's XSS filter,
     * which reads every POST value, never sees — nor blocks the buyer for — the answer's free text).
     */
    public static function returnBody()
    {
        if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
            return isset($_SERVER['QUERY_STRING']) ? (string) $_SERVER['QUERY_STRING'] : '';
        }
        $body = (string) file_get_contents('php://input');
        if (strlen($body) <= 250000 && preg_match('/^' . self::RELAY_FIELD . '=([A-Za-z0-9_-]+)$/', $body, $m)) {
            $decoded = base64_decode(strtr($m[1], '-_', '+/'), true);
            return $decoded === false ? '' : $decoded;
        }
        return $body;
    }

    private static function toPayment($error)
    {
        $_SESSION['systempay_error'] = $error;
        xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, 'payment_error=systempay', 'SSL'));
    }
}
