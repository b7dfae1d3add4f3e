<?php
/* Test double: admin start page. */
require('includes/application_top.php');
echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>' . TEXT_ADMIN_START . '</title></head><body><h1>' . TEXT_ADMIN_START . '</h1>';
echo '<p><a href="' . xtc_href_link(FILENAME_MODULES, 'set=payment') . '">' . HEADING_TITLE_MODULES_PAYMENT . '</a> | <a href="' . xtc_href_link(FILENAME_ORDERS) . '">' . HEADING_TITLE_ORDERS . "</a></p></body></html>\n";
xtc_session_close();
