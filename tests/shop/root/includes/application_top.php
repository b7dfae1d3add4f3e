<?php
/* Test double of includes/application_top.php (modified 3.3): configure.php by relative path, input filter,
   DB, configuration constants, hooks application_top_begin, session MODsid, language, main language file,
   currency, customers status, $xtPrice, cart, $messageStack, shop-offline redirect, hooks application_top_end.
   Not modelled: xss_secure.php IP blacklisting, cart actions on ?action=, tracking, $main/$product classes. */
// Like the real shop, the catalog and callback tops do not define _VALID_XTC (only the admin top does).

if (file_exists('includes/local/configure.php')) {
  include_once('includes/local/configure.php');
} else {
  include_once('includes/configure.php');
}

require_once(DIR_WS_MODULES . 'top_common.php');

foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/application_top/application_top_begin/', 'php') as $file) require($file);

require_once(DIR_WS_CLASSES . 'Smarty.php');
require_once(DIR_WS_CLASSES . 'shopping_cart.php');
include_once(DIR_WS_MODULES . 'set_session_and_cookie_parameters.php');
include_once(DIR_WS_MODULES . 'set_language_sessions.php');

require_once(DIR_WS_LANGUAGES . $_SESSION['language'] . '/' . $_SESSION['language'] . '.php');

include_once(DIR_WS_MODULES . 'set_currency_session.php');
shop_test_write_customers_status();

require_once(DIR_WS_CLASSES . 'xtcPrice.php');
$xtPrice = new xtcPrice($_SESSION['currency'], $_SESSION['customers_status']['customers_status_id']);

if (!isset($_SESSION['cart']) || !is_object($_SESSION['cart'])) {
  $_SESSION['cart'] = new shoppingCart();
}

require_once(DIR_WS_CLASSES . 'message_stack.php');
$messageStack = new messageStack();

// shop offline (hook 25_shopoffline.php + header.php of the shop): non-admins are sent to the start page,
// which answers 503 with the offline text
if (DOWN_FOR_MAINTENANCE == 'true'
    && $_SESSION['customers_status']['customers_status_id'] != '0'
    && !defined('_MODIFIED_SHOP_LOGIN')
    && basename($PHP_SELF) != FILENAME_LOGIN && basename($PHP_SELF) != FILENAME_LOGOFF) {
  $redirect_link = xtc_href_link(FILENAME_DEFAULT);
  $current_path = preg_replace('/([^\?]*)(\?.*)/', '$1', $_SERVER['REQUEST_URI']);
  $start_path = str_replace(array(HTTP_SERVER, HTTPS_SERVER), '', preg_replace('/([^\?]*)(\?.*)/', '$1', $redirect_link));
  if ($start_path != $current_path) {
    header('Location: ' . preg_replace('/[\r\n]+(.*)$/i', '', html_entity_decode($redirect_link)));
    exit();
  }
  header('HTTP/1.1 503 Service Temporarily Unavailable');
  echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>' . STORE_NAME . '</title></head><body><h1>' . TEXT_SHOP_OFFLINE . '</h1></body></html>';
  xtc_session_close();
  exit();
}

foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/application_top/application_top_end/', 'php') as $file) require_once($file);
