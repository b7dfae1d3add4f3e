<?php
/* Test double: the $_SESSION['customers_status'] array (write_customers_status.php) for a status id. */
function shop_test_customers_status($status_id) {
  $query = xtc_db_query("SELECT * FROM " . TABLE_CUSTOMERS_STATUS . " WHERE customers_status_id = '" . (int)$status_id . "'
                          AND language_id = '" . (int)(isset($_SESSION['languages_id']) ? $_SESSION['languages_id'] : 1) . "'");
  $row = xtc_db_fetch_array($query);
  if (!is_array($row)) {
    $row = array('customers_status_id' => (int)$status_id, 'customers_status_name' => '', 'customers_status_image' => '',
                 'customers_status_show_price' => 1, 'customers_status_show_price_tax' => 1,
                 'customers_status_payment_unallowed' => '', 'customers_status_min_order' => 0, 'customers_status_max_order' => 0);
  }
  return array(
    'customers_status_id' => (string)$row['customers_status_id'],
    'customers_status_name' => $row['customers_status_name'],
    'customers_status_image' => (string)$row['customers_status_image'],
    'customers_status_show_price' => (string)$row['customers_status_show_price'],
    'customers_status_show_price_tax' => (string)$row['customers_status_show_price_tax'],
    'customers_status_payment_unallowed' => (string)$row['customers_status_payment_unallowed'],
    'customers_status_shipping_unallowed' => '',
    'customers_status_min_order' => (int)$row['customers_status_min_order'],
    'customers_status_max_order' => (int)$row['customers_status_max_order'],
    'customers_status_ot_discount_flag' => '0',
    'customers_status_ot_discount' => '0.00',
    'customers_status_specials' => '0',
    'customers_status_discount' => '0.00',
  );
}

function shop_test_write_customers_status() {
  if (isset($_SESSION['customer_id'])) {
    $query = xtc_db_query("SELECT customers_status FROM " . TABLE_CUSTOMERS . " WHERE customers_id = '" . (int)$_SESSION['customer_id'] . "'");
    $row = xtc_db_fetch_array($query);
    $status = is_array($row) ? $row['customers_status'] : DEFAULT_CUSTOMERS_STATUS_ID_GUEST;
  } else {
    $status = DEFAULT_CUSTOMERS_STATUS_ID_GUEST;
  }
  $_SESSION['customers_status'] = shop_test_customers_status($status);
}
