<?php
/* Test double of modified eCommerce 3.3 inc/xtc_href_link.inc.php (own code, same interface). */
// xtc_href_link: server by connection, DIR_WS_CATALOG (or DIR_WS_ADMIN in admin), session id only when
// SESSION_FORCE_COOKIE_USE is 'False', a session runs, no bot and no usable cookie; & -> &amp; in the catalog.
function xtc_href_link($page = '', $parameters = '', $connection = 'NONSSL', $add_session_id = true, $search_engine_safe = true, $urlencode = false, $admin = false) {
  global $request_type, $session_started, $truncate_session_id, $cookie;
  $parameters = str_replace('&amp;', '&', (string)$parameters);
  $link = ($connection == 'SSL' && (ENABLE_SSL || $request_type == 'SSL')) ? HTTPS_SERVER : HTTP_SERVER;
  if (defined('RUN_MODE_ADMIN') && $admin === false) {
    $link .= DIR_WS_ADMIN;
    $page = ($page == '') ? FILENAME_START : $page;
  } else {
    $link .= DIR_WS_CATALOG;
    $page = ($page == FILENAME_DEFAULT && !xtc_not_null($parameters)) ? '' : $page;
  }
  $link .= $page;
  $separator = '?';
  if (xtc_not_null($parameters)) {
    $link .= '?' . $parameters;
    $separator = '&';
  }
  $link = rtrim($link, '&?');
  if ((!isset($truncate_session_id) || $truncate_session_id === false)
      && $add_session_id === true
      && isset($session_started) && $session_started === true
      && (SESSION_FORCE_COOKIE_USE == 'False' && ($admin === true || (isset($cookie) && $cookie === false)))) {
    $link .= $separator . xtc_session_name() . '=' . xtc_session_id();
  }
  if ($admin === false && !defined('RUN_MODE_ADMIN')) {
    $link = ($urlencode !== false) ? encode_htmlentities($link) : str_replace('&', '&amp;', $link);
  }
  return $link;
}

function xtc_href_link_admin($page = '', $parameters = '', $connection = 'NONSSL', $add_session_id = true, $search_engine_safe = true, $urlencode = false) {
  return xtc_href_link($page, $parameters, $connection, $add_session_id, $search_engine_safe, $urlencode, true);
}
