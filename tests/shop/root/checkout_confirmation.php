<?php
/* Test double of checkout_confirmation.php (modified 3.3): $_SESSION['payment'] from POST, conditions check,
   new payment(<code>), new order(), update_status(), redirect with ERROR_NO_PAYMENT_MODULE_SELECTED when the
   module is missing or disabled, pre_confirmation_check(), totals, confirmation() fields, process_button()
   inside the form. Form action: form_action_url only if set and tmpOrders falsy, else checkout_process.php. */
define('SESSION_FORCE_COOKIE_USE', 'False');
include('includes/application_top.php');
$smarty = new Smarty();
require(DIR_WS_INCLUDES . 'checkout_requirements.php');

if (isset($_POST['payment'])) {
  $_SESSION['payment'] = xtc_db_prepare_input($_POST['payment']);
}
if (isset($_POST['comments_added']) && $_POST['comments_added'] != '') {
  $_SESSION['comments'] = xtc_db_prepare_input($_POST['comments']);
}
if (SIGN_CONDITIONS_ON_CHECKOUT == 'true') {
  if ((!isset($_POST['conditions']) || $_POST['conditions'] == false) && !isset($_GET['conditions'])) {
    $messageStack->add_session('checkout_payment', str_replace('\n', '<br />', ERROR_CONDITIONS_NOT_ACCEPTED));
    xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'));
  }
}

require_once(DIR_WS_CLASSES . 'payment.php');
if (!isset($_SESSION['payment'])) {
  $messageStack->add_session('checkout_payment', ERROR_NO_PAYMENT_MODULE_SELECTED);
  xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'));
}
$payment_modules = new payment($_SESSION['payment']);
require_once(DIR_WS_CLASSES . 'order_total.php');
require_once(DIR_WS_CLASSES . 'order.php');
$order = new order();
$payment_modules->update_status();
$order_total_modules = new order_total();
$order_total_modules->collect_posts();
$order_total_modules->pre_confirmation_check();

$selected = (is_string($_SESSION['payment']) && isset($GLOBALS[$_SESSION['payment']])) ? $GLOBALS[$_SESSION['payment']] : null;
if ((is_array($payment_modules->modules) && sizeof($payment_modules->modules) > 0 && !isset($_SESSION['credit_covers']) && !is_object($selected))
    || (is_object($selected) && $selected->enabled == false)) {
  $messageStack->add_session('global', ERROR_NO_PAYMENT_MODULE_SELECTED);
  xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'));
}

if (is_array($payment_modules->modules)) {
  $payment_modules->pre_confirmation_check();
}
require_once(DIR_WS_CLASSES . 'shipping.php');
$shipping_modules = new shipping($_SESSION['shipping']);
$order_total_modules->process();

$payment_method_title = '';
if ($order->info['payment_method'] != 'no_payment' && $order->info['payment_method'] != '') {
  $payment_method_title = $payment_modules::payment_title($order->info['payment_method']);
}
$payment_information = '';
if (is_array($payment_modules->modules) && ($confirmation = $payment_modules->confirmation())) {
  $payment_information = isset($confirmation['fields']) ? $confirmation['fields'] : '';
}

$selected = (is_string($_SESSION['payment']) && isset($GLOBALS[$_SESSION['payment']])) ? $GLOBALS[$_SESSION['payment']] : null;
if (is_object($selected) && isset($selected->form_action_url) && (!isset($selected->tmpOrders) || !$selected->tmpOrders)) {
  $form_action_url = $selected->form_action_url;
} else {
  $form_action_url = xtc_href_link(FILENAME_CHECKOUT_PROCESS, '', 'SSL');
}
$module_buttons = is_array($payment_modules->modules) ? $payment_modules->process_button() : '';

$page_title = HEADING_CHECKOUT_CONFIRMATION;
require(DIR_WS_INCLUDES . 'header.php');
echo '<div id="checkout_confirmation_messages">' . $messageStack->output('checkout_confirmation') . '</div>' . "\n";
echo '<table id="products">';
foreach ($order->products as $product) {
  echo '<tr><td>' . $product['qty'] . ' x</td><td>' . htmlspecialchars($product['name']) . '</td><td>' . $xtPrice->xtcFormat($product['final_price'], true) . '</td></tr>';
}
echo "</table>\n";
echo '<table id="totals">' . $order_total_modules->output() . "</table>\n";
echo '<div id="payment_method">' . TEXT_PAYMENT_METHOD . ': ' . $payment_method_title . "</div>\n";
if (is_array($payment_information)) {
  echo '<div id="payment_information">';
  foreach ($payment_information as $field) {
    echo '<div class="field"><span class="title">' . (isset($field['title']) ? $field['title'] : '') . '</span> ' . (isset($field['field']) ? $field['field'] : '') . '</div>';
  }
  echo "</div>\n";
}
echo xtc_draw_form('checkout_confirmation', $form_action_url, 'post', 'name="checkout_confirmation"') . "\n";
echo $module_buttons . "\n";
echo xtc_image_submit('button_confirm_order.gif', IMAGE_BUTTON_CONFIRM_ORDER, 'id="button_checkout_confirmation"') . "\n</form>\n";
echo '<a id="back" href="' . xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL') . '">' . IMAGE_BUTTON_BACK . "</a>\n";
include('includes/application_bottom.php');
