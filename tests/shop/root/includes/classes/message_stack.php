<?php
/* Test double of messageStack: add(), add_session(), size(), output(). */
class messageStack {
  var $messages = array();

  function __construct() {
    if (isset($_SESSION['messageToStack']) && is_array($_SESSION['messageToStack'])) {
      foreach ($_SESSION['messageToStack'] as $m) {
        $this->add($m['class'], $m['text'], $m['type']);
      }
      unset($_SESSION['messageToStack']);
    }
  }

  // catalog signature add($class, $message, $type); admin uses add($message, $type)
  function add($class, $message = '', $type = 'error') {
    if (defined('RUN_MODE_ADMIN') && ($message === '' || in_array($message, array('error', 'warning', 'success')))) {
      $type = ($message === '') ? 'error' : $message;
      $message = $class;
      $class = 'global';
    }
    $this->messages[] = array('class' => $class, 'text' => $message, 'type' => $type);
  }

  function add_session($class, $message = '', $type = 'error') {
    if (defined('RUN_MODE_ADMIN') && ($message === '' || in_array($message, array('error', 'warning', 'success')))) {
      $type = ($message === '') ? 'error' : $message;
      $message = $class;
      $class = 'global';
    }
    if (!isset($_SESSION['messageToStack']) || !is_array($_SESSION['messageToStack'])) {
      $_SESSION['messageToStack'] = array();
    }
    $_SESSION['messageToStack'][] = array('class' => $class, 'text' => $message, 'type' => $type);
  }

  function size($class = 'global') {
    $n = 0;
    foreach ($this->messages as $m) {
      if ($m['class'] == $class) {
        $n++;
      }
    }
    return $n;
  }

  function output($class = 'global') {
    $html = '';
    foreach ($this->messages as $m) {
      if ($m['class'] == $class) {
        $html .= '<div class="message_' . htmlspecialchars($m['type']) . '">' . $m['text'] . '</div>';
      }
    }
    return $html;
  }

  function output_all() {
    $html = '';
    foreach ($this->messages as $m) {
      $html .= '<div class="message_' . htmlspecialchars($m['type']) . '" data-class="' . htmlspecialchars($m['class']) . '">' . $m['text'] . '</div>';
    }
    $this->messages = array();
    return $html;
  }
}
