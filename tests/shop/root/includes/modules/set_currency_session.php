<?php
/* Test double of set_currency_session.php: ?currency=<code> switches to an active currency, else DEFAULT_CURRENCY. */
if (!isset($_SESSION['currency']) || isset($_GET['currency'])) {
  $wanted = (isset($_GET['currency']) && is_string($_GET['currency'])) ? strtoupper(substr(preg_replace('/[^a-zA-Z]/', '', $_GET['currency']), 0, 3)) : '';
  $check = xtc_db_query("SELECT code FROM " . TABLE_CURRENCIES . " WHERE code = '" . xtc_db_input($wanted) . "' AND status = '1'");
  $_SESSION['currency'] = (xtc_db_num_rows($check) > 0) ? $wanted : DEFAULT_CURRENCY;
}
