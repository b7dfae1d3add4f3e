<?php
/* Test double: the few Smarty methods hooks call (assign/clear_assign/getTemplateVars); the double's pages
   render plain HTML and read the assigned values themselves. */
class Smarty {
  var $tpl_vars = array();
  var $caching = 0;

  function assign($name, $value = null) {
    if (is_array($name)) {
      foreach ($name as $k => $v) {
        $this->tpl_vars[$k] = $v;
      }
    } else {
      $this->tpl_vars[$name] = $value;
    }
  }

  function clear_assign($name) {
    unset($this->tpl_vars[$name]);
  }

  function getTemplateVars($name = null) {
    if ($name === null) {
      return $this->tpl_vars;
    }
    return isset($this->tpl_vars[$name]) ? $this->tpl_vars[$name] : null;
  }

  function get_template_vars($name = null) {
    return $this->getTemplateVars($name);
  }

  function fetch($template) {
    return '';
  }

  function display($template) {
  }

  function load_filter($type, $name) {
  }
}
