<?php
/* Test double: no password login; tests log in through _test/checkout.php or _test/admin_login.php. */
include('includes/application_top.php');
$page_title = HEADING_LOGIN;
require(DIR_WS_INCLUDES . 'header.php');
echo '<p id="login">' . HEADING_LOGIN . "</p>\n";
include('includes/application_bottom.php');
