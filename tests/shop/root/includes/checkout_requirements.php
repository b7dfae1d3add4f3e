<?php
/* Test double of includes/checkout_requirements.php: cart not empty, logged in, prices visible, stock
   (skipped while tmp_oID is numeric), cartID equal to the cart's, shipping, sendto, payment; then hooks. */
$current_page = basename($PHP_SELF);
$checkout_position = array(
  'checkout_shipping.php' => 1,
  'checkout_payment.php' => 2,
  'checkout_confirmation.php' => 3,
  'checkout_process.php' => 4,
  'checkout_payment_iframe.php' => 4,
);
$checkout_step = isset($checkout_position[$current_page]) ? $checkout_position[$current_page] : 0;
if ($_SESSION['cart']->count_contents() < 1) {
  xtc_redirect(xtc_href_link(FILENAME_SHOPPING_CART));
}
if (!isset($_SESSION['customer_id'])) {
  xtc_redirect(xtc_href_link(FILENAME_LOGIN, '', 'SSL'));
}
if ($_SESSION['customers_status']['customers_status_show_price'] != '1') {
  xtc_redirect(xtc_href_link(FILENAME_DEFAULT, '', 'NONSSL'));
}
if (STOCK_CHECK == 'true' && STOCK_ALLOW_CHECKOUT != 'true'
    && (!isset($_SESSION['tmp_oID']) || !is_numeric($_SESSION['tmp_oID']))) {
  foreach ($_SESSION['cart']->get_products() as $product) {
    if ($product['stock'] - $product['quantity'] < 0) {
      $_SESSION['any_out_of_stock'] = 1;
      xtc_redirect(xtc_href_link(FILENAME_SHOPPING_CART));
    }
  }
}
if ($checkout_step >= 2) {
  if (isset($_SESSION['cartID']) && $_SESSION['cart']->cartID != $_SESSION['cartID']) {
    xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_SHIPPING, '', 'SSL'));
  }
  if (!isset($_SESSION['shipping'])) {
    xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_SHIPPING, '', 'SSL'));
  }
}
if ($checkout_step >= 3 && !isset($_SESSION['sendto'])) {
  xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'));
}
if ($checkout_step >= 4 && xtc_not_null(MODULE_PAYMENT_INSTALLED) && !isset($_SESSION['payment'])) {
  xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'));
}
foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/checkout/checkout_requirements/', 'php') as $file) require_once($file);
