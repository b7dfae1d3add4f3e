<?php
/* Test double of includes/functions/sessions.php (files storage only). */
function xtc_session_start() {
  return session_start();
}
function xtc_session_id($sessid = '') {
  if ($sessid != '') {
    return session_id($sessid);
  }
  return session_id();
}
function xtc_session_name($name = '') {
  if ($name != '') {
    return session_name($name);
  }
  return session_name();
}
function xtc_session_close() {
  if (session_status() == PHP_SESSION_ACTIVE) {
    session_write_close();
  }
}
function xtc_session_destroy() {
  return session_destroy();
}
function xtc_session_save_path($path = '') {
  if ($path != '') {
    return session_save_path($path);
  }
  return session_save_path();
}
