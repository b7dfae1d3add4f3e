<?php
/* Test double of admin/modules.php (modified 3.3) for set=payment:
   list (every *.php in includes/modules/payment/, natural sort; language file then module file; class name cut
   at the FIRST dot; the first listed module is selected when no module= is given), MODULE_PAYMENT_INSTALLED
   rebuilt on every list display (installed = check() > 0, ordered by sort_order, written only if changed),
   "update needed" note for installed modules with undefined keys(), info box with titles from
   constant(<KEY>_TITLE) / <KEY>_DESC (fatal Error when missing, as in the shop) and use_function,
   actions install (GET), edit (set_function in its three forms), save (POST configuration[KEY]; arrays with
   string keys -> k::v||k::v, others joined with ','), remove (&box=1) -> removeconfirm (POST), update
   (the module's message), custom. Backup/restore are not modelled. */
require('includes/application_top.php');
require_once(DIR_FS_CATALOG . 'includes/classes/xtcPrice.php');
$xtPrice = new xtcPrice($_SESSION['currency'], '');

$set = isset($_GET['set']) ? strip_tags($_GET['set']) : 'payment';
$module_class = isset($_GET['module']) ? strip_tags($_GET['module']) : '';
$box = isset($_GET['box']);
$module_type = 'payment';
$module_directory = DIR_FS_CATALOG_MODULES . 'payment/';
$module_key = 'MODULE_PAYMENT_INSTALLED';
$heading_title = HEADING_TITLE_MODULES_PAYMENT;
if ($set != 'payment') {
  die('The test shop models set=payment only.');
}
if (isset($_GET['error'])) {
  $messageStack->add($_GET['error'], 'error');
}

function instantiate_class($class) {
  static $module_array = array();
  if (!isset($module_array[$class]) || !is_object($module_array[$class])) {
    $module_array[$class] = new $class;
  }
  return $module_array[$class];
}

function get_module_info($module) {
  $info = array(
    'code' => $module->code,
    'title' => $module->title,
    'description' => $module->description,
    'extended_description' => isset($module->extended_description) ? $module->extended_description : '',
    'status' => $module->check(),
    'properties' => isset($module->properties) ? $module->properties : array(),
    'keys' => array(),
  );
  $module_keys = method_exists($module, 'keys') ? $module->keys() : array();
  if (!empty($module_keys)) {
    $query = xtc_db_query("SELECT configuration_key, configuration_value, use_function, set_function
                             FROM " . TABLE_CONFIGURATION . "
                            WHERE configuration_key IN ('" . implode("', '", $module_keys) . "')
                         ORDER BY FIELD(configuration_key, '" . implode("', '", $module_keys) . "')");
    while ($row = xtc_db_fetch_array($query)) {
      $info['keys'][$row['configuration_key']] = array(
        'title' => constant(strtoupper($row['configuration_key'] . '_TITLE')),
        'description' => constant(strtoupper($row['configuration_key'] . '_DESC')),
        'value' => $row['configuration_value'],
        'use_function' => $row['use_function'],
        'set_function' => $row['set_function'],
      );
    }
  }
  return $info;
}

$action = isset($_GET['action']) ? $_GET['action'] : '';
if (xtc_not_null($action)) {
  if (is_file(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . basename($module_class) . '.php')) {
    include_once(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . basename($module_class) . '.php');
  }
  switch ($action) {
    case 'save':
      if (isset($_POST['configuration']) && is_array($_POST['configuration'])) {
        foreach ($_POST['configuration'] as $key => $value) {
          if (is_array($value)) {
            $keys = array_keys($value);
            if (gettype(array_shift($keys)) == 'string') {
              $parts = array();
              foreach ($value as $k => $v) {
                if (xtc_not_null($v)) {
                  $parts[] = $k . '::' . $v;
                }
              }
              $value = implode('||', $parts);
            } else {
              $value = implode(',', $value);
            }
          }
          xtc_db_query("UPDATE " . TABLE_CONFIGURATION . " SET configuration_value = '" . xtc_db_input($value) . "' WHERE configuration_key = '" . $key . "'");
        }
      }
      xtc_redirect(xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $module_class));
      break;
    case 'install':
    case 'update':
    case 'removeconfirm':
    case 'custom':
      $class = basename($module_class);
      if (is_file($module_directory . $class . '.php')) {
        include_once($module_directory . $class . '.php');
        if (class_exists($class)) {
          $module = instantiate_class($class);
        }
        if ($action == 'install') {
          $module->install();
        } elseif ($action == 'removeconfirm') {
          $module->remove();
        } elseif ($action == 'update') {
          if (method_exists($module, 'update')) {
            $message = $module->update();
            if ($message !== false) {
              $messageStack->add_session(($message != '') ? $message : MODULE_UPDATE_CONFIRM, 'success');
            }
          }
        } elseif ($action == 'custom') {
          if (method_exists($module, 'custom')) {
            $module->custom();
          }
        }
      }
      xtc_redirect(xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $module_class));
      break;
    case 'edit':
      if (substr($module_class, 0, 6) == 'paypal') {
        xtc_redirect(xtc_href_link('paypal_module.php', 'action=edit&module=' . $module_class));
      }
      break;
  }
}

header('Content-Type: text/html; charset=' . $_SESSION['language_charset']);
echo '<!DOCTYPE html><html><head><meta charset="' . $_SESSION['language_charset'] . '"><title>' . $heading_title . "</title></head><body>\n";
echo '<h1>' . $heading_title . "</h1>\n";
echo '<div id="messages">' . $messageStack->output_all() . "</div>\n";

if (!xtc_not_null($action) || $box) {
  // "update needed": installed modules with a keys() entry that is not a defined constant
  $update_info = array();
  foreach (explode(';', constant($module_key)) as $file) {
    if ($file != '' && is_file($module_directory . $file)) {
      if (is_file(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . $file)) {
        include_once(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . $file);
      }
      include_once($module_directory . $file);
      $class = substr($file, 0, strpos($file, '.'));
      if (class_exists($class)) {
        $module = instantiate_class($class);
        if ($module instanceof $class && $module->check() > 0) {
          foreach ($module->keys() as $key) {
            if (!defined($key)) {
              $update_info[] = '<li>' . $module->title . ' (' . $class . ')</li>';
              break;
            }
          }
        }
      }
    }
  }
  if (count($update_info) > 0) {
    echo '<div class="error_message" id="update_needed">' . TEXT_MODULE_UPDATE_NEEDED . '<ul>' . implode('', $update_info) . "</ul></div>\n";
  }

  $directory_array = array('installed' => array(), 'uninstalled' => array());
  foreach (auto_include($module_directory, 'php') as $path) {
    $filename = basename($path);
    if (is_file(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . $filename)) {
      include_once(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . $filename);
    } else {
      $messageStack->add(sprintf(TEXT_MODULE_FILE_MISSING, $_SESSION['language'], $filename), 'warning');
    }
    include_once($module_directory . $filename);
    $class = substr($filename, 0, strpos($filename, '.'));
    if (class_exists($class)) {
      $module = instantiate_class($class);
      if (is_object($module) && method_exists($module, 'check')) {
        if ($module instanceof $class && $module->check() > 0) {
          if (!isset($module->sort_order) || !is_numeric($module->sort_order)) {
            $module->sort_order = 0;
          }
          $directory_array['installed'][get_module_configuration_sorting($directory_array['installed'], $module->sort_order)] = $filename;
        } else {
          $directory_array['uninstalled'][] = $filename;
        }
      }
    }
  }
  ksort($directory_array['installed']);
  $directory_array['installed'] = array_values($directory_array['installed']);
  sort($directory_array['uninstalled']);

  $installed_modules = array();
  echo '<div id="warnings">' . $messageStack->output('global') . "</div>\n";
  echo '<table id="modules">' . "\n";
  foreach (array('installed' => TABLE_HEADING_MODULES_INSTALLED, 'uninstalled' => TABLE_HEADING_MODULES_NOT_INSTALLED) as $group => $group_title) {
    if (count($directory_array[$group]) == 0) {
      continue;
    }
    echo '<tr><th colspan="4">' . $group_title . '</th></tr><tr><th>' . TABLE_HEADING_MODULES . '</th><th>' . TABLE_HEADING_FILENAME . '</th><th>' . TABLE_HEADING_SORT_ORDER . '</th><th>' . TABLE_HEADING_STATUS . "</th></tr>\n";
    foreach ($directory_array[$group] as $file) {
      $class = substr($file, 0, strpos($file, '.'));
      $module = instantiate_class($class);
      if ($module->check() > 0) {
        $installed_modules[$module->sort_order][] = $file;
        sort($installed_modules[$module->sort_order]);
      }
      if (($module_class == '' || $module_class == $class) && !isset($mInfo)) {
        $mInfo = new objectInfo(get_module_info($module));
      }
      $status = ($module->check() > 0) ? ((isset($module->enabled) && $module->enabled) ? 'enabled' : 'disabled') : '';
      echo '<tr class="module" data-code="' . htmlspecialchars($class) . '"><td><a href="' . xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $class) . '">' . $module->title . '</a></td><td>'
         . str_replace('.php', '', $file) . '</td><td>' . ((isset($module->sort_order) && is_numeric($module->sort_order)) ? $module->sort_order : '') . '</td><td class="status">' . $status . "</td></tr>\n";
    }
  }
  echo "</table>\n";

  ksort($installed_modules);
  $installed_modules = array_reduce($installed_modules, 'array_merge', array());
  $check_query = xtc_db_query("SELECT configuration_value FROM " . TABLE_CONFIGURATION . " WHERE configuration_key = '" . $module_key . "'");
  if (xtc_db_num_rows($check_query)) {
    $check = xtc_db_fetch_array($check_query);
    if ($check['configuration_value'] != implode(';', $installed_modules)) {
      xtc_db_query("UPDATE " . TABLE_CONFIGURATION . " SET configuration_value = '" . implode(';', $installed_modules) . "', last_modified = now() WHERE configuration_key = '" . $module_key . "'");
    }
  } else {
    xtc_db_query("INSERT INTO " . TABLE_CONFIGURATION . " (configuration_key, configuration_value, configuration_group_id, sort_order, date_added) VALUES ('" . $module_key . "', '" . implode(';', $installed_modules) . "', '6', '0', now())");
  }
}

$heading = array();
$contents = array();
switch ($action) {
  case 'remove':
    $heading[] = array('text' => '<b>' . $mInfo->title . '</b>');
    $contents = array('form' => isset($mInfo->properties['form_remove']) ? $mInfo->properties['form_remove'] : xtc_draw_form('modules', FILENAME_MODULES, 'set=' . $set . '&module=' . $module_class . '&action=removeconfirm'));
    $contents[] = array('text' => '<br />' . TEXT_INFO_MODULE_REMOVE);
    if (isset($mInfo->properties['remove']) && count($mInfo->properties['remove']) > 0) {
      foreach ($mInfo->properties['remove'] as $key) {
        $contents[] = array('text' => '<br />' . $key);
      }
    }
    $contents[] = array('text' => '<input type="submit" id="button_remove" value="' . BUTTON_MODULE_REMOVE . '"> <a href="' . xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $module_class) . '">' . BUTTON_CANCEL . '</a>');
    break;
  case 'edit':
    if (!isset($mInfo)) {
      $class = basename($module_class);
      if (is_file(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . $class . '.php')) {
        include_once(DIR_FS_LANGUAGES . $_SESSION['language'] . '/modules/' . $module_type . '/' . $class . '.php');
      }
      include_once($module_directory . $class . '.php');
      if (class_exists($class)) {
        $module = new $class;
        $mInfo = new objectInfo(get_module_info($module));
      }
    }
    $keys = '';
    foreach ($mInfo->keys as $key => $value) {
      $keys .= '<b>' . $value['title'] . '</b>' . (($value['description'] != '') ? '<br />' . $value['description'] : '') . '<br />';
      if ($value['set_function']) {
        if (strpos($value['set_function'], '->') !== false) {
          $class_method = explode('->', $value['set_function']);
          if (!isset(${$class_method[0]}) || !is_object(${$class_method[0]})) {
            include(DIR_WS_CLASSES . $class_method[0] . '.php');
            ${$class_method[0]} = new $class_method[0]();
          }
          $keys .= call_user_func_array(array(${$class_method[0]}, $class_method[1]), array($value['value'], $key));
        } elseif (strpos($value['set_function'], '(') !== false) {
          eval('$keys .= ' . $value['set_function'] . "'" . encode_htmlspecialchars($value['value'], ENT_QUOTES) . "', '" . $key . "');");
        } else {
          $parameters = explode(';', $value['set_function']);
          $function = trim($parameters[0]);
          $parameters[0] = $value['value'];
          $parameters[] = 'configuration[%s]';
          $keys .= xtc_call_function($function, $parameters);
        }
      } else {
        $keys .= xtc_draw_input_field('configuration[' . $key . ']', $value['value'], 'class="inputModule"');
      }
      $keys .= '<br /><br />';
    }
    $keys = substr($keys, 0, (int)strrpos($keys, '<br /><br />'));
    $heading[] = array('text' => '<b>' . $mInfo->title . '</b>');
    $contents = array('form' => isset($mInfo->properties['form_edit']) ? $mInfo->properties['form_edit'] : xtc_draw_form('modules', FILENAME_MODULES, 'set=' . $set . '&module=' . $module_class . '&action=save'));
    $contents[] = array('text' => $keys);
    $contents[] = (isset($module) && method_exists($module, 'display')) ? $module->display() : array();
    $contents[] = array('text' => '<input type="submit" id="button_update" value="' . BUTTON_UPDATE . '"> <a href="' . xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $module_class) . '">' . BUTTON_CANCEL . '</a>');
    $contents[] = (isset($module) && method_exists($module, 'display_end')) ? $module->display_end() : array();
    break;
  default:
    if (isset($mInfo) && is_object($mInfo)) {
      $heading[] = array('text' => '<b>' . $mInfo->title . ($mInfo->status > 1 ? ' ' . sprintf(MULTIPLE_INSTALLATION, $mInfo->status) : '') . '</b>');
      if ($mInfo->status != '0') {
        $keys = '';
        foreach ($mInfo->keys as $value) {
          $keys .= '<b>' . $value['title'] . '</b><br />';
          if ($value['use_function']) {
            if (strpos($value['use_function'], '->') !== false) {
              $class_method = explode('->', $value['use_function']);
              if (!isset(${$class_method[0]}) || !is_object(${$class_method[0]})) {
                include(DIR_WS_CLASSES . $class_method[0] . '.php');
                ${$class_method[0]} = new $class_method[0]();
              }
              $keys .= xtc_call_function($class_method[1], $value['value'], ${$class_method[0]});
            } else {
              $keys .= xtc_call_function($value['use_function'], $value['value']);
            }
          } else {
            $keys .= (strlen($value['value']) > 30) ? substr(strip_tags($value['value']), 0, 30) . ' ...' : $value['value'];
          }
          $keys .= '<br /><br />';
        }
        $keys = substr($keys, 0, (int)strrpos($keys, '<br /><br />'));
        $contents[] = array('text' => '<a id="button_edit" href="' . xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $mInfo->code . '&action=edit') . '">' . BUTTON_EDIT . '</a> '
                                    . '<a id="button_remove" href="' . xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $mInfo->code . '&action=remove&box=1') . '">' . BUTTON_MODULE_REMOVE . '</a>'
                                    . (isset($mInfo->properties['button_update']) ? $mInfo->properties['button_update'] : ''));
        $contents[] = array('text' => '<br />' . $mInfo->description);
        if ($mInfo->extended_description != '') {
          $contents[] = array('text' => '<br />' . $mInfo->extended_description);
        }
        $contents[] = array('text' => '<br />' . $keys);
      } else {
        $contents[] = array('text' => '<a id="button_install" href="' . xtc_href_link(FILENAME_MODULES, 'set=' . $set . '&module=' . $mInfo->code . '&action=install') . '">' . BUTTON_MODULE_INSTALL . '</a>');
        $contents[] = array('text' => '<br />' . $mInfo->description);
      }
    }
    break;
}
if (xtc_not_null($heading) && xtc_not_null($contents)) {
  $infobox = new box();
  echo '<div id="infobox" class="modulbox">' . $infobox->infoBox($heading, $contents);
  if (isset($mInfo->properties['add_content'])) {
    echo $mInfo->properties['add_content'];
  }
  echo "</div>\n";
}
echo "</body></html>\n";
xtc_session_close();
