<?php
/* TEST ONLY — not part of the real shop. Starts a checkout in one request: logs in customer 1, sets
   ?language=de|en|fr|es, ?currency=EUR|USD|JPY|KWD, ?country=<ISO-2 billing+delivery country> (default DE),
   fills the cart from ?products=1:2,2:1 (product:quantity; default 1:1), sets shipping (flat), sendto, billto,
   cartID, clears payment/tmp_oID/comments, and redirects to checkout_payment.php. */
chdir('../');
include('includes/application_top.php');

$_SESSION['customer_id'] = 1;
$customer_query = xtc_db_query("SELECT * FROM " . TABLE_CUSTOMERS . " WHERE customers_id = 1");
$customer = xtc_db_fetch_array($customer_query);
$_SESSION['customer_first_name'] = $customer['customers_firstname'];
$_SESSION['customer_last_name'] = $customer['customers_lastname'];
$_SESSION['customer_default_address_id'] = (int)$customer['customers_default_address_id'];
$_SESSION['account_type'] = (int)$customer['account_type'];
shop_test_write_customers_status();

$address_id = (int)$customer['customers_default_address_id'];
$country = (isset($_GET['country']) && is_string($_GET['country'])) ? strtoupper(substr($_GET['country'], 0, 2)) : 'DE';
$country_query = xtc_db_query("SELECT countries_id FROM " . TABLE_COUNTRIES . " WHERE countries_iso_code_2 = '" . xtc_db_input($country) . "'");
$country_row = xtc_db_fetch_array($country_query);
if (!is_array($country_row)) {
  header('HTTP/1.1 400 Bad Request');
  die('unknown country');
}
$_SESSION['customer_country_id'] = (int)$country_row['countries_id'];
if ($country != 'DE') {
  // an extra address of customer 1 in that country, used as billing and delivery address
  $base_query = xtc_db_query("SELECT * FROM " . TABLE_ADDRESS_BOOK . " WHERE address_book_id = '" . $address_id . "'");
  $base = xtc_db_fetch_array($base_query);
  xtc_db_perform(TABLE_ADDRESS_BOOK, array(
    'customers_id' => 1, 'entry_gender' => $base['entry_gender'], 'entry_firstname' => $base['entry_firstname'],
    'entry_lastname' => $base['entry_lastname'], 'entry_street_address' => $base['entry_street_address'],
    'entry_postcode' => $base['entry_postcode'], 'entry_city' => $base['entry_city'], 'entry_country_id' => (int)$country_row['countries_id'],
  ));
  $address_id = (int)xtc_db_insert_id();
}

$_SESSION['cart']->reset(true);
$products = (isset($_GET['products']) && is_string($_GET['products'])) ? $_GET['products'] : '1:1';
foreach (explode(',', $products) as $item) {
  $parts = explode(':', $item);
  $_SESSION['cart']->add_cart((int)$parts[0], isset($parts[1]) ? (int)$parts[1] : 1);
}
$_SESSION['cartID'] = $_SESSION['cart']->cartID;
$_SESSION['sendto'] = $address_id;
$_SESSION['billto'] = $address_id;
$_SESSION['shipping'] = array('id' => 'flat_flat', 'title' => MODULE_SHIPPING_FLAT_TEXT_TITLE . ' (' . MODULE_SHIPPING_FLAT_TEXT_WAY . ')', 'cost' => (double)MODULE_SHIPPING_FLAT_COST);
unset($_SESSION['payment'], $_SESSION['tmp_oID'], $_SESSION['comments'], $_SESSION['billing_zone']);
xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'));
