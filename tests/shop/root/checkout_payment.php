<?php
/* Test double of checkout_payment.php (modified 3.3): unsets tmp_oID, billing zone, all enabled payment
   modules, get_error() of the module named by ?payment_error (only when the total is > 0), selection(). */
define('SESSION_FORCE_COOKIE_USE', 'False');
include('includes/application_top.php');
require_once(DIR_FS_INC . 'xtc_address_label.inc.php');
$smarty = new Smarty();
require(DIR_WS_INCLUDES . 'checkout_requirements.php');

unset($_SESSION['tmp_oID']);

if (!isset($_SESSION['billto'])) {
  $_SESSION['billto'] = $_SESSION['customer_default_address_id'];
} else {
  $check_address_query = xtc_db_query("SELECT count(*) AS total FROM " . TABLE_ADDRESS_BOOK . "
                                        WHERE customers_id = '" . (int)$_SESSION['customer_id'] . "'
                                          AND address_book_id = '" . (int)$_SESSION['billto'] . "'");
  $check_address = xtc_db_fetch_array($check_address_query);
  if ($check_address['total'] != '1') {
    $_SESSION['billto'] = $_SESSION['customer_default_address_id'];
    unset($_SESSION['payment']);
  }
}
if (!isset($_SESSION['sendto']) || $_SESSION['sendto'] == '') {
  $_SESSION['sendto'] = $_SESSION['billto'];
}

require_once(DIR_WS_CLASSES . 'shipping.php');
$shipping_modules = new shipping($_SESSION['shipping']);
require_once(DIR_WS_CLASSES . 'order.php');
$order = new order();
if ($_SESSION['shipping'] == false || $_SESSION['shipping'] == '') {
  $messageStack->add_session('global', ERROR_NO_SHIPPING_MODULE_SELECTED);
  xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_SHIPPING, '', 'SSL'));
}
require_once(DIR_WS_CLASSES . 'order_total.php');
$order_total_modules = new order_total();

if ($order->billing['country']['iso_code_2'] != '') {
  $_SESSION['billing_zone'] = $order->billing['country']['iso_code_2'];
}

require_once(DIR_WS_CLASSES . 'payment.php');
$payment_modules = new payment();
$order_total = $order_total_modules->process();

$total = $xtPrice->xtcFormat($order->info['total'], false);
$error_message = '';
$selection = array();
if ($total > 0) {
  // the shop reads ${$_GET['payment_error']} directly; an unknown name yields no message
  $payment_error = (isset($_GET['payment_error']) && is_string($_GET['payment_error'])) ? $_GET['payment_error'] : '';
  if ($payment_error != '' && isset($GLOBALS[$payment_error]) && is_object($GLOBALS[$payment_error])
      && method_exists($GLOBALS[$payment_error], 'get_error')
      && ($error = $GLOBALS[$payment_error]->get_error())) {
    if (isset($error['error'])) {
      $error_message = encode_htmlspecialchars(encode_utf8($error['error'], 'ISO-8859-15'));
    }
    if (isset($error['error_message'])) {
      $error_message = $error['error_message'];
    }
    $_SESSION['payment'] = $payment_error;
  }
  $selection = $payment_modules->selection();
}

$page_title = HEADING_CHECKOUT_PAYMENT;
require(DIR_WS_INCLUDES . 'header.php');
echo '<div id="checkout_payment_messages">' . $messageStack->output('checkout_payment') . '</div>' . "\n";
if ($error_message != '') {
  echo '<div class="error_message" id="payment_error">' . $error_message . '</div>' . "\n";
}
echo '<div id="address">' . xtc_address_label($_SESSION['customer_id'], $_SESSION['billto'], true, ' ', '<br />') . '</div>' . "\n";
echo xtc_draw_form('checkout_payment', xtc_href_link(FILENAME_CHECKOUT_CONFIRMATION, '', 'SSL'), 'post', 'onsubmit="return check_form_payment();"') . "\n";
echo '<table id="totals">' . $order_total_modules->output() . '</table>' . "\n";
echo '<div id="payment_modules">' . "\n";
foreach ($selection as $i => $module) {
  $checked = (isset($_SESSION['payment']) && $_SESSION['payment'] == $module['id']) || ($i == 0 && count($selection) == 1);
  echo '<div class="payment_module" id="payment_' . htmlspecialchars($module['id']) . '">';
  echo '<label>' . xtc_draw_radio_field('payment', $module['id'], $checked, 'id="rd-' . htmlspecialchars($module['id']) . '"') . ' ' . strip_tags($module['module']) . '</label>';
  if (isset($module['description']) && $module['description'] != '') {
    echo '<div class="description">' . $module['description'] . '</div>';
  }
  if (isset($module['error'])) {
    echo '<div class="error">' . $module['error'] . '</div>';
  } elseif (isset($module['fields']) && is_array($module['fields'])) {
    foreach ($module['fields'] as $field) {
      echo '<div class="field"><span class="title">' . (isset($field['title']) ? $field['title'] : '') . '</span> ' . (isset($field['field']) ? $field['field'] : '') . '</div>';
    }
  }
  echo "</div>\n";
}
echo "</div>\n";
echo '<textarea name="comments" rows="3" cols="40">' . htmlspecialchars(isset($_SESSION['comments']) ? $_SESSION['comments'] : '') . '</textarea>' . xtc_draw_hidden_field('comments_added', 'YES') . "\n";
if (DISPLAY_CONDITIONS_ON_CHECKOUT == 'true') {
  echo '<label>' . xtc_draw_checkbox_field('conditions', 'conditions', false, 'id="conditions"') . ' ' . TEXT_ACCEPT_CONDITIONS . '</label>' . "\n";
}
echo xtc_image_submit('button_continue.gif', IMAGE_BUTTON_CONTINUE, 'id="button_continue"') . "\n</form>\n";
include('includes/application_bottom.php');
