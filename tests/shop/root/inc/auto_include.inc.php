<?php
/* Test double of modified eCommerce 3.3 inc/auto_include.inc.php (own code, same interface). */
// every file with the extension in $dir, natural sort (like the shop's auto_include)
function auto_include($dir, $ext = 'php', $pattern = '*') {
  $files = glob(rtrim($dir, '/') . '/' . $pattern . '.' . $ext);
  if (!is_array($files)) {
    return array();
  }
  $files = array_filter($files, 'is_file');
  natsort($files);
  return array_values($files);
}
