<?php
/* Test double of modified eCommerce 3.3 inc/xtc_not_null.inc.php (own code, same interface). */
function xtc_not_null($value) {
  if (is_array($value)) {
    return count($value) > 0;
  }
  if (is_object($value)) {
    return true;
  }
  return $value !== null && $value !== false && trim((string)$value) != '' && strtolower(trim((string)$value)) != 'null';
}
