<?php
/* Test double of includes/classes/payment.php (modified 3.3), own code, same behaviour:
   - MODULE_PAYMENT_INSTALLED (';' list of files) filtered by existing file and MODULE_PAYMENT_<CODE>_STATUS == true
     (case-insensitive); with $module only that module is loaded (when it is in the list);
   - skipped if in the customer group's customers_status_payment_unallowed, or if MODULE_PAYMENT_<CODE>_ALLOWED
     (ISO-2 list, whitespace removed, upper-cased) is non-empty and lacks $_SESSION['billing_zone']
     ('cod' checks delivery_zone);
   - language file lang/<language>/modules/payment/<file> then the module file, object in $GLOBALS[<code>];
   - the wrappers call the selected module only if it exists, is enabled and has the method
     (update_status() does not check enabled, as in the shop);
   - with exactly one enabled module it becomes $_SESSION['payment'] (as the shop does).
   Not modelled: checkout class-extension modules, download/GV/shipping exclusions, PayPal session lists. */
class payment {
  var $modules;
  var $selected_module;
  var $form_action_url;

  function __construct($module = '') {
    $this->modules = array();
    if (!defined('MODULE_PAYMENT_INSTALLED') || !xtc_not_null(MODULE_PAYMENT_INSTALLED)) {
      return;
    }
    $module_directory = DIR_WS_MODULES . 'payment/';
    foreach (explode(';', MODULE_PAYMENT_INSTALLED) as $file) {
      $class = substr($file, 0, (int)strrpos($file, '.'));
      $status_key = 'MODULE_PAYMENT_' . strtoupper($class) . '_STATUS';
      $module_status = defined($status_key) && strtolower(constant($status_key)) == 'true';
      if (is_file($module_directory . $file) && $module_status) {
        $this->modules[] = $file;
      }
    }

    $include_modules = array();
    if (xtc_not_null($module) && in_array($module . '.php', $this->modules)) {
      $this->selected_module = $module;
      $include_modules[] = array('class' => $module, 'file' => $module . '.php');
    } else {
      foreach ($this->modules as $value) {
        $include_modules[] = array('class' => substr($value, 0, (int)strrpos($value, '.')), 'file' => $value);
      }
    }

    $unallowed = isset($_SESSION['customers_status']['customers_status_payment_unallowed']) ? $_SESSION['customers_status']['customers_status_payment_unallowed'] : '';
    $unallowed = array_filter(explode(',', preg_replace("'[\r\n\s]+'", '', $unallowed)));

    foreach ($include_modules as $include) {
      if (in_array($include['class'], $unallowed)) {
        continue;
      }
      $allowed_zones = array();
      $allowed_key = 'MODULE_PAYMENT_' . strtoupper($include['class']) . '_ALLOWED';
      if (defined($allowed_key) && constant($allowed_key) != '') {
        $allowed_zones = array_filter(explode(',', strtoupper(preg_replace("'[\r\n\s]+'", '', constant($allowed_key)))));
      }
      $zone = isset($_SESSION['billing_zone']) ? $_SESSION['billing_zone'] : '';
      if ($include['class'] == 'cod') {
        $zone = isset($_SESSION['delivery_zone']) ? $_SESSION['delivery_zone'] : '';
      }
      if (($zone != '' && in_array($zone, $allowed_zones)) || count($allowed_zones) == 0) {
        include_once(DIR_WS_LANGUAGES . $_SESSION['language'] . '/modules/payment/' . $include['file']);
        include_once(DIR_WS_MODULES . 'payment/' . $include['file']);
        if (class_exists($include['class'])) {
          $GLOBALS[$include['class']] = new $include['class'];
        }
      }
    }

    if ($this->count_enabled() == 1 && (!isset($_SESSION['payment']) || !is_object($_SESSION['payment']))) {
      $_SESSION['payment'] = $include_modules[0]['class'];
    }
    // the shop compares the code with the file-name list here, so this copy practically never happens
    if (xtc_not_null($module) && in_array($module, $this->modules) && isset($GLOBALS[$module]->form_action_url)) {
      $this->form_action_url = $GLOBALS[$module]->form_action_url;
    }
  }

  // xtc_count_payment_modules(): installed modules whose global object exists and is enabled
  function count_enabled() {
    $count = 0;
    foreach (explode(';', MODULE_PAYMENT_INSTALLED) as $file) {
      $class = substr($file, 0, (int)strrpos($file, '.'));
      if ($class != '' && isset($GLOBALS[$class]) && is_object($GLOBALS[$class]) && $GLOBALS[$class]->enabled) {
        $count++;
      }
    }
    return $count;
  }

  private function selected_object($require_enabled = true) {
    if (!is_array($this->modules) || !isset($this->selected_module) || !isset($GLOBALS[$this->selected_module])) {
      return null;
    }
    $object = $GLOBALS[$this->selected_module];
    if (!is_object($object) || ($require_enabled && !$object->enabled)) {
      return null;
    }
    return $object;
  }

  private function call_selected($method) {
    $object = $this->selected_object();
    if ($object !== null && method_exists($object, $method)) {
      return $object->$method();
    }
    return null;
  }

  function update_status() {
    $object = $this->selected_object(false);
    if ($object !== null && method_exists($object, 'update_status')) {
      $object->update_status();
    }
  }

  function javascript_validation() {
    $js = '';
    if (is_array($this->modules)) {
      $js = '<script type="text/javascript">' . "\n" . 'function check_form_payment() {' . "\n" . '  var error = 0;' . "\n" . '  var submitter = 0;' . "\n";
      foreach ($this->modules as $value) {
        $class = substr($value, 0, (int)strrpos($value, '.'));
        if (isset($GLOBALS[$class]) && is_object($GLOBALS[$class]) && $GLOBALS[$class]->enabled && method_exists($GLOBALS[$class], 'javascript_validation')) {
          $js .= $GLOBALS[$class]->javascript_validation();
        }
      }
      $js .= '  return true;' . "\n" . '}' . "\n" . '</script>' . "\n";
    }
    return $js;
  }

  function selection() {
    $selection_array = array();
    if (is_array($this->modules)) {
      foreach ($this->modules as $value) {
        $class = substr($value, 0, (int)strrpos($value, '.'));
        if (isset($GLOBALS[$class]) && is_object($GLOBALS[$class]) && $GLOBALS[$class]->enabled && method_exists($GLOBALS[$class], 'selection')) {
          $selection = $GLOBALS[$class]->selection();
          if (is_array($selection)) {
            $selection_array[] = $selection;
          }
        }
      }
    }
    return $selection_array;
  }

  function pre_confirmation_check() {
    global $credit_covers, $payment_modules;
    $object = $this->selected_object();
    if ($object === null) {
      return;
    }
    if ($credit_covers) {
      $GLOBALS[$this->selected_module]->enabled = false;
      $GLOBALS[$this->selected_module] = null;
      $payment_modules = '';
    } elseif (method_exists($object, 'pre_confirmation_check')) {
      $object->pre_confirmation_check();
    }
  }

  function confirmation() { return $this->call_selected('confirmation'); }
  function process_button() { return $this->call_selected('process_button'); }
  function before_process() { return $this->call_selected('before_process'); }
  function payment_action() { return $this->call_selected('payment_action'); }
  function before_send_order() { return $this->call_selected('before_send_order'); }
  function after_process() { return $this->call_selected('after_process'); }
  function get_error() { return $this->call_selected('get_error'); }
  function iframeAction() { return $this->call_selected('iframeAction'); }
  function create_paypal_link() { return $this->call_selected('create_paypal_link'); }

  function success() {
    $object = $this->selected_object();
    if ($object !== null) {
      return method_exists($object, 'success') ? $object->success() : array();
    }
    return null;
  }

  function info() {
    $object = $this->selected_object();
    if ($object !== null) {
      return method_exists($object, 'info') ? $object->info() : array();
    }
    return null;
  }

  // title from MODULE_PAYMENT_<CODE>_TEXT_TITLE of the given (or session) language; constant() is fatal when missing
  public static function payment_title($payment_method, $order_id = '', $language = '') {
    static $titles = array();
    if ($payment_method == '' || ($payment_method == 'no_payment' && !defined('RUN_MODE_ADMIN'))) {
      return false;
    }
    if ($language == '') {
      $language = $_SESSION['language'];
    }
    if (!isset($titles[$payment_method][(int)$order_id])) {
      if (is_file(DIR_FS_CATALOG . 'includes/modules/payment/' . $payment_method . '.php')) {
        include_once(DIR_FS_CATALOG . 'lang/' . $language . '/modules/payment/' . $payment_method . '.php');
        $name = strip_tags(constant(strtoupper('MODULE_PAYMENT_' . $payment_method . '_TEXT_TITLE')));
      } else {
        $name = $payment_method;
      }
      $titles[$payment_method][(int)$order_id] = $name;
    }
    return $titles[$payment_method][(int)$order_id];
  }
}
