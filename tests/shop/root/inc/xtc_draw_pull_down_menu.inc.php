<?php
/* Test double of modified eCommerce 3.3 inc/xtc_draw_pull_down_menu.inc.php (own code, same interface). */
function xtc_draw_pull_down_menu($name, $values, $default = '', $parameters = '', $required = false) {
  $field = '<select name="' . htmlspecialchars($name, ENT_QUOTES) . '"' . ($parameters != '' ? ' ' . $parameters : '') . '>';
  foreach ($values as $value) {
    $field .= '<option value="' . htmlspecialchars((string)$value['id'], ENT_QUOTES) . '"' . ((string)$value['id'] == (string)$default ? ' selected="selected"' : '') . '>' . htmlspecialchars((string)$value['text'], ENT_QUOTES) . '</option>';
  }
  return $field . '</select>';
}
