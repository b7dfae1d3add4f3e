<?php
/* Test double: minimal checkout_shipping.php — unsets tmp_oID like the shop, selects the flat rate, stores
   cartID and goes on to checkout_payment.php. */
include('includes/application_top.php');
require(DIR_WS_INCLUDES . 'checkout_requirements.php');
unset($_SESSION['tmp_oID']);
if (!isset($_SESSION['sendto'])) {
  $_SESSION['sendto'] = $_SESSION['customer_default_address_id'];
}
$_SESSION['cartID'] = $_SESSION['cart']->cartID;
$_SESSION['shipping'] = array('id' => 'flat_flat', 'title' => MODULE_SHIPPING_FLAT_TEXT_TITLE . ' (' . MODULE_SHIPPING_FLAT_TEXT_WAY . ')', 'cost' => (double)MODULE_SHIPPING_FLAT_COST);
xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'));
