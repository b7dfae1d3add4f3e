<?php
/* Test double of modified eCommerce 3.3 inc/ip_clearing.inc.php (own code, same interface). */
function ip_clearing($ip) {
  return (string)$ip;
}
