<?php
/* Test double of modified eCommerce 3.3 inc/xtc_get_all_get_params.inc.php (own code, same interface). */
function xtc_get_all_get_params($exclude_array = array()) {
  $exclude = array_merge((array)$exclude_array, array(xtc_session_name(), 'error', 'x', 'y'));
  $params = '';
  foreach ($_GET as $key => $value) {
    if (!in_array($key, $exclude) && is_string($value) && $value != '') {
      $params .= rawurlencode($key) . '=' . rawurlencode($value) . '&';
    }
  }
  return $params;
}
