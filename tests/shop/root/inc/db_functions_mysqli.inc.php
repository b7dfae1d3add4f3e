<?php
/* Test double: the mysqli DB helpers of modified 3.3 (same signatures, same failure behaviour:
   an SQL error returns false and raises E_USER_WARNING; nothing throws). Own code. */

function xtc_db_connect($server = DB_SERVER, $username = DB_SERVER_USERNAME, $password = DB_SERVER_PASSWORD, $database = DB_DATABASE, $link = 'db_link') {
  global ${$link};
  mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
  // DB_SERVER is host[:port[:socket]] as in the real configure.php
  $parts = explode(':', $server);
  try {
    ${$link} = mysqli_connect($parts[0], $username, $password, null,
      (isset($parts[1]) && $parts[1] != '') ? (int)$parts[1] : null,
      (isset($parts[2]) && $parts[2] != '') ? $parts[2] : null);
    mysqli_select_db(${$link}, $database);
  } catch (Exception $ex) {
    xtc_db_error('connect', $ex->getCode(), $ex->getMessage());
    return false;
  }
  xtc_db_query("SET time_zone = '" . date('P') . "'");
  xtc_db_query("SET SESSION sql_mode=''");
  defined('DB_SERVER_CHARSET') or define('DB_SERVER_CHARSET', 'utf8');
  mysqli_set_charset(${$link}, DB_SERVER_CHARSET);
  defined('DB_SERVER_ENGINE') or define('DB_SERVER_ENGINE', 'MyISAM');
  xtc_db_query("SET default_storage_engine = " . DB_SERVER_ENGINE);
  return ${$link};
}

function xtc_db_close($link = 'db_link') {
  global ${$link};
  if (is_object(${$link})) {
    try {
      $result = mysqli_close(${$link});
      ${$link} = null;
      return $result;
    } catch (Throwable $ex) {}
  }
  return false;
}

function xtc_db_error($query, $errno, $error) {
  if (defined('EMAIL_SQL_ERRORS') && EMAIL_SQL_ERRORS == 'true') {
    // the real shop mails the owner here; the double never mails
  }
  trigger_error('SQL Error: ' . $errno . ' - ' . $error . ' | Query: ' . $query, E_USER_WARNING);
}

function xtc_db_query($query, $link = 'db_link') {
  global ${$link};
  if (!is_object(${$link})) {
    xtc_db_error($query, 0, 'no database connection');
    return false;
  }
  try {
    return mysqli_query(${$link}, $query);
  } catch (Exception $ex) {
    xtc_db_error($query, $ex->getCode(), $ex->getMessage());
    return false;
  }
}

function xtc_db_fetch_array(&$db_query, $cq = false, $result_type = MYSQLI_ASSOC) {
  if (is_object($db_query)) {
    try {
      return mysqli_fetch_array($db_query, $result_type);
    } catch (Throwable $ex) {}
  }
  return false;
}

function xtc_db_num_rows($db_query, $cq = false) {
  if (is_object($db_query)) {
    try {
      return mysqli_num_rows($db_query);
    } catch (Throwable $ex) {}
  }
  return false;
}

function xtc_db_data_seek($db_query, $row_number, $cq = false) {
  if (is_object($db_query)) {
    try {
      return mysqli_data_seek($db_query, $row_number);
    } catch (Throwable $ex) {}
  }
  return false;
}

function xtc_db_insert_id($link = 'db_link') {
  global ${$link};
  if (is_object(${$link})) {
    try {
      return mysqli_insert_id(${$link});
    } catch (Throwable $ex) {}
  }
  return null;
}

function xtc_db_affected_rows($link = 'db_link') {
  global ${$link};
  if (is_object(${$link})) {
    try {
      return mysqli_affected_rows(${$link});
    } catch (Throwable $ex) {}
  }
  return null;
}

function xtc_db_free_result($db_query) {
  if (is_object($db_query)) {
    mysqli_free_result($db_query);
  }
}

function xtc_db_input($string, $link = 'db_link') {
  global ${$link};
  if ($string === '' || $string === null) {
    return $string;
  }
  if (is_object(${$link})) {
    return mysqli_real_escape_string(${$link}, (string)$string);
  }
  return addslashes((string)$string);
}
