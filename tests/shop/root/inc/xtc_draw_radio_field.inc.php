<?php
/* Test double of modified eCommerce 3.3 inc/xtc_draw_radio_field.inc.php (own code, same interface). */
function xtc_draw_radio_field($name, $value = '', $checked = false, $parameters = '') {
  return '<input type="radio" name="' . htmlspecialchars($name, ENT_QUOTES) . '" value="' . htmlspecialchars((string)$value, ENT_QUOTES) . '"' . ($checked ? ' checked="checked"' : '') . ($parameters != '' ? ' ' . $parameters : '') . ' />';
}
