<?php
/* Test double of modified eCommerce 3.3 inc/xtc_image_submit.inc.php (own code, same interface). */
function xtc_image_submit($image, $alt = '', $parameters = '') {
  return '<input type="submit" value="' . htmlspecialchars($alt, ENT_QUOTES) . '"' . ($parameters != '' ? ' ' . $parameters : '') . ' />';
}

function xtc_image_button($image, $alt = '', $parameters = '') {
  return '<span class="button"' . ($parameters != '' ? ' ' . $parameters : '') . '>' . htmlspecialchars($alt, ENT_QUOTES) . '</span>';
}

function xtc_image($src, $alt = '', $width = '', $height = '', $parameters = '') {
  return '<img src="' . htmlspecialchars($src, ENT_QUOTES) . '" alt="' . htmlspecialchars($alt, ENT_QUOTES) . '"' . ($parameters != '' ? ' ' . $parameters : '') . ' />';
}
