<?php
/**
 * Systempay for modified eCommerce: sends the order confirmation mail from the notification, for
 * a paid order whose buyer has not come back (closed tab). Included at GLOBAL scope by
 * callback/systempay/process.php (the shop's send_order.php expects its globals), after the answer
 * to the platform is written, and only when this request holds the order's mail claim
 * (SystempayStore::claimOrderMail), so the mail goes out once whoever comes first. Like the shop's
 * own PayPal webhook: $insert_id, a Smarty instance and the order's customer in the session, for the
 * duration of send_order.php; SystempayOrderMail::prepare() loads what the callback bootstrap lacks.
 * Sent: the claim is confirmed and the newest history row marked as notified. Not sent (exception,
 * Smarty error, xtc_php_mail() failing for the buyer): the claim is released, so that the buyer's
 * return or the next notification sends it.
 */
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayOrderMail.php';

$systempay_mail_failure = null;
try {
    $systempay_mail_globals = SystempayOrderMail::prepare((int) $systempay_mail_order);
    $insert_id = $systempay_mail_globals['insert_id'];
    $smarty = $systempay_mail_globals['smarty'];
    include DIR_FS_CATALOG . 'send_order.php';
    $systempay_mail_failure = SystempayOrderMail::finish();
} catch (Throwable $systempay_mail_error) {
    $systempay_mail_failure = SystempayOrderMail::finish($systempay_mail_error); // also when prepare() failed before watching
}
if ($systempay_mail_failure === null && defined('SEND_EMAILS') && SEND_EMAILS === 'true') {
    try {
        SystempayOrderMail::markCustomerNotified((int) $systempay_mail_order);
    } catch (SystempayStoreException $systempay_mail_error) {
        // the mail left; only the history flag is missing
    }
}
SystempayOrderMail::conclude((int) $systempay_mail_order, 'IPN', $systempay_mail_failure);
unset($systempay_mail_globals, $systempay_mail_failure, $systempay_mail_error);
