<?php
/**
 * Systempay for modified eCommerce: a plain mail to the shop owner when a payment result needs a
 * person (cancelled or refunded after payment, paid after a cancellation, a result left for review),
 * from the shop's billing address to the owner's, like the shop's own order copy. A failed send is
 * not retried forever (the order is already updated): it is flagged on the order's panel instead.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

class SystempayOwnerAlert
{
    public static function send($ordersId, $subject, $body)
    {
        if (!function_exists('xtc_php_mail')) {
            require_once DIR_FS_INC . 'xtc_php_mail.inc.php';
        }
        // The mail templates' modifiers, which the callback bootstrap does not load.
        require_once __DIR__ . '/SystempayOrderMail.php';
        SystempayOrderMail::loadFunctions();
        $to = defined('STORE_OWNER_EMAIL_ADDRESS') ? (string) STORE_OWNER_EMAIL_ADDRESS : '';
        $from = defined('EMAIL_BILLING_ADDRESS') && EMAIL_BILLING_ADDRESS !== '' ? (string) EMAIL_BILLING_ADDRESS : $to;
        if ($to === '') {
            SystempayStore::flagOrder($ordersId, 'no shop owner address: alert not sent (' . $subject . ')');
            return;
        }
        $failure = null;
        // xtc_php_mail() reports a failed send as E_USER_WARNING, which the shop's handler would log.
        set_error_handler(static function ($level, $message) use (&$failure) {
            $failure = (string) $message;
            return true;
        }, E_USER_WARNING | E_WARNING | E_NOTICE | E_USER_NOTICE);
        try {
            $sent = xtc_php_mail($from, defined('STORE_NAME') ? STORE_NAME : '', $to, defined('STORE_OWNER') ? STORE_OWNER : '', '', '', '', '', '',
                $subject, nl2br(htmlspecialchars($body, ENT_QUOTES, 'UTF-8')), $body);
        } catch (Throwable $e) {
            $sent = false;
            $failure = get_class($e) . ' ' . $e->getMessage();
        } finally {
            restore_error_handler();
        }
        if ($sent === false) {
            SystempayStore::flagOrder($ordersId, 'alert to the shop owner not sent (' . substr((string) $failure, 0, 80) . '): ' . $subject);
        }
    }
}
