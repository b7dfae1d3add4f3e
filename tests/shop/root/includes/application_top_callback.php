<?php
/* Test double of includes/application_top_callback.php (modified 3.3): defines RUN_MODE_CALLBACK; input
   filter, DB, configuration constants, hooks application_top_callback_begin, session (cookie MODsid),
   language, currency and customers status, Smarty class loaded, hooks application_top_callback_end.
   No xss_secure, no shop-offline check, no main language file, no cart object created, no $messageStack. */
// Like the real shop, the catalog and callback tops do not define _VALID_XTC (only the admin top does).
define('RUN_MODE_CALLBACK', true);

if (file_exists(dirname(__FILE__) . '/local/configure.php')) {
  include_once(dirname(__FILE__) . '/local/configure.php');
} else {
  include_once(dirname(__FILE__) . '/configure.php');
}

require_once(DIR_WS_MODULES . 'top_common.php');

foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/application_top_callback/application_top_callback_begin/', 'php') as $file) require($file);

require_once(DIR_WS_CLASSES . 'Smarty.php');
require_once(DIR_WS_CLASSES . 'shopping_cart.php');
include_once(DIR_WS_MODULES . 'set_session_and_cookie_parameters.php');
include_once(DIR_WS_MODULES . 'set_language_sessions.php');
include_once(DIR_WS_MODULES . 'set_currency_session.php');
shop_test_write_customers_status();

foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/application_top_callback/application_top_callback_end/', 'php') as $file) require($file);
