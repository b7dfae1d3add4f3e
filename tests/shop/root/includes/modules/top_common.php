<?php
/* Test double, shared by application_top.php and application_top_callback.php: input filter, includes,
   DB connection, configuration constants. Expects configure.php to be loaded. Own code. */

defined('DEFAULT_TIMEZONE') or define('DEFAULT_TIMEZONE', 'Europe/Berlin');
date_default_timezone_set(DEFAULT_TIMEZONE);
$_SERVER['REQUEST_URI'] = isset($_SERVER['REQUEST_URI']) ? $_SERVER['REQUEST_URI'] : '';

// the shop's input filter: same damage to $_GET, $_POST, $_REQUEST ($_COOKIE and php://input untouched)
require_once(DIR_FS_INC . 'html_encoding.php');
require_once(DIR_WS_CLASSES . 'class.inputfilter.php');
$InputFilter = new InputFilter();
$_GET = $InputFilter->process($_GET);
$_POST = $InputFilter->process($_POST);
$_REQUEST = $InputFilter->process($_REQUEST);
$_GET = $InputFilter->safeSQL($_GET);
$_POST = $InputFilter->safeSQL($_POST);
$_REQUEST = $InputFilter->safeSQL($_REQUEST);

require_once(DIR_FS_INC . 'auto_include.inc.php');
require_once(DIR_WS_INCLUDES . 'filenames.php');
define('PROJECT_VERSION', 'modified eCommerce Shopsoftware');

$request_type = (isset($_SERVER['HTTPS']) && ($_SERVER['HTTPS'] == 'on' || $_SERVER['HTTPS'] == '1')) ? 'SSL' : 'NONSSL';
$PHP_SELF = isset($_SERVER['SCRIPT_NAME']) ? $_SERVER['SCRIPT_NAME'] : '';

require_once(DIR_WS_INCLUDES . 'database_tables.php');
require_once(DIR_FS_INC . 'db_functions_' . DB_MYSQL_TYPE . '.inc.php');
require_once(DIR_FS_INC . 'db_functions.inc.php');
foreach (array('xtc_not_null', 'xtc_href_link', 'xtc_redirect', 'xtc_php_mail', 'xtc_draw_form', 'xtc_draw_hidden_field',
               'xtc_draw_input_field', 'xtc_draw_checkbox_field', 'xtc_draw_radio_field', 'xtc_draw_pull_down_menu',
               'xtc_draw_textarea_field', 'xtc_image_submit', 'xtc_get_all_get_params', 'xtc_get_ip_address',
               'xtc_setcookie', 'xtc_check_agent', 'xtc_get_prid', 'xtc_get_uprid') as $inc) {
  require_once(DIR_FS_INC . $inc . '.inc.php');
}
require_once(DIR_WS_FUNCTIONS . 'sessions.php');
require_once(DIR_WS_FUNCTIONS . 'customers_status.php');

xtc_db_connect() or die('Unable to connect to database server!');

foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/functions/', 'php') as $file) require_once($file);

// every configuration row becomes a constant after stripslashes(); an already defined constant wins
$configuration_query = xtc_db_query("SELECT configuration_key, configuration_value FROM " . TABLE_CONFIGURATION);
while ($configuration = xtc_db_fetch_array($configuration_query)) {
  defined($configuration['configuration_key']) or define($configuration['configuration_key'], stripslashes($configuration['configuration_value']));
}
