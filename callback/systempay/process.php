<?php
/**
 * Systempay notification URL (IPN): https://<shop>/callback/systempay/process.php
 * Bootstraps like the shop's other callbacks (application_top_callback.php: no maintenance-mode
 * redirect, no cart actions, no xss IP blacklist) and verifies the RAW body, because the shop's input
 * filters rewrite $_POST.
 */
chdir('../../');
$systempay_raw_body = (string) file_get_contents('php://input');
define('_SYSTEMPAY_CALLBACK', true);
require_once 'includes/external/systempay/guard.php';
include 'includes/application_top_callback.php';
require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayNotificationEndpoint.php';
$systempay_mail_order = SystempayNotificationEndpoint::handle($systempay_raw_body);
if ($systempay_mail_order > 0) {
    include DIR_FS_CATALOG . 'includes/external/systempay/send_order_mail.php';
}
