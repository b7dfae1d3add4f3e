<?php
/* Test double of checkout_success.php: the customer's newest order within SESSION_LIFE_CUSTOMERS seconds
   (not an id from the session), new payment(<payment_class>), success() blocks shown as PAYMENT_INFO. */
include('includes/application_top.php');
if (!isset($_SESSION['customer_id'])) {
  xtc_redirect(xtc_href_link(FILENAME_SHOPPING_CART), 'NONSSL');
}
$orders_query = xtc_db_query("SELECT orders_id FROM " . TABLE_ORDERS . "
                               WHERE customers_id = '" . (int)$_SESSION['customer_id'] . "'
                                 AND unix_timestamp(date_purchased) > (unix_timestamp(now()) - '" . (int)SESSION_LIFE_CUSTOMERS . "')
                            ORDER BY orders_id DESC LIMIT 1");
if (xtc_db_num_rows($orders_query) < 1) {
  xtc_redirect(xtc_href_link(FILENAME_SHOPPING_CART), 'NONSSL');
}
require_once(DIR_WS_CLASSES . 'order.php');
$smarty = new Smarty();
$orders = xtc_db_fetch_array($orders_query);
$order = new order($orders['orders_id']);
$last_order = $orders['orders_id'];
require_once(DIR_WS_CLASSES . 'payment.php');
$payment_modules = new payment($order->info['payment_class']);
$payment_info = $payment_modules->success();

$page_title = HEADING_CHECKOUT_SUCCESS;
require(DIR_WS_INCLUDES . 'header.php');
echo '<div id="order_number">' . TEXT_ORDER_NUMBER . ': <span id="orders_id">' . (int)$last_order . "</span></div>\n";
if (is_array($payment_info)) {
  foreach ($payment_info as $block) {
    echo '<div class="payment_info ' . (isset($block['class']) ? htmlspecialchars($block['class']) : '') . '"><h2>' . (isset($block['title']) ? $block['title'] : '') . '</h2>';
    if (isset($block['fields']) && is_array($block['fields'])) {
      foreach ($block['fields'] as $field) {
        echo '<div class="field"><span class="title">' . (isset($field['title']) ? $field['title'] : '') . '</span> ' . (isset($field['field']) ? $field['field'] : '') . '</div>';
      }
    }
    echo "</div>\n";
  }
}
include('includes/application_bottom.php');
