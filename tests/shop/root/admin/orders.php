<?php
/* Test double of admin/orders.php: ?oID=N&action=edit shows the order (catalog order class, so
   info['orders_status'] is the numeric id and info['payment_method'] the code) with the hook folders
   admin/includes/extra/modules/orders/orders_info_payment/ (inside the payment <table>), orders_info_blocks/
   and orders_info_blocks_end/; action=custom runs orders_action/ hooks ($order not loaded; hooks redirect). */
require('includes/application_top.php');
require_once(DIR_FS_CATALOG . 'includes/classes/order.php');
require_once(DIR_FS_CATALOG . 'includes/classes/payment.php');
require_once(DIR_FS_CATALOG . 'includes/classes/xtcPrice.php');

$oID = isset($_GET['oID']) ? (int)$_GET['oID'] : 0;
$action = isset($_GET['action']) ? $_GET['action'] : '';

if ($action == 'custom') {
  foreach (auto_include(DIR_FS_ADMIN . 'includes/extra/modules/orders/orders_action/', 'php') as $file) require($file);
  xtc_redirect(xtc_href_link(FILENAME_ORDERS, 'oID=' . $oID . '&action=edit'));
}

$lang_query = xtc_db_query("SELECT languages_id, name, code, directory FROM " . TABLE_LANGUAGES . " WHERE languages_id = '" . (int)$_SESSION['languages_id'] . "'");
$lang_array = xtc_db_fetch_array($lang_query);
$lang = $lang_array['languages_id'];
$lang_code = $lang_array['code'];
$orders_statuses = array();
$orders_status_array = array();
$status_query = xtc_db_query("SELECT orders_status_id, orders_status_name FROM " . TABLE_ORDERS_STATUS . " WHERE language_id = '" . (int)$lang . "' ORDER BY sort_order");
while ($status = xtc_db_fetch_array($status_query)) {
  $orders_statuses[] = array('id' => $status['orders_status_id'], 'text' => $status['orders_status_name']);
  $orders_status_array[$status['orders_status_id']] = $status['orders_status_name'];
}

header('Content-Type: text/html; charset=' . $_SESSION['language_charset']);
echo '<!DOCTYPE html><html><head><meta charset="' . $_SESSION['language_charset'] . '"><title>' . HEADING_TITLE_ORDERS . "</title></head><body>\n";
echo '<h1>' . HEADING_TITLE_ORDERS . "</h1>\n";
echo '<div id="messages">' . $messageStack->output_all() . "</div>\n";

$exists = xtc_db_num_rows(xtc_db_query("SELECT orders_id FROM " . TABLE_ORDERS . " WHERE orders_id = '" . $oID . "'")) > 0;
if ($action == 'edit' && $exists) {
  $order = new order($oID);
  $xtPrice = new xtcPrice($order->info['currency'], '');
  $currencies = $xtPrice;
  echo '<div id="order" data-oid="' . $oID . '">' . "\n";
  echo '<table id="payment_table"><tr><td>' . TEXT_ORDER_PAYMENT_METHOD . '</td><td id="payment_method">'
     . htmlspecialchars((string)payment::payment_title($order->info['payment_method'], $oID, $_SESSION['language'])) . ' (' . htmlspecialchars($order->info['payment_method']) . ")</td></tr>\n";
  foreach (auto_include(DIR_FS_ADMIN . 'includes/extra/modules/orders/orders_info_payment/', 'php') as $file) require($file);
  echo "</table>\n";
  echo '<div id="order_status">' . TEXT_ORDER_STATUS . ' <span data-status="' . (int)$order->info['orders_status'] . '">'
     . (isset($orders_status_array[$order->info['orders_status']]) ? $orders_status_array[$order->info['orders_status']] : '') . "</span></div>\n";
  echo '<table id="order_totals"><caption>' . TEXT_ORDER_TOTALS . '</caption>';
  foreach ($order->totals as $total) {
    echo '<tr class="' . htmlspecialchars($total['class']) . '"><td>' . $total['title'] . '</td><td>' . $total['text'] . '</td><td class="value">' . $total['value'] . '</td></tr>';
  }
  echo "</table>\n";
  foreach (auto_include(DIR_FS_ADMIN . 'includes/extra/modules/orders/orders_info_blocks/', 'php') as $file) require($file);
  echo '<table id="order_history"><caption>' . TEXT_ORDER_HISTORY . '</caption>';
  $history_query = xtc_db_query("SELECT orders_status_id, date_added, customer_notified, comments FROM " . TABLE_ORDERS_STATUS_HISTORY . " WHERE orders_id = '" . $oID . "' ORDER BY date_added, orders_status_history_id");
  while ($history = xtc_db_fetch_array($history_query)) {
    echo '<tr><td>' . $history['date_added'] . '</td><td>' . (isset($orders_status_array[$history['orders_status_id']]) ? $orders_status_array[$history['orders_status_id']] : $history['orders_status_id'])
       . '</td><td>' . (int)$history['customer_notified'] . '</td><td>' . nl2br(htmlspecialchars((string)$history['comments'])) . '</td></tr>';
  }
  echo "</table>\n";
  foreach (auto_include(DIR_FS_ADMIN . 'includes/extra/modules/orders/orders_info_blocks_end/', 'php') as $file) require($file);
  echo "</div>\n";
} elseif ($oID > 0) {
  echo '<p id="order_not_found">' . TEXT_ORDER_NOT_FOUND . "</p>\n";
} else {
  echo '<ul id="orders">';
  $list_query = xtc_db_query("SELECT orders_id, customers_name, orders_status, currency FROM " . TABLE_ORDERS . " ORDER BY orders_id DESC LIMIT 50");
  while ($row = xtc_db_fetch_array($list_query)) {
    echo '<li><a href="' . xtc_href_link(FILENAME_ORDERS, 'oID=' . $row['orders_id'] . '&action=edit') . '">' . (int)$row['orders_id'] . ' ' . htmlspecialchars($row['customers_name']) . '</a></li>';
  }
  echo "</ul>\n";
}
echo "</body></html>\n";
xtc_session_close();
