<?php
/* Test double: one flat-rate shipping method 'flat_flat' (MODULE_SHIPPING_FLAT_COST in the default currency). */
class shipping {
  var $modules = array('flat.php');
  var $selected_module;

  function __construct($module = '') {
    if (is_array($module) && isset($module['id'])) {
      $this->selected_module = $module['id'];
    }
  }

  function quote() {
    return array(array('id' => 'flat', 'module' => MODULE_SHIPPING_FLAT_TEXT_TITLE,
                       'methods' => array(array('id' => 'flat', 'title' => MODULE_SHIPPING_FLAT_TEXT_WAY, 'cost' => (double)MODULE_SHIPPING_FLAT_COST))));
  }
}
