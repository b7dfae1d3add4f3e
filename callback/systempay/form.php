<?php
/**
 * Systempay embedded form: the page inside the shop's checkout_payment_iframe.php (see
 * includes/external/systempay/SystempayEmbeddedForm.php). It runs in the buyer's session and shows
 * only that session's order.
 */
chdir('../../');
include 'includes/application_top.php';
require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayEmbeddedForm.php';
SystempayEmbeddedForm::render();
