<?php
/* Test double of modified eCommerce 3.3 inc/xtc_redirect.inc.php (own code, same interface). */
// entity-decode, SSL prefix swap, session write, DB close, exit
function xtc_redirect($url, $ssl = '') {
  global $request_type;
  $url = html_entity_decode($url, ENT_QUOTES, 'UTF-8');
  if ($request_type == 'SSL' && ENABLE_SSL === true && strpos($url, HTTP_SERVER) === 0) {
    $url = HTTPS_SERVER . substr($url, strlen(HTTP_SERVER));
  }
  if (function_exists('xtc_session_close')) {
    xtc_session_close();
  }
  xtc_db_close();
  header('Location: ' . preg_replace('/[\r\n]+(.*)$/i', '', $url));
  exit();
}
