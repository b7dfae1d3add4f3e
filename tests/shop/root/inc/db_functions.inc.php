<?php
/* Test double: database helpers shared by all drivers (xtc_db_perform, xtc_db_prepare_input). Own code. */

function xtc_db_prepare_input($string) {
  if (is_string($string)) {
    return trim(stripslashes($string));
  } elseif (is_array($string)) {
    foreach ($string as $key => $value) {
      $string[$key] = xtc_db_prepare_input($value);
    }
  }
  return $string;
}

// values escaped and quoted, except the exact strings 'now()' and 'null'; columns and WHERE raw
function xtc_db_perform($table, $data, $action = 'insert', $parameters = '', $link = 'db_link') {
  $value_sql = function ($value) use ($link) {
    if ((string)$value === 'now()') {
      return 'now()';
    }
    if ((string)$value === 'null') {
      return 'null';
    }
    return "'" . xtc_db_input((string)$value, $link) . "'";
  };
  if (!is_array($data) || count($data) < 1) {
    return false;
  }
  if ($action == 'insert') {
    $columns = array();
    $values = array();
    foreach ($data as $column => $value) {
      $columns[] = $column;
      $values[] = $value_sql($value);
    }
    $query = 'INSERT INTO ' . $table . ' (' . implode(', ', $columns) . ') VALUES (' . implode(', ', $values) . ')';
  } elseif ($action == 'update') {
    $sets = array();
    foreach ($data as $column => $value) {
      $sets[] = $column . ' = ' . $value_sql($value);
    }
    $query = 'UPDATE ' . $table . ' SET ' . implode(', ', $sets) . ($parameters != '' ? ' WHERE ' . $parameters : '');
  } else {
    return false;
  }
  return xtc_db_query($query, $link);
}

// the real helper decodes cached rows; rows pass unchanged here
function xtc_db_data($data) {
  return $data;
}
