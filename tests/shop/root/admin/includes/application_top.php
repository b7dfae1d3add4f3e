<?php
/* Test double of admin/includes/application_top.php (modified 3.3): RUN_MODE_ADMIN, configure.php, DB,
   configuration constants, the shop's session, admin language file, admin rights (customers_status_id '0'),
   CSRF: a POST without the right token in field $_SESSION['CSRFName'] loses $_POST and $_GET['action'] /
   ['saction'] (warning shown); every non-POST request makes a fresh pair. Admin input filter: only `action`
   (to [0-9a-zA-Z_-]) and `oID` (numeric) are normalised; no entity decoding, no stripslashes.
   Not modelled: admin_access per page (every admin may open every page), the admin menu. */
define('_VALID_XTC', true);
define('RUN_MODE_ADMIN', true);

if (file_exists('../includes/local/configure.php')) {
  include_once('../includes/local/configure.php');
} else {
  include_once('../includes/configure.php');
}
defined('DEFAULT_TIMEZONE') or define('DEFAULT_TIMEZONE', 'Europe/Berlin');
date_default_timezone_set(DEFAULT_TIMEZONE);

if (isset($_GET['action']) && is_string($_GET['action'])) {
  $_GET['action'] = preg_replace('/[^0-9a-zA-Z_-]/', '', $_GET['action']);
}
if (isset($_GET['oID'])) {
  $_GET['oID'] = (int)$_GET['oID'];
}

require_once(DIR_FS_INC . 'html_encoding.php');
require_once(DIR_FS_INC . 'auto_include.inc.php');
require_once(DIR_FS_CATALOG . 'includes/filenames.php');
require_once(DIR_FS_CATALOG . 'includes/database_tables.php');
require_once(DIR_FS_INC . 'db_functions_' . DB_MYSQL_TYPE . '.inc.php');
require_once(DIR_FS_INC . 'db_functions.inc.php');
foreach (array('xtc_not_null', 'xtc_href_link', 'xtc_redirect', 'xtc_php_mail', 'xtc_draw_hidden_field', 'xtc_draw_input_field',
               'xtc_draw_checkbox_field', 'xtc_draw_radio_field', 'xtc_draw_pull_down_menu', 'xtc_draw_textarea_field',
               'xtc_image_submit', 'xtc_get_all_get_params', 'xtc_get_ip_address', 'xtc_setcookie', 'xtc_check_agent',
               'xtc_get_prid', 'xtc_get_uprid') as $inc) {
  require_once(DIR_FS_INC . $inc . '.inc.php');
}
require_once(DIR_FS_CATALOG . 'includes/functions/sessions.php');
require_once(DIR_FS_CATALOG . 'includes/functions/customers_status.php');
require_once(DIR_FS_ADMIN . 'includes/functions/general.php');

$request_type = (isset($_SERVER['HTTPS']) && ($_SERVER['HTTPS'] == 'on' || $_SERVER['HTTPS'] == '1')) ? 'SSL' : 'NONSSL';
$PHP_SELF = isset($_SERVER['SCRIPT_NAME']) ? $_SERVER['SCRIPT_NAME'] : '';
$_SERVER['REQUEST_URI'] = isset($_SERVER['REQUEST_URI']) ? $_SERVER['REQUEST_URI'] : '';

xtc_db_connect() or die('Unable to connect to database server!');
$configuration_query = xtc_db_query("SELECT configuration_key, configuration_value FROM " . TABLE_CONFIGURATION);
while ($configuration = xtc_db_fetch_array($configuration_query)) {
  defined($configuration['configuration_key']) or define($configuration['configuration_key'], stripslashes($configuration['configuration_value']));
}

require_once(DIR_FS_CATALOG . 'includes/classes/Smarty.php');
require_once(DIR_FS_CATALOG . 'includes/classes/shopping_cart.php');
include_once(DIR_FS_CATALOG . 'includes/modules/set_session_and_cookie_parameters.php');
include_once(DIR_FS_CATALOG . 'includes/modules/set_language_sessions.php');
include_once(DIR_FS_CATALOG . 'includes/modules/set_currency_session.php');
require_once(DIR_FS_LANGUAGES . $_SESSION['language'] . '/admin/' . $_SESSION['language'] . '.php');
shop_test_write_customers_status();

require_once(DIR_FS_CATALOG . 'includes/classes/message_stack.php');
$messageStack = new messageStack();

if (!isset($_SESSION['customer_id']) || $_SESSION['customers_status']['customers_status_id'] !== '0') {
  xtc_redirect(xtc_href_link(FILENAME_LOGIN, '', 'SSL', true, true, false, true));
}

// CSRF token (inc/csrf_token.inc.php)
if (CSRF_TOKEN_SYSTEM == 'true') {
  $csrf_excluded = array();
  foreach (auto_include(DIR_FS_ADMIN . 'includes/extra/csrf_exclusion/', 'php') as $file) require($file);
  if (!in_array(basename($PHP_SELF), $csrf_excluded)) {
    if ($_SERVER['REQUEST_METHOD'] == 'POST') {
      $csrf_ok = isset($_SESSION['CSRFName'], $_SESSION['CSRFToken'])
                 && isset($_POST[$_SESSION['CSRFName']]) && is_string($_POST[$_SESSION['CSRFName']])
                 && hash_equals($_SESSION['CSRFToken'], $_POST[$_SESSION['CSRFName']]);
      if (!$csrf_ok) {
        $_POST = array();
        unset($_GET['action'], $_GET['saction']);
        $messageStack->add(CSRF_TOKEN_MANIPULATION, 'warning');
      }
    } else {
      $_SESSION['CSRFName'] = 'x' . substr(bin2hex(random_bytes(8)), 0, 5);
      $_SESSION['CSRFToken'] = bin2hex(random_bytes(16));
    }
  }
}

$smarty = new Smarty();
