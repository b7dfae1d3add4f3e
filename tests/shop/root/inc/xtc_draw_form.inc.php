<?php
/* Test double of modified eCommerce 3.3 inc/xtc_draw_form.inc.php (own code, same interface). */
// catalog form helper (admin has its own with the CSRF field)
function xtc_draw_form($name, $action, $method = 'post', $parameters = '') {
  return '<form id="' . $name . '" action="' . $action . '" method="' . $method . '"' . ($parameters != '' ? ' ' . $parameters : '') . '>';
}
