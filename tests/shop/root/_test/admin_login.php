<?php
/* TEST ONLY — not part of the real shop. Logs in the admin (customer 2, customers_status 0) and redirects
   to admin/modules.php?set=payment. ?language= works as everywhere. */
chdir('../');
include('includes/application_top.php');
$_SESSION['customer_id'] = 2;
$customer_query = xtc_db_query("SELECT * FROM " . TABLE_CUSTOMERS . " WHERE customers_id = 2");
$customer = xtc_db_fetch_array($customer_query);
$_SESSION['customer_first_name'] = $customer['customers_firstname'];
$_SESSION['customer_last_name'] = $customer['customers_lastname'];
$_SESSION['customer_default_address_id'] = (int)$customer['customers_default_address_id'];
$_SESSION['account_type'] = 0;
shop_test_write_customers_status();
xtc_redirect(HTTP_SERVER . DIR_WS_ADMIN . 'modules.php?set=payment');
