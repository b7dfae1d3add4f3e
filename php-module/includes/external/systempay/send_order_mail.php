<?php
/**
 * Systempay for modified eCommerce: sends the order confirmation mail from the notification, for
 * a paid order whose buyer has not come back (closed tab). Included at GLOBAL scope by
 * callback/systempay/process.php (the shop's send_order.php expects its globals), after the answer
 * to the platform is written, and only when this request claimed the order's mail
 * (SystempayStore::claimOrderMail), so the mail goes out once whoever comes first. Like the shop's
 * own PayPal webhook: $insert_id, a Smarty instance and the order's customer in the session, for the
 * duration of send_order.php. The callback bootstrap does not load the main language file: the
 * order's language is loaded here.
 */
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

$systempay_mail_row = SystempayStore::fetch("SELECT customers_id, language, customers_country_iso_code_2 FROM " . TABLE_ORDERS . " WHERE orders_id = " . (int) $systempay_mail_order);
if ($systempay_mail_row !== null && defined('SEND_EMAILS') && SEND_EMAILS === 'true') {
    $systempay_mail_lang = preg_match('/^[a-z_]+$/', (string) $systempay_mail_row['language']) ? $systempay_mail_row['language'] : 'german';
    if (is_file(DIR_FS_CATALOG . 'lang/' . $systempay_mail_lang . '/' . $systempay_mail_lang . '.php')) {
        include_once DIR_FS_CATALOG . 'lang/' . $systempay_mail_lang . '/' . $systempay_mail_lang . '.php';
    }
    $smarty = class_exists('Smarty') ? new Smarty() : null;
    $insert_id = (int) $systempay_mail_order;
    $_SESSION['customer_id'] = (int) $systempay_mail_row['customers_id'];
    include DIR_FS_CATALOG . 'send_order.php';
    unset($_SESSION['customer_id']);
    // As the shop's checkout does when it mails: the newest history row is marked as notified.
    $systempay_history = SystempayStore::fetch("SELECT MAX(orders_status_history_id) AS id FROM " . TABLE_ORDERS_STATUS_HISTORY . " WHERE orders_id = " . (int) $systempay_mail_order);
    if ($systempay_history !== null && $systempay_history['id'] !== null) {
        xtc_db_query("UPDATE " . TABLE_ORDERS_STATUS_HISTORY . " SET customer_notified = 1 WHERE orders_status_history_id = " . (int) $systempay_history['id']);
    }
}
unset($systempay_mail_row, $systempay_mail_lang, $systempay_history);
