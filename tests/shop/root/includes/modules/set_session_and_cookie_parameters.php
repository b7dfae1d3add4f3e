<?php
/* Test double of includes/modules/set_session_and_cookie_parameters.php (files storage).
   Cookie MODsid: path DIR_WS_CATALOG, httponly, secure only when HTTP_SERVER == HTTPS_SERVER on SSL, SameSite Lax.
   When SESSION_FORCE_COOKIE_USE != 'True': a POST MODsid is used; a GET MODsid only on SSL requests
   (and only if no cookie came or it differs). Bot user agents (CHECK_CLIENT_AGENT) get no session and a
   URL carrying MODsid is 301-redirected without it. */
xtc_session_name('MODsid');
xtc_session_save_path(SESSION_WRITE_DIRECTORY);
@ini_set('session.gc_maxlifetime', (string)(defined('RUN_MODE_ADMIN') ? SESSION_LIFE_ADMIN : SESSION_LIFE_CUSTOMERS));
@ini_set('session.use_cookies', '1');
@ini_set('session.use_trans_sid', '0');
session_set_cookie_params(array(
  'lifetime' => 0,
  'path' => defined('RUN_MODE_ADMIN') ? DIR_WS_CATALOG : DIR_WS_CATALOG,
  'domain' => '',
  'secure' => (HTTP_SERVER == HTTPS_SERVER && $request_type == 'SSL'),
  'httponly' => true,
  'samesite' => 'Lax',
));

// the session id must be a valid PHP id; anything else is ignored (PHP would warn on session_start)
$session_id_valid = function ($id) {
  return is_string($id) && preg_match('/^[a-zA-Z0-9,-]{22,256}$/', $id) === 1;
};
if (SESSION_FORCE_COOKIE_USE != 'True') {
  if (isset($_POST[xtc_session_name()])) {
    if ($session_id_valid($_POST[xtc_session_name()])) {
      xtc_session_id($_POST[xtc_session_name()]);
    }
  } elseif ($request_type == 'SSL' && isset($_GET[xtc_session_name()])) {
    if (!isset($_COOKIE[xtc_session_name()]) || $_GET[xtc_session_name()] != $_COOKIE[xtc_session_name()]) {
      if ($session_id_valid($_GET[xtc_session_name()])) {
        xtc_session_id($_GET[xtc_session_name()]);
      }
    }
  }
}
if (isset($_COOKIE[xtc_session_name()]) && !$session_id_valid($_COOKIE[xtc_session_name()]) && session_id() == '') {
  unset($_COOKIE[xtc_session_name()]);
  session_id(session_create_id());
}

$session_started = false;
$truncate_session_id = false;
if (CHECK_CLIENT_AGENT == 'true' && xtc_check_agent() == 1) {
  $truncate_session_id = true;
  if (stripos($_SERVER['REQUEST_URI'], xtc_session_name()) !== false) {
    $clean = preg_replace('/([?&])' . xtc_session_name() . '=[^&]*(&|$)/i', '$1', $_SERVER['REQUEST_URI']);
    header('Location: ' . rtrim($clean, '?&'), true, 301);
    exit();
  }
} else {
  $session_started = xtc_session_start();
}

// a cookie counts when it came with the request (HTTP and HTTPS share the domain in the double)
$cookie = isset($_COOKIE[xtc_session_name()]);
