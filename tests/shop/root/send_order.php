<?php
/* Test double of send_order.php: only for the order's own customer (or $send_by_admin); replaces the global
   $order with new order($insert_id) like the shop; payment title via payment::payment_title() in the order's
   language (fatal if the module lacks _TEXT_TITLE); hooks send_order/data and send_order/mail; the mail is
   written to test_mails (xtc_php_mail double) when SEND_EMAILS is 'true' (or sent by admin). */
if (preg_match('#' . basename(__FILE__) . '#', $_SERVER['PHP_SELF'])) {
  die('Direct Access to this location is not allowed.');
}
$order_query_check = xtc_db_query("SELECT customers_id FROM " . TABLE_ORDERS . " WHERE orders_id = '" . (int)$insert_id . "'");
$order_check = xtc_db_fetch_array($order_query_check);
if ((isset($_SESSION['customer_id']) && is_array($order_check) && $_SESSION['customer_id'] == $order_check['customers_id'])
    || (isset($send_by_admin) && $send_by_admin == true)) {
  require_once(DIR_FS_CATALOG . 'includes/classes/order.php');
  $order = new order($insert_id);
  $smarty->assign('oID', $order->info['order_id']);
  $smarty->assign('language', $order->info['language']);
  $payment_method = $payment_class = '';
  if ($order->info['payment_method'] != '' && $order->info['payment_method'] != 'no_payment') {
    require_once(DIR_FS_CATALOG . 'includes/classes/payment.php');
    $payment_method = payment::payment_title($order->info['payment_method'], $order->info['order_id'], $order->info['language']);
    $payment_class = $order->info['payment_class'];
  }
  $smarty->assign('PAYMENT_METHOD', $payment_method);
  $smarty->assign('PAYMENT_CLASS', $payment_class);
  $smarty->assign('NAME', $order->customer['name']);
  $smarty->assign('EMAIL', $order->customer['email_address']);
  $smarty->assign('COMMENTS', $order->info['comments']);

  foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/send_order/data/', 'php') as $file) require($file);

  $lines = array(EMAIL_ORDER_GREETING, TEXT_ORDER_NUMBER . ': ' . $order->info['order_id'], TEXT_PAYMENT_METHOD . ': ' . $payment_method);
  foreach ($order->products as $product) {
    $lines[] = $product['qty'] . ' x ' . $product['name'] . ' (' . $product['model'] . ') ' . $product['final_price'] . ' ' . $order->info['currency'];
  }
  foreach ($order->totals as $total) {
    $lines[] = strip_tags($total['title']) . ' ' . strip_tags($total['text']);
  }
  $payment_info_html = $smarty->getTemplateVars('PAYMENT_INFO_HTML');
  $payment_info_txt = $smarty->getTemplateVars('PAYMENT_INFO_TXT');
  $html_mail = '<p>' . implode('<br />', $lines) . '</p>' . ($payment_info_html ? '<div class="payment_info">' . $payment_info_html . '</div>' : '');
  $txt_mail = strip_tags(implode("\n", $lines)) . ($payment_info_txt ? "\n" . $payment_info_txt : '');
  $order_subject = sprintf(EMAIL_ORDER_SUBJECT, STORE_NAME, $insert_id);

  foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/send_order/mail/', 'php') as $file) require($file);

  if (SEND_EMAILS == 'true' || (isset($send_by_admin) && $send_by_admin == true)) {
    xtc_php_mail(STORE_OWNER_EMAIL_ADDRESS, STORE_NAME, $order->customer['email_address'], $order->customer['name'], '',
                 STORE_OWNER_EMAIL_ADDRESS, STORE_NAME, '', '', $order_subject, $html_mail, $txt_mail, (int)$insert_id);
  }
}
