<?php
/* Test double of modified eCommerce 3.3 inc/xtc_get_uprid.inc.php (own code, same interface). */
function xtc_get_uprid($prid, $params = '') {
  return (string)$prid;
}
