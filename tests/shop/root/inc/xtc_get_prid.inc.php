<?php
/* Test double of modified eCommerce 3.3 inc/xtc_get_prid.inc.php (own code, same interface). */
function xtc_get_prid($uprid) {
  $pieces = explode('{', (string)$uprid);
  return is_numeric($pieces[0]) ? (int)$pieces[0] : false;
}
