<?php
/* Test double of modified eCommerce 3.3 inc/html_encoding.php (own code, same interface). */
// Test double of inc/html_encoding.php: default charset ISO-8859-15 while no session charset is known.
define('ENCODE_DEFINED_CHARSETS', 'ASCII,UTF-8,ISO-8859-1,ISO-8859-15,cp866,cp1251,cp1252,KOI8-R,GB18030,SJIS,EUC-JP');
define('ENCODE_DEFAULT_CHARSET', 'ISO-8859-15');

function get_supported_charset() {
  return explode(',', strtoupper(ENCODE_DEFINED_CHARSETS));
}

function get_default_charset() {
  if (isset($_SESSION['language_charset']) && in_array(strtoupper($_SESSION['language_charset']), get_supported_charset())) {
    return strtoupper($_SESSION['language_charset']);
  }
  return ENCODE_DEFAULT_CHARSET;
}

function get_default_encoding($encoding = '') {
  if ($encoding != '' && in_array(strtoupper($encoding), get_supported_charset())) {
    return strtoupper($encoding);
  }
  return get_default_charset();
}

function encode_htmlentities($string, $flags = ENT_COMPAT, $encoding = '') {
  return empty($string) ? $string : htmlentities($string, $flags, get_default_encoding($encoding));
}

function encode_htmlspecialchars($string, $flags = ENT_COMPAT, $encoding = '') {
  return empty($string) ? $string : htmlspecialchars($string, $flags, get_default_encoding($encoding));
}

function decode_htmlentities($string, $flags = ENT_COMPAT, $encoding = '') {
  return empty($string) ? $string : html_entity_decode($string, $flags, get_default_encoding($encoding));
}

function decode_htmlspecialchars($string, $flags = ENT_COMPAT, $encoding = '') {
  return empty($string) ? $string : htmlspecialchars_decode($string, $flags);
}

// like the shop: only converts when the session charset is utf-8 (or forced)
function encode_utf8($string, $encoding = '', $force_utf8 = false) {
  $session_utf8 = isset($_SESSION['language_charset']) && strtolower($_SESSION['language_charset']) == 'utf-8';
  if (!empty($string) && ($session_utf8 || $force_utf8 === true)) {
    if ($encoding != '' && in_array(strtoupper($encoding), get_supported_charset())) {
      $from = strtoupper($encoding);
    } else {
      $from = mb_check_encoding($string, 'UTF-8') ? 'UTF-8' : 'ISO-8859-15';
    }
    if ($from == 'UTF-8' && mb_check_encoding($string, 'UTF-8')) {
      return $string;
    }
    return mb_convert_encoding($string, 'UTF-8', $from);
  }
  return $string;
}

function decode_utf8($string, $encoding = '', $force_utf8 = false) {
  $session_utf8 = isset($_SESSION['language_charset']) && strtolower($_SESSION['language_charset']) == 'utf-8';
  if (!$session_utf8 || $force_utf8 === true) {
    if (mb_check_encoding($string, 'UTF-8')) {
      return mb_convert_encoding($string, get_default_encoding($encoding), 'UTF-8');
    }
  }
  return $string;
}
