<?php
/* Test double of modified eCommerce 3.3 inc/xtc_draw_input_field.inc.php (own code, same interface). */
function xtc_draw_input_field($name, $value = '', $parameters = '', $type = 'text', $reinsert_value = true) {
  return '<input type="' . $type . '" name="' . htmlspecialchars($name, ENT_QUOTES) . '" value="' . htmlspecialchars((string)$value, ENT_QUOTES) . '"' . ($parameters != '' ? ' ' . $parameters : '') . ' />';
}
