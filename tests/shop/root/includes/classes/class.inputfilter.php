<?php
/* Test double of the shop's InputFilter (class.inputfilter.php): the same damage to $_GET/$_POST/$_REQUEST.
   process(): per string value entity decoding (ISO-8859-15 while no session charset is set), &#NN; and
   &#xNN; decoding with chr() (so values > 255 wrap), repeated removal of tag-like text, 'null'/'now()' and
   values with a NUL byte become ''. A key that changes under filtering is dropped and process() returns at
   once (later keys are left unfiltered). safeSQL(): top level only, decode again and stripslashes(). */
class InputFilter {

  function process($source) {
    if (is_array($source)) {
      foreach ($source as $key => $value) {
        $tmp_key = $key;
        unset($source[$key]);
        $key = $this->remove($this->decode((string)$key));
        if ($key != $tmp_key) {
          return $source;
        }
        if (is_string($value)) {
          $source[$key] = $this->remove($this->decode($value));
        } elseif (is_array($value)) {
          $source[$key] = $this->process($value);
        }
      }
      return $source;
    }
    if (is_string($source)) {
      return $this->remove($this->decode($source));
    }
    return $source;
  }

  function remove($source) {
    while ($source != $this->filterTags($source)) {
      $source = $this->filterTags($source);
    }
    return $source;
  }

  function filterTags($source) {
    if (strpos($source, "\0") !== false) {
      return '';
    }
    $trimmed = strtolower(trim($source));
    if ($trimmed == 'null' || $trimmed == 'now()') {
      return '';
    }
    return preg_replace('~<\S[^<>]*>~', '', $source);
  }

  function decode($source = '') {
    if ($source != '') {
      $source = decode_htmlentities($source, ENT_QUOTES);
      $source = preg_replace_callback('/&#(\d+);/m', function ($m) { return chr((int)$m[1]); }, $source);
      $source = preg_replace_callback('/&#x([a-f0-9]+);/mi', function ($m) { return chr(hexdec($m[1])); }, $source);
    }
    return $source;
  }

  function safeSQL($source) {
    if (is_array($source)) {
      foreach ($source as $key => $value) {
        if (is_string($value)) {
          $source[$key] = stripslashes($this->decode($value));
        }
      }
      return $source;
    }
    if (is_string($source)) {
      return stripslashes($this->decode($source));
    }
    return $source;
  }
}
