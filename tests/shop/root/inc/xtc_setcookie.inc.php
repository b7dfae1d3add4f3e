<?php
/* Test double of modified eCommerce 3.3 inc/xtc_setcookie.inc.php (own code, same interface). */
function xtc_setcookie($name, $value = '', $expire = 0, $path = '/', $domain = '', $secure = false, $httponly = false, $samesite = 'Lax') {
  return setcookie($name, $value, array('expires' => $expire, 'path' => $path, 'domain' => $domain, 'secure' => $secure, 'httponly' => $httponly, 'samesite' => $samesite));
}
