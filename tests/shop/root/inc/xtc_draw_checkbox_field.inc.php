<?php
/* Test double of modified eCommerce 3.3 inc/xtc_draw_checkbox_field.inc.php (own code, same interface). */
function xtc_draw_checkbox_field($name, $value = '', $checked = false, $parameters = '') {
  return '<input type="checkbox" name="' . htmlspecialchars($name, ENT_QUOTES) . '" value="' . htmlspecialchars((string)$value, ENT_QUOTES) . '"' . ($checked ? ' checked="checked"' : '') . ($parameters != '' ? ' ' . $parameters : '') . ' />';
}
