<?php
/* Test double: minimal start page. */
include('includes/application_top.php');
$page_title = HEADING_START;
require(DIR_WS_INCLUDES . 'header.php');
echo '<p id="start">' . STORE_NAME . '</p>' . "\n";
echo '<p><a href="' . xtc_href_link(FILENAME_SHOPPING_CART) . '">' . HEADING_SHOPPING_CART . "</a></p>\n";
include('includes/application_bottom.php');
