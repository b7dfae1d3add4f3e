<?php
/* Test double of modified eCommerce 3.3 inc/xtc_draw_hidden_field.inc.php (own code, same interface). */
function xtc_draw_hidden_field($name, $value = '', $parameters = '') {
  return '<input type="hidden" name="' . htmlspecialchars($name, ENT_QUOTES) . '" value="' . htmlspecialchars((string)$value, ENT_QUOTES) . '"' . ($parameters != '' ? ' ' . $parameters : '') . ' />';
}
