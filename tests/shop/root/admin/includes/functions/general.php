<?php
/* Test double of admin/includes/functions/general.php + html_output.php: the configuration helpers a
   payment module uses in set_function/use_function, xtc_get_languages(), the admin xtc_draw_form() with the
   CSRF field, objectInfo and the info box. Own code, same names and signatures. */

function xtc_draw_form($name, $action, $parameters = '', $method = 'post', $params = '') {
  $form = '<form name="' . $name . '" id="' . $name . '" action="' . xtc_href_link($action, $parameters) . '" method="' . $method . '"' . ($params != '' ? ' ' . $params : '') . '>';
  if (isset($_SESSION['CSRFName'], $_SESSION['CSRFToken'])) {
    $form .= xtc_draw_hidden_field($_SESSION['CSRFName'], $_SESSION['CSRFToken']);
  }
  return $form;
}

function xtc_draw_password_field($name, $value = '', $required = false) {
  return xtc_draw_input_field($name, $value, 'maxlength="40"', 'password', false);
}

function xtc_call_function($function, $parameter, $object = '') {
  if (empty($object)) {
    return call_user_func($function, $parameter);
  }
  return call_user_func(array($object, $function), $parameter);
}

function xtc_multi_lang_values($value) {
  if (defined('CFG_TXT_' . strtoupper($value))) {
    return constant('CFG_TXT_' . strtoupper($value));
  }
  switch ($value) {
    case 'true':
    case 'True':
      return CFG_TXT_YES;
    case 'false':
    case 'False':
      return CFG_TXT_NO;
  }
  return $value;
}

function xtc_cfg_select_option($select_array, $key_value, $key = '') {
  $name = $key ? 'configuration[' . $key . ']' : 'configuration_value';
  if (count($select_array) > 2) {
    $options = array();
    foreach ($select_array as $value) {
      $options[] = array('id' => $value, 'text' => xtc_multi_lang_values($value));
    }
    return xtc_draw_pull_down_menu($name, $options, $key_value);
  }
  $id = $key ? 'cfg_so_k_' . strtolower($key) : 'cfg_so_k';
  $string = '';
  foreach (array_values($select_array) as $i => $value) {
    $string .= '<input id="' . $id . ($i ? '_' . $i : '') . '" type="radio" name="' . $name . '" value="' . $value . '"' . ($key_value == $value ? ' checked' : '') . '>'
             . '<label for="' . $id . ($i ? '_' . $i : '') . '">' . xtc_multi_lang_values($value) . '</label><br />';
  }
  return $string;
}

function xtc_get_orders_status() {
  $result = array();
  $query = xtc_db_query("SELECT orders_status_id, orders_status_name FROM " . TABLE_ORDERS_STATUS . " WHERE language_id = '" . (int)$_SESSION['languages_id'] . "' ORDER BY sort_order");
  while ($row = xtc_db_fetch_array($query)) {
    $result[] = array('id' => $row['orders_status_id'], 'text' => $row['orders_status_name']);
  }
  return $result;
}

function xtc_cfg_pull_down_order_statuses($order_status_id, $key = '') {
  $name = $key ? 'configuration[' . $key . ']' : 'configuration_value';
  $statuses = array();
  foreach (xtc_get_orders_status() as $status) {
    $statuses[] = array('id' => $status['id'], 'text' => $status['text'] . ($status['id'] == DEFAULT_ORDERS_STATUS_ID ? ' (' . TEXT_DEFAULT . ')' : ''));
  }
  return xtc_draw_pull_down_menu($name, $statuses, $order_status_id);
}

function xtc_get_order_status_name($order_status_id, $language_id = '') {
  if ($order_status_id < 1) {
    return TEXT_DEFAULT;
  }
  if (!is_numeric($language_id)) {
    $language_id = $_SESSION['languages_id'];
  }
  $query = xtc_db_query("SELECT orders_status_name FROM " . TABLE_ORDERS_STATUS . " WHERE orders_status_id = '" . (int)$order_status_id . "' AND language_id = '" . (int)$language_id . "'");
  $row = xtc_db_fetch_array($query);
  return is_array($row) ? $row['orders_status_name'] : '';
}

function xtc_cfg_display_orders_statuses($statuses) {
  $names = array();
  foreach (explode(',', (string)$statuses) as $id) {
    if ($id !== '') {
      $names[] = xtc_get_order_status_name($id);
    }
  }
  return implode(', ', $names);
}

function xtc_cfg_pull_down_zone_classes($zone_class_id, $key = '') {
  $name = $key ? 'configuration[' . $key . ']' : 'configuration_value';
  $zones = array(array('id' => '0', 'text' => TEXT_NONE));
  $query = xtc_db_query("SELECT geo_zone_id, geo_zone_name FROM " . TABLE_GEO_ZONES . " ORDER BY geo_zone_name");
  while ($row = xtc_db_fetch_array($query)) {
    $zones[] = array('id' => $row['geo_zone_id'], 'text' => $row['geo_zone_name']);
  }
  return xtc_draw_pull_down_menu($name, $zones, $zone_class_id);
}

function xtc_get_zone_class_title($zone_class_id) {
  if ($zone_class_id == '0') {
    return TEXT_NONE;
  }
  $query = xtc_db_query("SELECT geo_zone_name FROM " . TABLE_GEO_ZONES . " WHERE geo_zone_id = '" . (int)$zone_class_id . "'");
  $row = xtc_db_fetch_array($query);
  return is_array($row) ? $row['geo_zone_name'] : '';
}

function xtc_cfg_textarea($text, $key = '') {
  $name = $key ? 'configuration[' . $key . ']' : 'configuration_value';
  return xtc_draw_textarea_field($name, false, 35, 5, $text);
}

function xtc_cfg_multi_checkbox($format, $separator, $checked, $key = '') {
  $name = $key ? 'configuration[' . $key . '][]' : 'configuration_value[]';
  if (preg_match("'chr\(([0-9]{1,3})\)'", $separator, $matches)) {
    $separator = chr($matches[1]);
  }
  $checked_boxes = explode($separator, (string)$checked);
  $format_array = (!is_array($format) && function_exists($format)) ? (array)$format() : (array)$format;
  $boxes = '';
  foreach ($format_array as $k => $value) {
    if (is_array($value)) {
      $k = isset($value['id']) ? $value['id'] : $k;
      $value = isset($value['text']) ? $value['text'] : $value;
    }
    $boxes .= '<label>' . xtc_draw_checkbox_field($name, $k, in_array($k, $checked_boxes)) . $value . '</label><br>';
  }
  return $boxes;
}

function xtc_cfg_password_field($parameters, $name = '%s') {
  return xtc_draw_password_field(sprintf($name, $parameters[1]), $parameters[0]);
}

function xtc_cfg_password_field_module($cfg_value, $cfg_key) {
  return xtc_cfg_password_field(array($cfg_value, $cfg_key), 'configuration[%s]');
}

function xtc_cfg_display_password($cfg_value) {
  return '**********';
}

function xtc_cfg_pull_down_country_list($country_id, $key = '') {
  $name = $key ? 'configuration[' . $key . ']' : 'configuration_value';
  $countries = array();
  $query = xtc_db_query("SELECT countries_id, countries_name FROM " . TABLE_COUNTRIES . " ORDER BY countries_name");
  while ($row = xtc_db_fetch_array($query)) {
    $countries[] = array('id' => $row['countries_id'], 'text' => $row['countries_name']);
  }
  return xtc_draw_pull_down_menu($name, $countries, $country_id);
}

// languages: id, name, code, image, directory (status_admin or all)
function xtc_get_languages() {
  $languages = array();
  $query = xtc_db_query("SELECT languages_id, name, code, image, directory FROM " . TABLE_LANGUAGES . " ORDER BY sort_order");
  while ($row = xtc_db_fetch_array($query)) {
    $languages[] = array('id' => $row['languages_id'], 'name' => $row['name'], 'code' => $row['code'], 'image' => $row['image'], 'directory' => $row['directory']);
  }
  return $languages;
}

function get_module_configuration_sorting($array, $sort_order) {
  $sort_order = (int)$sort_order * 1000;
  while (isset($array[$sort_order])) {
    $sort_order++;
  }
  return $sort_order;
}

#[\AllowDynamicProperties]
class objectInfo {
  function __construct($object_array) {
    foreach ($object_array as $key => $value) {
      $this->$key = $value;
    }
  }
}

class box {
  function infoBox($heading, $contents) {
    $html = '<div class="infoBoxHeading">';
    foreach ($heading as $h) {
      $html .= $h['text'];
    }
    $html .= "</div>\n";
    $form = isset($contents['form']) ? $contents['form'] : '';
    unset($contents['form']);
    $html .= $form . '<div class="infoBoxContent">';
    foreach ($contents as $row) {
      if (is_array($row)) {
        if (isset($row['text'])) {
          $html .= '<div>' . $row['text'] . '</div>' . "\n";
        } else {
          foreach ($row as $sub) {
            if (is_array($sub) && isset($sub['text'])) {
              $html .= '<div>' . $sub['text'] . '</div>' . "\n";
            }
          }
        }
      }
    }
    $html .= '</div>' . ($form != '' ? '</form>' : '');
    return $html;
  }
}
