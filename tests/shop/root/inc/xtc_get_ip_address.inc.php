<?php
/* Test double of modified eCommerce 3.3 inc/xtc_get_ip_address.inc.php (own code, same interface). */
function xtc_get_ip_address() {
  foreach (array('HTTP_X_FORWARDED_FOR', 'HTTP_CLIENT_IP', 'REMOTE_ADDR') as $key) {
    if (isset($_SERVER[$key]) && $_SERVER[$key] != '') {
      $ips = explode(',', $_SERVER[$key]);
      $ip = trim($ips[0]);
      if (filter_var($ip, FILTER_VALIDATE_IP) !== false) {
        return $ip;
      }
    }
  }
  return 'unknown';
}
