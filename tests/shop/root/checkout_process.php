<?php
/* Test double of checkout_process.php (modified 3.3), step by step as the shop:
   1 SESSION_FORCE_COOKIE_USE 'False', application_top, checkout requirements
   2 new payment($_SESSION['payment']), shipping, new order()
   3 before_process() on every request, then the order totals
   4 numeric $_SESSION['tmp_oID'] -> return pass: $tmp = false, $insert_id = tmp_oID
   5 else $tmp = isset(form_action_url) && tmpOrders; insert orders (tmpStatus in temp mode, else
     info['order_status']), tmp_oID = insert id, orders_total, one history row, products, stock decrement, hooks
   6 temp mode: second history row with tmpStatus, payment_action(); core then only tests if (!$tmp)
   7 final pass: disable products, before_send_order() (true suppresses the mail), customer_notified on the
     newest history row when SEND_EMAILS, send_order.php, after_process(), cart reset, session keys removed,
     hook checkout_process_end, redirect to checkout_success.php. */
define('SESSION_FORCE_COOKIE_USE', 'False');
include('includes/application_top.php');
require_once(DIR_FS_INC . 'ip_clearing.inc.php');
$smarty = new Smarty();
require(DIR_WS_INCLUDES . 'checkout_requirements.php');

require_once(DIR_WS_CLASSES . 'payment.php');
$payment_modules = new payment($_SESSION['payment']);
if (!isset($_SESSION['shipping'])) {
  xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_SHIPPING, '', 'SSL'));
}
require_once(DIR_WS_CLASSES . 'shipping.php');
$shipping_modules = new shipping($_SESSION['shipping']);
require_once(DIR_WS_CLASSES . 'order.php');
$order = new order();

$payment_modules->before_process();

require_once(DIR_WS_CLASSES . 'order_total.php');
$order_total_modules = new order_total();
$order_totals = $order_total_modules->process();

if (isset($_SESSION['tmp_oID']) && is_numeric($_SESSION['tmp_oID'])) {
  $tmp = false;
  $insert_id = $_SESSION['tmp_oID'];
} else {
  $selected = (is_string($_SESSION['payment']) && isset($GLOBALS[$_SESSION['payment']])) ? $GLOBALS[$_SESSION['payment']] : null;
  if (is_object($selected) && isset($selected->form_action_url) && $selected->tmpOrders) {
    $tmp = true;
    $orders_status_id = $selected->tmpStatus;
  } else {
    $tmp = false;
  }

  $sql_data_array = array(
    'customers_id' => $_SESSION['customer_id'],
    'customers_name' => $order->customer['firstname'] . ' ' . $order->customer['lastname'],
    'customers_firstname' => $order->customer['firstname'],
    'customers_lastname' => $order->customer['lastname'],
    'customers_gender' => $order->customer['gender'],
    'customers_cid' => $order->customer['csID'],
    'customers_status' => $_SESSION['customers_status']['customers_status_id'],
    'customers_status_name' => $_SESSION['customers_status']['customers_status_name'],
    'customers_status_image' => $_SESSION['customers_status']['customers_status_image'],
    'customers_status_discount' => '0.00',
    'customers_company' => $order->customer['company'],
    'customers_street_address' => $order->customer['street_address'],
    'customers_suburb' => $order->customer['suburb'],
    'customers_city' => $order->customer['city'],
    'customers_postcode' => $order->customer['postcode'],
    'customers_state' => $order->customer['state'],
    'customers_country' => $order->customer['country']['title'],
    'customers_telephone' => $order->customer['telephone'],
    'customers_email_address' => $order->customer['email_address'],
    'customers_country_iso_code_2' => $order->customer['country']['iso_code_2'],
    'customers_address_format_id' => $order->customer['format_id'],
    'delivery_name' => $order->delivery['firstname'] . ' ' . $order->delivery['lastname'],
    'delivery_firstname' => $order->delivery['firstname'],
    'delivery_lastname' => $order->delivery['lastname'],
    'delivery_gender' => $order->delivery['gender'],
    'delivery_company' => $order->delivery['company'],
    'delivery_street_address' => $order->delivery['street_address'],
    'delivery_suburb' => $order->delivery['suburb'],
    'delivery_city' => $order->delivery['city'],
    'delivery_postcode' => $order->delivery['postcode'],
    'delivery_state' => $order->delivery['state'],
    'delivery_country' => $order->delivery['country']['title'],
    'delivery_country_iso_code_2' => $order->delivery['country']['iso_code_2'],
    'delivery_address_format_id' => $order->delivery['format_id'],
    'billing_name' => $order->billing['firstname'] . ' ' . $order->billing['lastname'],
    'billing_firstname' => $order->billing['firstname'],
    'billing_lastname' => $order->billing['lastname'],
    'billing_gender' => $order->billing['gender'],
    'billing_company' => $order->billing['company'],
    'billing_street_address' => $order->billing['street_address'],
    'billing_suburb' => $order->billing['suburb'],
    'billing_city' => $order->billing['city'],
    'billing_postcode' => $order->billing['postcode'],
    'billing_state' => $order->billing['state'],
    'billing_country' => $order->billing['country']['title'],
    'billing_country_iso_code_2' => $order->billing['country']['iso_code_2'],
    'billing_address_format_id' => $order->billing['format_id'],
    'payment_method' => $order->info['payment_method'],
    'payment_class' => $order->info['payment_class'],
    'shipping_method' => $order->info['shipping_method'],
    'shipping_class' => $order->info['shipping_class'],
    'date_purchased' => 'now()',
    'orders_status' => ($tmp == true) ? $orders_status_id : $order->info['order_status'],
    'currency' => $order->info['currency'],
    'currency_value' => $order->info['currency_value'],
    'account_type' => isset($_SESSION['account_type']) ? $_SESSION['account_type'] : 0,
    'conversion_type' => 1,
    'customers_ip' => ip_clearing(xtc_get_ip_address()),
    'language' => $_SESSION['language'],
    'languages_id' => (int)$_SESSION['languages_id'],
    'comments' => $order->info['comments'],
    'content_type' => $order->content_type,
  );
  xtc_db_perform(TABLE_ORDERS, $sql_data_array);
  $insert_id = xtc_db_insert_id();
  $_SESSION['tmp_oID'] = $insert_id;

  for ($i = 0, $n = sizeof($order_totals); $i < $n; $i++) {
    xtc_db_perform(TABLE_ORDERS_TOTAL, array(
      'orders_id' => $insert_id,
      'title' => $order_totals[$i]['title'],
      'text' => $order_totals[$i]['text'],
      'value' => $order_totals[$i]['value'],
      'class' => $order_totals[$i]['code'],
      'sort_order' => $order_totals[$i]['sort_order'],
    ));
  }

  xtc_db_perform(TABLE_ORDERS_STATUS_HISTORY, array(
    'orders_id' => $insert_id,
    'orders_status_id' => $order->info['order_status'],
    'date_added' => 'now()',
    'customer_notified' => 0,
    'comments' => $order->info['comments'],
  ));

  $_SESSION['disable_products'] = array();
  for ($i = 0, $n = sizeof($order->products); $i < $n; $i++) {
    if (STOCK_LIMITED == 'true') {
      $stock_query = xtc_db_query("SELECT products_quantity FROM " . TABLE_PRODUCTS . " WHERE products_id = '" . xtc_get_prid($order->products[$i]['id']) . "'");
      if (xtc_db_num_rows($stock_query) > 0) {
        $stock_values = xtc_db_fetch_array($stock_query);
        $stock_left = $stock_values['products_quantity'] - $order->products[$i]['qty'];
        if ($stock_left < 1 && STOCK_CHECKOUT_UPDATE_PRODUCTS_STATUS == 'true') {
          $_SESSION['disable_products'][] = xtc_get_prid($order->products[$i]['id']);
        }
        xtc_db_query("UPDATE " . TABLE_PRODUCTS . " SET products_quantity = '" . $stock_left . "' WHERE products_id = '" . xtc_get_prid($order->products[$i]['id']) . "'");
      }
    }
    xtc_db_query("UPDATE " . TABLE_PRODUCTS . " SET products_ordered = products_ordered + " . (float)$order->products[$i]['qty'] . " WHERE products_id = '" . xtc_get_prid($order->products[$i]['id']) . "'");

    $sql_data_array = array(
      'orders_id' => $insert_id,
      'products_id' => xtc_get_prid($order->products[$i]['id']),
      'products_model' => $order->products[$i]['model'],
      'products_ean' => $order->products[$i]['ean'],
      'products_name' => $order->products[$i]['name'],
      'products_price' => $order->products[$i]['price'],
      'products_price_origin' => $order->products[$i]['price_origin'],
      'products_shipping_time' => strip_tags($order->products[$i]['shipping_time']),
      'products_discount_made' => $order->products[$i]['discount_allowed'],
      'final_price' => $order->products[$i]['final_price'],
      'products_tax' => $order->products[$i]['tax'],
      'products_quantity' => $order->products[$i]['qty'],
      'allow_tax' => $order->info['allow_tax'],
      'products_order_description' => $order->products[$i]['order_description'],
      'products_weight' => $order->products[$i]['weight'],
      'products_weight_origin' => $order->products[$i]['weight_origin'],
    );
    foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/checkout/checkout_process_products/', 'php') as $file) require($file);
    xtc_db_perform(TABLE_ORDERS_PRODUCTS, $sql_data_array);
    $order_products_id = xtc_db_insert_id();
    $order_total_modules->update_credit_account($i);
    foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/checkout/checkout_process_products_end/', 'php') as $file) require($file);
  }

  foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/checkout/checkout_process_order/', 'php') as $file) require($file);

  if ($tmp) {
    xtc_db_perform(TABLE_ORDERS_STATUS_HISTORY, array(
      'orders_id' => $insert_id,
      'orders_status_id' => $orders_status_id,
      'date_added' => 'now()',
    ));
    $payment_modules->payment_action();
  }
}

if (!$tmp) {
  if (isset($_SESSION['disable_products']) && count($_SESSION['disable_products']) > 0) {
    xtc_db_query("UPDATE " . TABLE_PRODUCTS . " SET products_status = '0' WHERE products_id IN (" . implode(', ', $_SESSION['disable_products']) . ")");
  }
  $order_total_modules->apply_credit();

  $disable_send_order = $payment_modules->before_send_order();
  if ($disable_send_order !== true) {
    if (SEND_EMAILS == 'true') {
      $orders_status_history_query = xtc_db_query("SELECT orders_status_history_id FROM " . TABLE_ORDERS_STATUS_HISTORY . "
                                                    WHERE orders_id = '" . (int)$insert_id . "'
                                                 ORDER BY orders_status_history_id DESC LIMIT 1");
      $orders_status_history = xtc_db_fetch_array($orders_status_history_query);
      xtc_db_query("UPDATE " . TABLE_ORDERS_STATUS_HISTORY . " SET customer_notified = 1
                     WHERE orders_status_history_id = '" . (is_array($orders_status_history) ? $orders_status_history['orders_status_history_id'] : 0) . "'");
    }
    include(DIR_FS_CATALOG . 'send_order.php');
  }

  $payment_modules->after_process();

  $_SESSION['cart']->reset(true);
  unset($_SESSION['sendto'], $_SESSION['billto'], $_SESSION['shipping'], $_SESSION['payment'], $_SESSION['comments'],
        $_SESSION['last_order'], $_SESSION['tmp_oID'], $_SESSION['cc'], $_SESSION['disable_products']);
  $last_order = $insert_id;
  if (isset($_SESSION['credit_covers'])) {
    unset($_SESSION['credit_covers']);
  }
  $order_total_modules->clear_posts();

  foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/checkout/checkout_process_end/', 'php') as $file) require($file);

  xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_SUCCESS, '', 'SSL'));
}
