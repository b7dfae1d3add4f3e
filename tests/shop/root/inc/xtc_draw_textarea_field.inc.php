<?php
/* Test double of modified eCommerce 3.3 inc/xtc_draw_textarea_field.inc.php (own code, same interface). */
function xtc_draw_textarea_field($name, $wrap, $width, $height, $text = '', $parameters = '', $reinsert_value = true) {
  return '<textarea name="' . htmlspecialchars($name, ENT_QUOTES) . '" cols="' . (int)$width . '" rows="' . (int)$height . '"' . ($parameters != '' ? ' ' . $parameters : '') . '>' . htmlspecialchars((string)$text, ENT_QUOTES) . '</textarea>';
}
