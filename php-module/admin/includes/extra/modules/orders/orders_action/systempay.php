<?php
/**
 * Systempay for modified eCommerce: the forms of the order panel's payment operations
 * (orders.php?oID=…&action=custom&subaction=systempay). orders.php has checked the admin's right to
 * the orders page and the shop's CSRF token before including this hook; SystempayAdminActions also
 * checks the form's own nonce, then redirects back to the order page.
 */
defined('_VALID_XTC') or die('Direct Access to this location is not allowed.');

if (isset($_GET['subaction']) && $_GET['subaction'] === 'systempay' && isset($_GET['oID']) && defined('MODULE_PAYMENT_SYSTEMPAY_STATUS')
    && $_SERVER['REQUEST_METHOD'] === 'POST' && function_exists('Systempay\\operation_result')) {
    require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayAdminActions.php';
    SystempayAdminActions::handle((int) $_GET['oID']);
}
