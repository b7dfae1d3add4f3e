<?php
/**
 * Systempay: the shop includes this on checkout_confirmation.php and checkout_process.php, before
 * it loads the payment module. A temporary order placed for Systempay may only be finished by the
 * Systempay module on a verified result, whatever the session holds (see SystempayCheckoutGuard).
 */
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

if (isset($_SESSION['tmp_oID']) && is_numeric($_SESSION['tmp_oID'])) {
    require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayCheckoutGuard.php';
    SystempayCheckoutGuard::check(basename((string) $_SERVER['SCRIPT_NAME']));
}
