<?php
/* Test double of set_language_sessions.php: ?language=<code> switches; session keys language (directory),
   languages_id, language_charset, language_code. Unknown code -> DEFAULT_LANGUAGE. */
foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/modules/set_language_sessions/', 'php') as $file) require_once($file);
if (isset($_GET['language']) || !isset($_SESSION['language']) || !isset($_SESSION['languages_id'])
    || !isset($_SESSION['language_charset']) || !isset($_SESSION['language_code'])) {
  $wanted = (isset($_GET['language']) && is_string($_GET['language'])) ? preg_replace('/[^a-zA-Z_-]/', '', $_GET['language']) : DEFAULT_LANGUAGE;
  $lng_query = xtc_db_query("SELECT * FROM " . TABLE_LANGUAGES . " WHERE code = '" . xtc_db_input($wanted) . "' AND status = '1'");
  $lng = xtc_db_fetch_array($lng_query);
  if (!is_array($lng)) {
    $lng_query = xtc_db_query("SELECT * FROM " . TABLE_LANGUAGES . " WHERE code = '" . xtc_db_input(DEFAULT_LANGUAGE) . "'");
    $lng = xtc_db_fetch_array($lng_query);
  }
  $_SESSION['language'] = $lng['directory'];
  $_SESSION['languages_id'] = $lng['languages_id'];
  $_SESSION['language_charset'] = $lng['language_charset'];
  $_SESSION['language_code'] = $lng['code'];
}
@ini_set('default_charset', $_SESSION['language_charset']);
